import Attribution
import Contrastive
import Dimensionality
import Foundation
import NeuralNetworks
import Recordings
import Tensors

/// One session from data to results: [choose block sizes →] train → embed [→ seed
/// consistency] → decode → attribute → write.
///
/// Files in the output folder: `model.ckpt`, `embedding.h5` (embedding, timestamps, validity,
/// behaviour, `/attribution/map`, neuron ids and ground truth when known), `scores.csv`,
/// `training_log.csv`, `summary.json` and `index.html` (see `SessionReportPage`), and with
/// `dimensionCandidates` the sweeps in `dimensions/<variables>/` (`DimensionEstimation`). Every
/// file is written to a temporary name and renamed into place.
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
        // The recipe at a number of steps: the final model's, or the sweep runs' (a recipe file
        // keeps its regulariser schedule in absolute steps; the default recipe scales it).
        func recipe(steps: Int) throws -> TrainingConfiguration {
            var c: TrainingConfiguration
            if let given = options.training {
                c = given
                c.steps = steps
            } else {
                c = try PipelineRecipe.perVariable(variables, steps: steps, batchSize: min(options.batchSize, session.sampleCount),
                                                   regularizer: options.regularizer, seed: options.seed)
            }
            c.heldOutFraction = options.heldOutFraction
            return c
        }
        var config = try recipe(steps: options.training?.steps ?? options.steps)
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        var warnings: [String] = []
        var sweeps: [BlockSweep] = [], lastSweep: DimensionSweep?
        if let candidates = options.dimensionCandidates {
            guard options.dimensionSeeds >= 1 else { throw ConfigurationError.invalid("the dimensionality sweep needs ≥ 1 seed, got \(options.dimensionSeeds)") }
            let outcome = try timed("dimensions") {
                try DimensionEstimation.run(base: config, sweepBase: try recipe(steps: options.sweepSteps ?? config.steps), session: session,
                                            candidates: candidates, seeds: (0..<UInt64(options.dimensionSeeds)).map { options.seed &+ $0 },
                                            evaluationBatches: options.sweepEvaluationBatches, evaluationSeed: options.seed,
                                            output: output, log: log)
            }
            config = outcome.configuration
            sweeps = outcome.sweeps
            lastSweep = outcome.lastSweep
            warnings += outcome.warnings
        }
        log("training \(config.model) (d = \(config.outputDimension)) for \(config.steps) steps on \(session.sampleCount) samples × \(session.neuronCount) neurons")
        let trainer = try Trainer(configuration: config, session: session)
        try timed("train") { try trainer.train(progress: progress) }
        try trainer.checkpoint().write(to: output.appendingPathComponent("model.ckpt"))
        let embedding = timed("embed") { trainer.transform(session.neural) }

        var consistency: SeedConsistency?
        let consistencySeeds = options.consistencySeeds ?? (options.dimensionCandidates != nil ? options.dimensionSeeds : 0)
        if consistencySeeds >= 2 {
            let heldOut = HeldOutEvaluation.heldOutRange(sampleCount: session.sampleCount, fraction: config.heldOutFraction)
            guard heldOut.count > config.outputDimension + 1 else {
                throw ConfigurationError.invalid("the consistency matrix needs more held-out samples (\(heldOut.count)) than embedding dimensions + 1 (\(config.outputDimension + 1)); raise --held-out")
            }
            consistency = try timed("consistency") {
                try SeedConsistency.measure(configuration: config, count: consistencySeeds, firstEmbedding: embedding.slice(axis: 0, heldOut),
                                            session: session, sweep: lastSweep, log: log)
            }
        }

        let model = try EmbeddingModel(trainer: trainer)
        let decoding = try timed("decode") { try decode(embedding: embedding, blocks: model.blocks, session: session,
                                                        trainFraction: 1 - options.heldOutFraction, seed: options.seed,
                                                        neighbours: options.knnNeighbours) }
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
                                    warnings: session.provenance.warnings + warnings + attribution.warnings,
                                    dimensions: sweeps, consistency: consistency)
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

    /// Held-out linear R² per variable (own block, all dimensions), the training-part R², the
    /// held-out kNN R² from the own block (`KNNDecoder` with `neighbours`, fitted on the same
    /// training part), and a shifted-behaviour control for both decoders: the same decoder
    /// fitted to the behaviour circularly shifted by a seeded offset in [T/4, 3T/4], which keeps
    /// the behaviour's statistics and breaks its alignment with the neural data.
    static func decode(embedding: Tensor, blocks: [BlockAssignment], session: Session, trainFraction: Double,
                       seed: UInt64, neighbours: Int = KNNDecoder.defaultNeighbours) throws -> [PipelineResult.DecodingScore] {
        let t = session.sampleCount, d = embedding.shape[1]
        var rng = Xoshiro256(seed: seed).stream(7)
        let shift = t / 4 + rng.uniformInt(below: max(1, t / 2))
        var out: [PipelineResult.DecodingScore] = []
        let split = Int(Double(t) * trainFraction)
        let trainRows = Array(0..<split), testRows = Array(split..<t)
        func columns(_ block: Range<Int>) -> [Double] {
            let p = block.count
            var x = [Double](repeating: 0, count: t * p)
            for i in 0..<t { for (j, c) in block.enumerated() { x[i * p + j] = Double(embedding.scalars[i * d + c]) } }
            return x
        }
        let all = columns(0..<d)
        for v in session.behaviour {
            let (target, k) = BlockDecoding.target(v)
            var shifted = [Double](repeating: 0, count: target.count)
            for i in 0..<t { for c in 0..<k { shifted[i * k + c] = target[((i + shift) % t) * k + c] } }
            let own = blocks.first { $0.variables.contains(v.name) }?.dimensions ?? 0..<d
            let x = columns(own), p = own.count
            func r2(_ x: [Double], _ p: Int, _ y: [Double], rows: [Int]) throws -> Double {
                try LinearDecoder(x: x, p: p, y: y, k: k, rows: trainRows).r2(x: x, p: p, y: y, k: k, rows: rows)
            }
            var knn = (own: Double.nan, control: Double.nan)
            if !testRows.isEmpty {
                let nearest = try KNNDecoder(x: x, p: p, rows: trainRows, neighbours: neighbours).neighbourRows(x: x, rows: testRows)
                knn = (KNNDecoder.r2(neighbours: nearest, y: target, k: k, rows: testRows),
                       KNNDecoder.r2(neighbours: nearest, y: shifted, k: k, rows: testRows))
            }
            out.append(.init(variable: v.name, ownBlock: try r2(x, p, target, rows: testRows), allDimensions: try r2(all, d, target, rows: testRows),
                             shiftedControl: try r2(x, p, shifted, rows: testRows), controlShift: shift,
                             training: try r2(x, p, target, rows: trainRows), knnOwnBlock: knn.own, knnShiftedControl: knn.control,
                             knnNeighbours: neighbours))
        }
        return out
    }
}
