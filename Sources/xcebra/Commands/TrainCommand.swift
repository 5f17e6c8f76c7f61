import ArgumentParser
import Contrastive
import Foundation
import NeuralNetworks
import Recordings
import Tensors

struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train an xCEBRA encoder on a session.",
        discussion: """
            The recipe starts from a preset (default: CEBRA's RatInABox recipe with batch 512: offset10-model, \
            d = 14, a cosine time_delta objective on the behaviour in dims 0-3 and a time objective on all 14, \
            renormalised blocks, Jacobian regulariser ramped in from steps/4 to steps/2). A YAML or JSON file \
            (--config) overrides any part of it, and command-line options override the file.

            Writes OUT/model.ckpt (weights, optimiser state, configuration; resumable), OUT/embedding.h5, \
            OUT/training_log.csv and .json, OUT/configuration.json (the resolved recipe) and OUT/summary.json.

            Example: xcebra train session.nwb --behaviour position --steps 5000 --out runs/s1
            """)

    @OptionGroup var input: SessionOptions
    @OptionGroup var global: GlobalOptions

    @Option(help: "YAML/JSON configuration file (see README: configuration).") var config: String?
    @Option(help: "Preset: synthetic-demo, synthetic-attribution, paper-synthetic, ratinabox-demo or default.") var preset: String?
    @Option(help: "Comma-separated behaviour variables for the behaviour-contrastive objectives.") var behaviour: String?
    @Option(help: "Encoder name (e.g. offset10-model, offset1-model-mse-clip-5-5).") var model: String?
    @Option(help: "Output dimension d.") var outputDimension: Int?
    @Option(help: "Batch size.") var batchSize: Int?
    @Option(help: "Training steps.") var steps: Int?
    @Option(help: "Adam learning rate.") var learningRate: Double?
    @Option(help: "Fraction of the session (at the end) held out from training.") var heldOut: Double?
    @Option(help: "Write a checkpoint every N steps.") var checkpointEvery: Int?
    @Option(help: "Resume from this checkpoint (its configuration is used; --steps may extend it).") var resume: String?
    @Option(help: "Output folder.") var out = "xcebra-train"
    @Flag(help: "Overwrite results already in the output folder.") var force = false

    func run() throws {
        try reportingUserErrors(verbose: global.verbose) {
            global.configureRuntime()
            let outDir = URL(fileURLWithPath: out)
            let modelURL = outDir.appendingPathComponent("model.ckpt")
            if FileManager.default.fileExists(atPath: modelURL.path) && !force && resume == nil {
                throw ConfigurationError.invalid("\(modelURL.path) already exists; pass --force to overwrite or --out to choose another folder")
            }
            let started = Date()
            let session = try input.load(seed: global.seed)
            let loadSeconds = Date().timeIntervalSince(started)
            let trainer: Trainer
            if let resume {
                trainer = try Trainer.resume(from: Checkpoint(contentsOf: URL(fileURLWithPath: resume)), session: session, steps: steps)
            } else {
                trainer = try Trainer(configuration: try resolvedConfiguration(for: session), session: session)
            }
            let c = trainer.configuration
            say("session \(session.id): T = \(session.sampleCount), \(session.neuronCount) neurons, behaviour \(session.behaviour.map(\.name).joined(separator: ", "))")
            say("model \(c.model) d = \(c.outputDimension) (\(trainer.encoder.parameterCount) parameters), batch \(c.batchSize), \(c.steps) steps, seed \(c.seed)")
            for o in c.objectives { say("  objective \(o.name), \(o.criterion.similarity.rawValue)") }
            try FileManager.default.createDirectory(at: outDir, withIntermediateDirectories: true)

            let bar = ProgressBar(title: "train", total: c.steps)
            let trainStart = Date()
            do {
                try trainer.train(progress: { r in
                    bar.update(r.step + 1, status: TrainCommand.status(r))
                }, checkpoint: { try $0.write(to: modelURL) })
            } catch let e as TrainingError {
                let lastGood = outDir.appendingPathComponent("model.last-good.ckpt")
                try? trainer.checkpoint().write(to: lastGood)
                printError("error: \(e.description); last good state saved to \(lastGood.path)")
                throw ExitCode(2)
            }
            let trainSeconds = Date().timeIntervalSince(trainStart)
            try trainer.checkpoint().write(to: modelURL)
            let embedding = trainer.transform(session.neural)
            let slices = "[" + c.objectives.map { "[\($0.start),\($0.stop)]" }.joined(separator: ",") + "]"
            try EmbeddingFile.write(embedding: embedding, session: session, model: c.model, slicesJSON: slices,
                                    to: outDir.appendingPathComponent("embedding.h5").path)
            let names = c.objectives.map(\.name)
            try AtomicFile.write(Data(TrainingLogWriter.csv(trainer.records, objectiveNames: names).utf8),
                                 to: outDir.appendingPathComponent("training_log.csv"))
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try AtomicFile.write(try encoder.encode(trainer.records), to: outDir.appendingPathComponent("training_log.json"))
            try AtomicFile.write(try encoder.encode(c), to: outDir.appendingPathComponent("configuration.json"))
            let decoding = try? BlockDecoding(embedding: embedding, blocks: trainer.layout.blocks, session: session)
            if let decoding { say(decoding.table) }
            let summary = RunSummary(session: session, configuration: c, threads: global.threads,
                                     timings: ["load_s": loadSeconds, "train_s": trainSeconds],
                                     finalRecord: trainer.records.last, decoding: decoding)
            try AtomicFile.write(try encoder.encode(summary), to: outDir.appendingPathComponent("summary.json"))
            say("wrote \(outDir.path)/{model.ckpt, embedding.h5, training_log.csv, summary.json}")
        }
    }

    /// Preset, then the file, then command-line options.
    func resolvedConfiguration(for session: Session) throws -> TrainingConfiguration {
        let file = try config.map { try TrainingConfigFile.read($0) } ?? TrainingConfigFile.parse("{}", source: "defaults")
        let variables = behaviour.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
            ?? file.behaviour ?? TrainCommand.defaultBehaviour(session)
        var f = file
        if let preset { f.preset = preset }
        f.behaviour = variables
        var c = try f.resolve(behaviour: variables)
        if file.seed == nil || global.seed != 0 { c.seed = global.seed }
        if let model { c.model = model }
        if let outputDimension { c.outputDimension = outputDimension }
        if let batchSize { c.batchSize = batchSize }
        if let steps {
            c.steps = steps
            if f.regularizer == nil, f.preset == nil || f.preset == TrainingPreset.standard.rawValue || f.preset == TrainingPreset.ratinaboxDemo.rawValue {
                c.regularizerSchedule = .linearRampUp(on: steps / 4, off: max(steps / 2, steps / 4 + 1), start: 0, end: 0.1)
            }
        }
        if let learningRate { c.learningRate = learningRate }
        if let heldOut { c.heldOutFraction = heldOut }
        if let checkpointEvery { c.checkpointEvery = checkpointEvery }
        return c
    }

    /// Position when the session has it, else its first behaviour variable.
    static func defaultBehaviour(_ session: Session) -> [String] {
        if session.behaviour(named: "position") != nil { return ["position"] }
        if session.behaviour(named: "z2") != nil { return ["z2"] }
        return session.behaviour.first.map { [$0.name] } ?? []
    }

    static func status(_ r: TrainingRecord) -> String {
        var s = String(format: "loss %.4f", r.total)
        for (k, o) in r.objectives.enumerated() {
            s += String(format: " | %d: %.3f", k, o.loss)
            if let j = o.jacobian { s += String(format: " R %.3g", j) }
        }
        if let w = r.regularizerWeight { s += String(format: " λ %.3g", w) }
        return s
    }
}
