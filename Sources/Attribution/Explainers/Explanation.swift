import Dispatch
import Tensors

/// The result of running an `Explainer` over a set of samples.
public struct Explanation {
    public struct Options: Sendable {
        /// Samples per chunk (bounds memory: one chunk of inputs, Jacobians and maps).
        public var chunkSize = 1_024
        /// Keep every per-sample map `[N, d, n]` (Float32) in `perSample`; off by default since
        /// N·d·n can be large (100,000 × 6 × 50 × 4 B = 120 MB).
        public var keepPerSample = false
        /// Number of contiguous time blocks over [0, T) whose map sums are kept for block
        /// bootstrap confidence intervals (clamped to the number of samples).
        public var timeBlocks = 50
        /// Which samples enter the map and the time-block sums (`perSample` keeps all).
        public var selection = SampleSelection.all
        public init() {}
    }

    public var method: String
    /// A = mean_b |values_b| over the selected samples, d × n.
    public var map: AttributionMap
    /// `[N, d, n]` signed per-sample attributions when `keepPerSample`.
    public var perSample: Tensor?
    /// Σ_{b in block} |values_b| per time block (d·n each) and the number of samples per block.
    public var timeBlockSums: [[Double]]
    public var timeBlockCounts: [Int]
    /// Samples attributed, and how many of them entered the map (`Options.selection`).
    public var sampleCount: Int
    public var usedSampleCount: Int
    public var diagnostics: JacobianDiagnostics?
    /// Seconds per phase summed over chunks, and the total wall time.
    public var phaseSeconds: [String: Double]
    public var seconds: Double

    /// Runs `explainer` on `samples` chunk by chunk.
    public static func compute(_ explainer: any Explainer, model: EmbeddingModel, samples: AttributionSamples,
                               options: Options = Options()) throws -> Explanation {
        guard options.chunkSize >= 1, options.timeBlocks >= 1 else {
            throw AttributionError.invalidOption("chunk size and time blocks must be ≥ 1")
        }
        let start = DispatchTime.now().uptimeNanoseconds
        let d = model.outputDimension, n = model.inputNeurons, dn = d * n
        let nBlocks = Swift.min(options.timeBlocks, samples.count)
        var sum = [Double](repeating: 0, count: dn)
        var blockSums = [[Double]](repeating: [Double](repeating: 0, count: dn), count: nBlocks)
        var blockCounts = [Int](repeating: 0, count: nBlocks)
        var kept: [Float] = []
        if options.keepPerSample { kept.reserveCapacity(samples.count * dn) }
        var diagnostics: JacobianDiagnostics?
        var phases: [String: Double] = [:]
        var lo = 0
        while lo < samples.count {
            let hi = Swift.min(lo + options.chunkSize, samples.count)
            let chunk = try explainer.attributions(of: model, inputs: samples.inputs(lo..<hi), samples: samples.indices[lo..<hi])
            guard chunk.values.count == (hi - lo) * dn else {
                throw AttributionError.incompatible("explainer \(explainer.name) returned \(chunk.values.count) values for \(hi - lo) samples of \(d)×\(n)")
            }
            if let ok = chunk.locallyInvertible, ok.count != hi - lo {
                throw AttributionError.incompatible("explainer \(explainer.name) returned \(ok.count) validity flags for \(hi - lo) samples")
            }
            var chunkDiagnostics = chunk.diagnostics
            chunk.values.withUnsafeBufferPointer { v in
                for b in 0..<(hi - lo) {
                    if options.selection == .locallyInvertible, let ok = chunk.locallyInvertible, !ok[b] {
                        chunkDiagnostics?.excludedSamples += 1
                        continue
                    }
                    let tb = samples.timeBlock(ofPosition: lo + b, blocks: nBlocks)
                    blockCounts[tb] += 1
                    blockSums[tb].withUnsafeMutableBufferPointer { s in
                        for k in 0..<dn { s[k] += Swift.abs(v[b * dn + k]) }
                    }
                }
                if options.keepPerSample { kept.append(contentsOf: v.map { Float($0) }) }
            }
            if let j = chunkDiagnostics { diagnostics = diagnostics.map { $0.merged(with: j) } ?? j }
            for (k, s) in chunk.phaseSeconds { phases[k, default: 0] += s }
            lo = hi
        }
        for s in blockSums { for k in 0..<dn { sum[k] += s[k] } }
        let used = blockCounts.reduce(0, +)
        guard used > 0 else {
            throw AttributionError.incompatible("none of the \(samples.count) samples is locally invertible (saturated outputs or rank-deficient Jacobians everywhere); attribute all samples (sample selection 'all') or retrain with the Jacobian regulariser")
        }
        let count = Double(used)
        return Explanation(method: explainer.name, map: AttributionMap(rows: d, cols: n, values: sum.map { $0 / count }),
                           perSample: options.keepPerSample ? Tensor(shape: [samples.count, d, n], scalars: kept) : nil,
                           timeBlockSums: blockSums, timeBlockCounts: blockCounts, sampleCount: samples.count, usedSampleCount: used,
                           diagnostics: diagnostics, phaseSeconds: phases,
                           seconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
}
