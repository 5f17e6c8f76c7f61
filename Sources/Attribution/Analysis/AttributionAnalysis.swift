import Dispatch
import Recordings

/// Everything `xcebra attribute` computes, callable from the library with the same defaults.
public struct AttributionAnalysis {
    public struct Options: Sendable {
        /// Main method; nil picks `jf-inv-svd` for normalised models (xcebra.md §11) and
        /// `jf-inv-lsq` otherwise.
        public var method: String?
        /// Extra methods whose ground-truth metrics are reported (the plain gradient at least).
        public var comparisonMethods: [String] = ["jf"]
        /// Samples to attribute (nil: all) and the seed of that draw.
        public var samples: Int?
        public var sampleSeed: UInt64 = AttributionSamples.cebraSeed
        public var route: InversionRoute = .fast
        public var moorePenroseStride = 50
        public var explanation = Explanation.Options()
        public var bootstrap: BlockBootstrap? = BlockBootstrap()
        /// Significance by the retrained shift null (nil: skipped; p-values are then absent).
        public var significance: ShiftNull?
        /// Ground-truth variable for the time-only block (see `GroundTruthAlignment`).
        public var timeVariable: String?
        /// Samples on which `BlockOverlap` is measured (evenly spaced over the attributed ones).
        public var overlapSamples = BlockOverlap.defaultSamples
        public init() {}
    }

    public var method: String
    public var explanation: Explanation
    public var blocks: [BlockAssignment]
    public var scores: [VariableScores]
    /// Per block: (lower, upper) per neuron.
    public var intervals: [(lower: [Double], upper: [Double])]?
    public var significance: ShiftNull.Result?
    /// Ground-truth metrics per method name (main and comparison): overall and per block label.
    public var metrics: [String: MapMetrics] = [:]
    public var blockMetrics: [String: [String: MapMetrics]] = [:]
    public var comparisonMaps: [String: AttributionMap] = [:]
    public var alignment: GroundTruthAlignment?
    /// How far each block's Jacobian rows are from the other blocks' rows (nil with one block).
    public var overlap: BlockOverlap?
    public var warnings: [String] = []
    public var seconds: [String: Double] = [:]

    public static func defaultMethod(for model: EmbeddingModel) -> String {
        model.normalizesOutput ? "jf-inv-svd" : "jf-inv-lsq"
    }

    public static func run(model: EmbeddingModel, session: Session, options: Options = Options(),
                           progress: ((String) -> Void)? = nil) throws -> AttributionAnalysis {
        let method = options.method ?? defaultMethod(for: model)
        let samples = try AttributionSamples(session: session, model: model, limit: options.samples, seed: options.sampleSeed)
        progress?("attributing \(samples.count) samples with \(method)")
        let main = try NeuronGradientExplainer(name: method, route: options.route, moorePenroseStride: options.moorePenroseStride)
        let explanation = try Explanation.compute(main, model: model, samples: samples, options: options.explanation)
        let blocks = model.blocks
        var result = AttributionAnalysis(method: method, explanation: explanation, blocks: blocks,
                                         scores: NeuronScoring.scores(map: explanation.map, blocks: blocks))
        result.seconds["attribution"] = explanation.seconds
        if let b = options.bootstrap {
            let t0 = DispatchTime.now().uptimeNanoseconds
            result.intervals = try b.intervals(explanation, blocks: blocks)
            result.seconds["bootstrap"] = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
        }
        if blocks.count > 1 {
            let t0 = DispatchTime.now().uptimeNanoseconds
            let overlap = try BlockOverlap.measure(model: model, samples: samples, count: options.overlapSamples)
            result.overlap = overlap
            result.seconds["block_overlap"] = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
            if explanation.diagnostics?.solver != nil { result.warnings.append(contentsOf: overlap.warnings) }
        }
        if let d = explanation.diagnostics {
            if let s = d.saturationFraction, s > 0.01 {
                result.warnings.append(String(format: "%.1f %% of outputs sit at the clip bound (zero gradient; their Jacobian rows vanish and the inverse is unstable)", 100 * s))
            }
            if let r = d.rankDeficientFraction, r > 0 {
                result.warnings.append(String(format: "%.1f %% of the Jacobians have rank below %d (the most this model's Jacobians can have)%@", 100 * r,
                                              d.fullRank,
                                              d.solver == .lsq ? "; lsq amplifies the null direction, prefer --method jf-inv-svd" : ""))
            }
            if d.excludedSamples > 0 {
                result.warnings.append(String(format: "%d of %d samples (%.1f %%) are not locally invertible and were left out of the map", d.excludedSamples, d.samples, 100 * d.excludedFraction))
            }
            if d.solver == .lsq, model.normalizesOutput {
                result.warnings.append("the model normalises its output (rank ≤ \(model.maximumJacobianRank) of \(model.outputDimension)); jf-inv-svd is the recommended method")
            }
            if let mp = d.moorePenroseFraction, mp < 0.99 {
                result.warnings.append(String(format: "only %.1f %% of the checked inverses pass the Moore–Penrose conditions", 100 * mp))
            }
        }
        if let gt = session.groundTruth,
           let alignment = GroundTruthAlignment(groundTruth: gt, blocks: blocks, neurons: model.inputNeurons, timeVariable: options.timeVariable) {
            result.alignment = alignment
            func record(_ name: String, _ map: AttributionMap) {
                result.metrics[name] = alignment.metrics(map)
                var per: [String: MapMetrics] = [:]
                for (label, b) in zip(BlockAssignment.labels(blocks), blocks) { per[label] = alignment.metrics(map, block: b) }
                result.blockMetrics[name] = per
            }
            record(method, explanation.map)
            for name in options.comparisonMethods where name != method {
                progress?("comparison method \(name)")
                let e = try Explanation.compute(try NeuronGradientExplainer(name: name, route: options.route, moorePenroseStride: 0),
                                                model: model, samples: samples, options: options.explanation)
                result.comparisonMaps[name] = e.map
                result.seconds["comparison:\(name)"] = e.seconds
                record(name, e.map)
            }
        }
        if let null = options.significance {
            progress?("shift null: \(null.shifts) shifts, each a retrained model")
            let t0 = DispatchTime.now().uptimeNanoseconds
            result.significance = try null.run(configuration: model.configuration, session: session) { j, n in
                progress?("shift null: model \(j) of \(n)")
            }
            result.seconds["significance"] = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
        }
        return result
    }
}
