import Attribution
import Contrastive
import Foundation
import NeuralNetworks
import Recordings
import Tensors

/// One session from data to results: train → embed → decode → attribute → write.
///
/// Files in the output folder: `model.ckpt`, `embedding.h5` (embedding, timestamps, validity,
/// behaviour, `/attribution/map`, neuron ids and ground truth when known), `scores.csv`,
/// `training_log.csv`, `summary.json` and `index.html` (see `SessionReportPage`). Every file is
/// written to a temporary name and renamed into place.
public enum SessionPipeline {
    public static func run(session: Session, options: PipelineOptions, output: URL,
                           log: (String) -> Void = { _ in },
                           progress: ((TrainingRecord) -> Void)? = nil) throws -> PipelineResult {
        var timings: [String: Double] = [:]
        func timed<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
            let t0 = Date()
            defer { timings[name] = Date().timeIntervalSince(t0) }
            return try body()
        }
        let variables = try selectedVariables(session, options.variables)
        var config = try options.training ?? PipelineRecipe.perVariable(variables, steps: options.steps, batchSize: min(options.batchSize, session.sampleCount),
                                                                       seed: options.seed)
        config.heldOutFraction = options.heldOutFraction
        log("training \(config.model) (d = \(config.outputDimension)) for \(config.steps) steps on \(session.sampleCount) samples × \(session.neuronCount) neurons")
        let trainer = try Trainer(configuration: config, session: session)
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        try timed("train") { try trainer.train(progress: progress) }
        try trainer.checkpoint().write(to: output.appendingPathComponent("model.ckpt"))
        let embedding = timed("embed") { trainer.transform(session.neural) }

        let model = try EmbeddingModel(trainer: trainer)
        let decoding = try timed("decode") { try decode(embedding: embedding, blocks: model.blocks, session: session,
                                                        trainFraction: 1 - options.heldOutFraction, seed: options.seed) }
        var attributionOptions = AttributionAnalysis.Options()
        attributionOptions.method = options.method
        attributionOptions.comparisonMethods = options.comparisonMethods
        attributionOptions.samples = options.attributionSamples.map { min($0, session.sampleCount) }
        attributionOptions.sampleSeed = options.seed &+ AttributionSamples.cebraSeed
        attributionOptions.bootstrap = options.bootstrapReplicates > 0 ? BlockBootstrap(replicates: options.bootstrapReplicates, seed: options.seed) : nil
        log("attributing with the Inverted Neuron Gradient")
        let attribution = try timed("attribute") { try AttributionAnalysis.run(model: model, session: session, options: attributionOptions) }
        let attributionSummary = AttributionOutput.summary(attribution, model: model, session: session, options: attributionOptions,
                                                           modelPath: "model.ckpt", sessionPath: session.provenance.source)

        var result = PipelineResult(session: session, configuration: config, records: trainer.records, embedding: embedding.scalars,
                                    outputDimension: config.outputDimension, blocks: model.blocks, decoding: decoding,
                                    attribution: attribution, attributionSummary: attributionSummary, timings: timings,
                                    warnings: session.provenance.warnings + attribution.warnings)
        try timed("write") { try PipelineFiles.write(result, embedding: embedding, to: output) }
        result.timings = timings
        return result
    }

    /// The variables to attribute: the requested ones (all must exist) or all of the session's.
    static func selectedVariables(_ session: Session, _ names: [String]?) throws -> [BehaviourVariable] {
        guard let names else { return session.behaviour }
        return try names.map { n in
            guard let v = session.behaviour(named: n) else {
                let available = session.behaviour.map(\.name).joined(separator: ", ")
                throw ConfigurationError.invalid("behaviour variable '\(n)' is not in session '\(session.id)'; available: \(available.isEmpty ? "none" : available)")
            }
            return v
        }
    }

    /// Held-out linear R² per variable (own block, all dimensions), the training-part R², and a
    /// shifted-behaviour control: the same decoder fitted to the behaviour circularly shifted by
    /// a seeded offset in [T/4, 3T/4], which keeps the behaviour's statistics and breaks its
    /// alignment with the neural data.
    static func decode(embedding: Tensor, blocks: [BlockAssignment], session: Session, trainFraction: Double,
                       seed: UInt64) throws -> [PipelineResult.DecodingScore] {
        let t = session.sampleCount, d = embedding.shape[1]
        var rng = Xoshiro256(seed: seed).stream(7)
        let shift = t / 4 + rng.uniformInt(below: max(1, t / 2))
        var out: [PipelineResult.DecodingScore] = []
        let split = Int(Double(t) * trainFraction)
        for v in session.behaviour {
            let (target, k) = BlockDecoding.target(v)
            var shifted = [Double](repeating: 0, count: target.count)
            for i in 0..<t { for c in 0..<k { shifted[i * k + c] = target[((i + shift) % t) * k + c] } }
            let own = blocks.first { $0.variables.contains(v.name) }?.dimensions ?? 0..<d
            func r2(_ block: Range<Int>, _ y: [Double], rows: Range<Int>) throws -> Double {
                let p = block.count
                var x = [Double](repeating: 0, count: t * p)
                for i in 0..<t { for (j, c) in block.enumerated() { x[i * p + j] = Double(embedding.scalars[i * d + c]) } }
                let decoder = try LinearDecoder(x: x, p: p, y: y, k: k, rows: Array(0..<split))
                return decoder.r2(x: x, p: p, y: y, k: k, rows: Array(rows))
            }
            out.append(.init(variable: v.name, ownBlock: try r2(own, target, rows: split..<t), allDimensions: try r2(0..<d, target, rows: split..<t),
                             shiftedControl: try r2(own, shifted, rows: split..<t), controlShift: shift,
                             training: try r2(own, target, rows: 0..<split)))
        }
        return out
    }
}
