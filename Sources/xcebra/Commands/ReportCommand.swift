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

            --estimate-dimensions 1...6 first chooses the size of each behaviour block from the held-out goodness \
            of fit (as `xcebra dimensions` does, one block after another: blocks × candidates × --dimension-seeds \
            runs of --sweep-steps steps, kept in OUT/dimensions/ and reused by a rerun), trains the final model \
            with the chosen sizes and adds a Dimensionality section: goodness of fit against dimension per block \
            and the R² matrix between the embeddings of --consistency-seeds seeds (also available on its own).

            Decoding: held-out linear R² and k-nearest-neighbour R² (--knn-neighbours, default 5) per variable, \
            each with a shifted-behaviour control.

            Example: xcebra report session.nwb --variables position,head_direction --out reports/s1
            Example: xcebra report session.nwb --estimate-dimensions 1...6 --dimension-seeds 3 --out reports/s1
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
        for d in result.decoding {
            say(String(format: "held-out R² %@: linear %.3f (control %.3f), kNN k=%d %.3f (control %.3f)", d.variable, d.ownBlock,
                       d.shiftedControl, d.knnNeighbours, d.knnOwnBlock, d.knnShiftedControl))
        }
        if !result.dimensions.isEmpty {
            say("dimensions: " + result.dimensions.map { "\($0.label) d′ = \($0.chosenDimension) (recipe \($0.recipeDimension))" }.joined(separator: ", "))
        }
        if let c = result.consistency {
            say(String(format: "consistency R² across seeds %@: mean %.3f off the diagonal", c.seeds.map(String.init).joined(separator: ","), c.meanOffDiagonal))
        }
        say("report: \(output.appendingPathComponent("index.html").path)")
    }
}

/// Pipeline options shared by `report`, `demo` and `batch`.
struct PipelineArguments: ParsableArguments {
    @Option(help: "Comma-separated behaviour variables to attribute (default: all).") var variables: String?
    @Option(help: "Training recipe file (YAML/JSON); default: one block per variable.") var config: String?
    @Option(help: "Training steps of the default recipe.") var steps: Int?
    @Option(help: "Batch size.") var batchSize: Int?
    @Option(help: "Final weight λ of the default recipe's Jacobian regulariser (default 1; 0 turns it off).") var regularizer: Double?
    @Option(help: "Samples to attribute (default 20000; 0 = all).") var samples: Int?
    @Option(help: "Attribution method (jf-inv-lsq, jf-inv-svd, jf, ...).") var method: String?
    @Option(help: "Fraction of the session held out at the end for decoding scores.") var heldOut: Double?
    @Option(help: "Neighbours k of the kNN decoder reported beside the linear one (default 5).") var knnNeighbours: Int?
    @Option(help: ArgumentHelp("Estimate each behaviour block's dimension over these candidates (1...6, 2..<5, 1-4 or 1,2,4) before training the final model.",
                               valueName: "range")) var estimateDimensions: String?
    @Option(help: "Seeds per candidate dimension (default 3).") var dimensionSeeds: Int?
    @Option(help: "Training steps of each dimensionality run (default: --steps; equal steps let the consistency matrix reuse the runs).") var sweepSteps: Int?
    @Option(help: "Held-out batches per goodness of fit in the dimensionality sweep (default 500).") var sweepEvaluationBatches: Int?
    @Option(help: "Seeds of the final configuration compared pairwise in the consistency matrix (default: --dimension-seeds with --estimate-dimensions, else none).")
    var consistencySeeds: Int?

    /// `value` when it is nil or ≥ `minimum`; otherwise a usage error naming the option.
    private static func checked(_ value: Int?, _ option: String, atLeast minimum: Int) throws -> Int? {
        guard let value else { return nil }
        guard value >= minimum else { throw ValidationError("\(option) must be ≥ \(minimum), got \(value)") }
        return value
    }

    func options(seed: UInt64) throws -> PipelineOptions {
        var o = PipelineOptions()
        o.seed = seed
        o.variables = variables.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        if let steps { o.steps = steps }
        if let batchSize { o.batchSize = batchSize }
        if let regularizer {
            guard regularizer.isFinite, regularizer >= 0 else { throw ValidationError("--regularizer must be a finite number ≥ 0, got \(regularizer)") }
            guard config == nil else { throw ValidationError("--regularizer sets the default recipe's weight; with --config, set regularizer.end in the file") }
            o.regularizer = regularizer
        }
        if let samples { o.attributionSamples = samples == 0 ? nil : samples }
        if let method { o.method = method }
        if let heldOut { o.heldOutFraction = heldOut }
        if let v = try Self.checked(knnNeighbours, "--knn-neighbours", atLeast: 1) { o.knnNeighbours = v }
        if let estimateDimensions { o.dimensionCandidates = try DimensionsCommand.parseRange(estimateDimensions, option: "--estimate-dimensions") }
        if let v = try Self.checked(dimensionSeeds, "--dimension-seeds", atLeast: 1) { o.dimensionSeeds = v }
        if let v = try Self.checked(sweepSteps, "--sweep-steps", atLeast: 1) { o.sweepSteps = v }
        if let v = try Self.checked(sweepEvaluationBatches, "--sweep-evaluation-batches", atLeast: 1) { o.sweepEvaluationBatches = v }
        if let v = try Self.checked(consistencySeeds, "--consistency-seeds", atLeast: 0) { o.consistencySeeds = v }
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
