import Foundation
import Reports

/// The sweep's outputs: `dimensions.csv` (one row per d′), `dimensions.json` (the whole
/// summary, rule and estimate included) and `dimensions.svg` (GoF ± s.e. and consistency
/// against d′, the chosen d′ marked).
public enum SweepReport {
    /// One row per candidate: d, seeds, gof_bits_mean, gof_bits_se, per-objective means and
    /// s.e. (`gof_bits_<k>`, `gof_bits_se_<k>`), consistency_r2_mean, consistency_r2_se,
    /// full_consistency_r2_mean, training_seconds_mean, evaluation_seconds_mean, per-seed bits
    /// ("0.12;0.15;…"). Empty fields where undefined. Lines starting with # describe the columns.
    public static func csv(_ s: SweepSummary) -> String {
        var header = ["d", "seeds", "gof_bits_mean", "gof_bits_se"]
        for k in s.objectiveNames.indices { header += ["gof_bits_\(k)", "gof_bits_se_\(k)"] }
        header += ["consistency_r2_mean", "consistency_r2_se", "full_consistency_r2_mean", "training_seconds_mean",
                   "evaluation_seconds_mean", "gof_bits_per_seed"]
        var estimate = "none"
        if let e = s.estimate {
            let latent = e.latentDimension.map { " (a \($0)-dimensional latent on a normalised slice)" } ?? ""
            estimate = "d′ = \(e.dimension)\(latent) (band \(e.band), bootstrap 95 % \(e.bootstrapInterval))"
        }
        var lines = ["# session: \(s.sessionID); swept slice: \(s.slice.rawValue); criterion: \(s.criterion); B = \(s.batchSize); \(s.evaluationBatches) held-out batches",
                     "# objectives: " + s.objectiveNames.enumerated().map { "\($0.offset)=\($0.element)" }.joined(separator: "; "),
                     "# goodness of fit: \(s.measure.rawValue); rule: \((s.dimensionCriterion?.rule ?? .band).rawValue)",
                     "# estimate: " + estimate,
                     header.joined(separator: ",")]
        func f(_ x: Double?) -> String { x.map { $0.isFinite ? String(format: "%.6g", $0) : "nan" } ?? "" }
        for r in s.rows {
            var row = [String(r.dimension), String(r.seeds.count), f(r.bitsMean), f(r.bitsStandardError)]
            for k in s.objectiveNames.indices { row += [f(r.objectiveBitsMean[k]), f(r.objectiveBitsStandardError[k])] }
            row += [f(r.consistencyMean), f(r.consistencyStandardError), f(r.fullConsistencyMean), f(r.trainingSecondsMean),
                    f(r.evaluationSecondsMean), r.bits.map { f($0) }.joined(separator: ";")]
            lines.append(row.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// GoF mean ± s.e. of the criterion objective (left axis, bits) with each seed's value as a
    /// dot, the other objectives' GoF dashed, consistency R² on the right axis, a marker at the
    /// chosen d′. `title` replaces the default title (e.g. to name the swept variable).
    public static func chart(_ s: SweepSummary, title: String? = nil) -> LineChart {
        let x = s.rows.map { Double($0.dimension) }
        let criterion = s.objectiveNames.firstIndex(of: s.criterion) ?? 0
        var series = [LineChart.Series(name: "GoF \(s.criterion) (mean ± s.e.)", x: x, y: s.rows.map(\.bitsMean),
                                       error: s.rows.map(\.bitsStandardError), showsMarkers: true)]
        if s.rows.contains(where: { $0.bits.count > 1 }) {
            let seeds = s.rows.flatMap { r in r.bits.map { _ in Double(r.dimension) } }
            series.append(LineChart.Series(name: "GoF per seed", x: seeds, y: s.rows.flatMap(\.bits), color: Palette.color(0),
                                           showsLine: false))
        }
        for k in s.objectiveNames.indices where k != criterion {
            series.append(LineChart.Series(name: "GoF \(s.objectiveNames[k])", x: x, y: s.rows.map { $0.objectiveBitsMean[k] },
                                           error: s.rows.map { $0.objectiveBitsStandardError[k] }, dashed: true, showsMarkers: true))
        }
        if s.rows.contains(where: { $0.consistencyMean != nil }) {
            series.append(LineChart.Series(name: "consistency R² across seeds", x: x, y: s.rows.map { $0.consistencyMean ?? .nan },
                                           error: s.rows.map { $0.consistencyStandardError ?? .nan }, dashed: true,
                                           showsMarkers: true, onSecondaryAxis: true))
        }
        let markers = s.estimate.map { [LineChart.Marker(x: Double($0.dimension), label: "chosen d′ = \($0.dimension)")] } ?? []
        return LineChart(
            title: title ?? "Goodness of fit against the \(s.slice.rawValue) dimension — \(s.sessionID)",
            xAxis: Axis("\(s.slice.rawValue) dimensions d′"), yAxis: Axis("held-out goodness of fit (bits, \(s.measure.rawValue))", includesZero: true),
            series: series, secondaryYAxis: Axis("consistency R²", domain: 0...1), markers: markers,
            summary: "Held-out \(s.measure == .calibrated ? "calibrated" : "InfoNCE") goodness of fit in bits against the number of \(s.slice.rawValue) dimensions, each seed and the mean ± s.e. over seeds, with the consistency between seeds; the chosen dimension is marked.")
    }

    /// Writes the three files into `directory` (atomically) and returns their paths.
    @discardableResult
    public static func write(_ s: SweepSummary, to directory: String) throws -> [String] {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys]
        e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let files: [(String, Data)] = [("dimensions.csv", Data(csv(s).utf8)), ("dimensions.json", try e.encode(s)),
                                       ("dimensions.svg", Data(chart(s).svg().utf8))]
        return try files.map { name, data in
            let path = directory + "/" + name
            try DimensionSweep.writeAtomically(data, to: path)
            return path
        }
    }
}
