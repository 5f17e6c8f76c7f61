import ArgumentParser
import Contrastive
import Foundation
import Pipeline
import Recordings

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "From a recording to a report: train, decode, attribute, and write an HTML page with tables.",
        discussion: """
            Writes OUT/index.html (self-contained; open it in any browser, prints well), OUT/scores.csv (neuron, \
            variable, score, z, rank, interval), OUT/summary.json (every parameter, seed, versions, timings, metrics), \
            OUT/model.ckpt, OUT/embedding.h5 and OUT/training_log.csv.

            Without --config, each behaviour variable gets its own behaviour-contrastive block (see `xcebra train \
            --help` for recipes); --config uses a training recipe file instead.

            Example: xcebra report session.nwb --variables position,head_direction --out reports/s1
            """)

    @OptionGroup var input: SessionOptions
    @OptionGroup var global: GlobalOptions
    @OptionGroup var pipeline: PipelineArguments

    @Option(help: "Output folder.") var out = "xcebra-report"
    @Flag(help: "Overwrite an existing report in the output folder.") var force = false

    func run() throws {
        try reportingUserErrors(verbose: global.verbose) {
            global.configureRuntime()
            let dir = URL(fileURLWithPath: out)
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent("index.html").path) && !force {
                throw ConfigurationError.invalid("\(dir.path)/index.html already exists; pass --force to overwrite")
            }
            let session = try input.load(seed: global.seed)
            try ReportCommand.produce(session: session, options: try pipeline.options(seed: global.seed), output: dir)
        }
    }

    /// Runs the pipeline with a progress bar and prints where the report is.
    static func produce(session: Session, options: PipelineOptions, output: URL) throws {
        say("session \(session.id): \(session.neuronCount) neurons, \(session.sampleCount) samples, behaviour \(session.behaviour.map(\.name).joined(separator: ", "))")
        var bar: ProgressBar?
        let result = try SessionPipeline.run(session: session, options: options, output: output, log: { say($0) }, progress: { r in
            if bar == nil { bar = ProgressBar(title: "train", total: options.training?.steps ?? options.steps) }
            bar?.update(r.step + 1, status: TrainCommand.status(r))
        })
        for s in result.attribution.scores {
            let top = s.order.prefix(5).map { j -> String in
                let info = session.neurons[j]
                return info.cellType.map { "\(info.id):\($0)" } ?? "\(info.id)"
            }
            say("top neurons for \(s.variable): \(top.joined(separator: ", "))")
        }
        for (m, a) in result.auroc.sorted(by: { $0.key < $1.key }) { say(String(format: "auROC %@: %.3f", m, a)) }
        say("report: \(output.appendingPathComponent("index.html").path)")
    }
}

/// Pipeline options shared by `report`, `demo` and `batch`.
struct PipelineArguments: ParsableArguments {
    @Option(help: "Comma-separated behaviour variables to attribute (default: all).") var variables: String?
    @Option(help: "Training recipe file (YAML/JSON); default: one block per variable.") var config: String?
    @Option(help: "Training steps of the default recipe.") var steps: Int?
    @Option(help: "Batch size.") var batchSize: Int?
    @Option(help: "Samples to attribute (default 20000; 0 = all).") var samples: Int?
    @Option(help: "Attribution method (jf-inv-lsq, jf-inv-svd, jf, ...).") var method: String?
    @Option(help: "Fraction of the session held out at the end for decoding scores.") var heldOut: Double?

    func options(seed: UInt64) throws -> PipelineOptions {
        var o = PipelineOptions()
        o.seed = seed
        o.variables = variables.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        if let steps { o.steps = steps }
        if let batchSize { o.batchSize = batchSize }
        if let samples { o.attributionSamples = samples == 0 ? nil : samples }
        if let method { o.method = method }
        if let heldOut { o.heldOutFraction = heldOut }
        if let config {
            var c = try TrainingConfigFile.read(config).resolve(behaviour: o.variables ?? [])
            c.seed = seed
            if let steps { c.steps = steps }
            if let batchSize { c.batchSize = batchSize }
            o.training = c
        }
        return o
    }
}
