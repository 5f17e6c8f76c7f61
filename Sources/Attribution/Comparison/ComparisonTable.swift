import Foundation
import Recordings
import Tensors

/// The comparison table: per method, every metric's mean over the repetitions (seeds) with a
/// bootstrap 95 % confidence interval over seeds, and the mean wall time.
///
/// CI: percentile bootstrap — resample the S per-seed values with replacement `replicates`
/// times (default 1,000, `Xoshiro256(seed:)`), take the 2.5 % and 97.5 % quantiles of the
/// resampled means (linear interpolation between order statistics, numpy's default). With one
/// seed the interval collapses to the value.
public struct ComparisonTable: Sendable {
    public struct Cell: Sendable, Equatable, Codable {
        public var mean: Double
        public var lower: Double
        public var upper: Double
        public var count: Int
    }

    public struct Row: Sendable, Equatable {
        public var method: String
        public var metrics: [String: Cell]
        public var seconds: Cell
        public var samples: Int
    }

    public var rows: [Row]
    public var seeds: [UInt64]

    public init(runs: [ComparisonRun], replicates: Int = 1_000, bootstrapSeed: UInt64 = 0) {
        seeds = runs.map(\.seed)
        var order: [String] = []
        for r in runs { for x in r.results where !order.contains(x.method) { order.append(x.method) } }
        var rng = Xoshiro256(seed: bootstrapSeed)
        rows = order.map { method in
            let results = runs.compactMap { $0.results.first { $0.method == method } }
            var metrics: [String: Cell] = [:]
            for (k, name) in ComparisonScores.columnNames.enumerated() {
                let values = results.compactMap { $0.scores?.columns[k].1 }.filter(\.isFinite)
                if let cell = ComparisonTable.cell(values, replicates: replicates, using: &rng) { metrics[name] = cell }
            }
            let secs = ComparisonTable.cell(results.map(\.seconds), replicates: replicates, using: &rng)!
            return Row(method: method, metrics: metrics, seconds: secs, samples: results.first?.samples ?? 0)
        }
    }

    static func cell(_ v: [Double], replicates: Int, using rng: inout Xoshiro256) -> Cell? {
        guard !v.isEmpty else { return nil }
        let mean = v.reduce(0, +) / Double(v.count)
        guard v.count > 1, replicates > 0 else { return Cell(mean: mean, lower: mean, upper: mean, count: v.count) }
        var means = [Double](repeating: 0, count: replicates)
        for r in 0..<replicates {
            var s = 0.0
            for _ in 0..<v.count { s += v[rng.uniformInt(below: v.count)] }
            means[r] = s / Double(v.count)
        }
        means.sort()
        return Cell(mean: mean, lower: BlockBootstrap.quantile(means, 0.025), upper: BlockBootstrap.quantile(means, 0.975), count: v.count)
    }

    /// CSV: method, samples, seeds, then per metric `<m>`, `<m>_ci_low`, `<m>_ci_high`, then
    /// `seconds` with its CI. Missing values are empty cells.
    public func csv() -> String {
        var header = ["method", "samples", "seeds"]
        for m in ComparisonScores.columnNames + ["seconds"] { header += [m, "\(m)_ci_low", "\(m)_ci_high"] }
        var lines = [header.joined(separator: ",")]
        for r in rows {
            var f = [r.method, "\(r.samples)", "\(seeds.count)"]
            for m in ComparisonScores.columnNames {
                if let c = r.metrics[m] { f += [fmt(c.mean), fmt(c.lower), fmt(c.upper)] } else { f += ["", "", ""] }
            }
            f += [fmt(r.seconds.mean), fmt(r.seconds.lower), fmt(r.seconds.upper)]
            lines.append(f.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func fmt(_ v: Double) -> String { String(format: "%.6g", v) }

    /// JSON object: seeds, rows (method, samples, metrics {name: {mean, lower, upper, count}},
    /// seconds), and every per-seed result.
    public func json(runs: [ComparisonRun], parameters: [String: Any]) throws -> Data {
        func cell(_ c: Cell) -> [String: Any] { ["mean": c.mean, "ci_low": c.lower, "ci_high": c.upper, "n": c.count] }
        let table: [[String: Any]] = rows.map { r in
            ["method": r.method, "samples": r.samples, "seconds": cell(r.seconds),
             "metrics": Dictionary(uniqueKeysWithValues: r.metrics.map { ($0.key, cell($0.value)) })]
        }
        let perSeed: [[String: Any]] = runs.flatMap { run in
            run.results.map { x in
                var d: [String: Any] = ["method": x.method, "seed": x.seed, "seconds": x.seconds, "samples": x.samples]
                if let s = x.scores { for (k, v) in s.columns { if let v, v.isFinite { d[k] = v } } }
                return d
            }
        }
        let object: [String: Any] = ["schema_version": 1, "xcebra": ToolkitVersion.string, "seeds": seeds.map { Int($0) },
                                     "parameters": parameters, "table": table, "per_seed": perSeed]
        return try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
    }

    /// Writes DIR/comparison.csv and DIR/comparison.json (temporary file, then rename).
    public func write(runs: [ComparisonRun], parameters: [String: Any], to dir: String) throws {
        let url = URL(fileURLWithPath: dir)
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            try ComparisonTable.writeAtomically(Data(csv().utf8), to: url.appendingPathComponent("comparison.csv").path)
            try ComparisonTable.writeAtomically(try json(runs: runs, parameters: parameters), to: url.appendingPathComponent("comparison.json").path)
        } catch {
            throw AttributionError.output(path: dir, reason: "\(error)")
        }
    }

    /// Writes to a temporary file next to `path`, then renames it into place.
    public static func writeAtomically(_ data: Data, to path: String) throws {
        let tmp = AtomicFile.temporaryPath(for: path)
        try data.write(to: URL(fileURLWithPath: tmp))
        try AtomicFile.moveIntoPlace(tmp, path)
    }
}
