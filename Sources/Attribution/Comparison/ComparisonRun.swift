import Dispatch
import Recordings

/// One repetition of the comparison: every method on the same model and the same samples, with
/// one shared seed (xcebra.md §7 "Baselines"; issue 8 part 5).
public struct ComparisonRun: Sendable {
    public struct Result: Sendable, Codable, Equatable {
        public var method: String
        public var seed: UInt64
        /// Wall time of the attribution (seconds).
        public var seconds: Double
        public var samples: Int
        /// nil when the session has no ground truth aligned to the model's blocks.
        public var scores: ComparisonScores?
    }

    public var seed: UInt64
    public var results: [Result]
    public var maps: [String: AttributionMap]

    /// Runs `methods` on `model` and `session`: the attributed samples are a seeded subset of
    /// `sampleLimit` (nil: all) drawn with `seed`, and every stochastic method gets `seed`.
    /// `progress(method, done, total)` is called after each method.
    public static func run(methods: [String], model: EmbeddingModel, session: Session, seed: UInt64, sampleLimit: Int?,
                           options: ExplainerCatalog.Options = .init(), timeVariable: String? = nil,
                           progress: ((String, Int, Int) -> Void)? = nil) throws -> ComparisonRun {
        let samples = try AttributionSamples(session: session, model: model, limit: sampleLimit, seed: seed)
        let alignment = session.groundTruth.flatMap {
            GroundTruthAlignment(groundTruth: $0, blocks: model.blocks, neurons: model.inputNeurons, timeVariable: timeVariable)
        }
        var results: [Result] = [], maps: [String: AttributionMap] = [:]
        for (k, name) in methods.enumerated() {
            let t0 = DispatchTime.now().uptimeNanoseconds
            let explainer = try ExplainerCatalog.make(name, model: model, samples: samples, seed: seed, options: options)
            var o = Explanation.Options()
            o.chunkSize = 512
            let e = try Explanation.compute(explainer, model: model, samples: samples, options: o)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
            results.append(Result(method: name, seed: seed, seconds: seconds, samples: samples.count,
                                  scores: alignment.map { ComparisonScores(map: e.map, alignment: $0) }))
            maps[name] = e.map
            progress?(name, k + 1, methods.count)
        }
        return ComparisonRun(seed: seed, results: results, maps: maps)
    }
}
