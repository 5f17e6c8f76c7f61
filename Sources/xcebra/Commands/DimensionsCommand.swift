import ArgumentParser
import Contrastive
import Dimensionality
import Foundation
import Recordings
import Simulation
import Tensors

extension SweptSlice: ExpressibleByArgument {}
extension FitMeasure: ExpressibleByArgument {}
extension DimensionRule: ExpressibleByArgument {}

/// `xcebra dimensions SESSION --slice behaviour --range 1...10 --seeds 3`: how many embedding
/// dimensions a slice needs (xcebra.md §8). Trains every candidate d′ with several seeds,
/// measures the held-out goodness of fit in bits and the consistency between seeds, applies
/// the slice's `DimensionCriterion` (band or elbow), and writes OUT/dimensions.{csv,json,svg} plus one result per run in
/// OUT/runs (resumable; `--shard i/n` splits the runs over processes).
struct DimensionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dimensions",
        abstract: "Choose the number of embedding dimensions of a slice from held-out goodness of fit.",
        discussion: """
            SESSION is a recording (NWB file, Suite2p plane folder, Kilosort/Phy folder) or a simulated one: \
            `benchmark` = the xCEBRA synthetic benchmark (z1, z2 in 3-D random walks, 50 neurons, T = \
            --simulation-size samples, default 10,000 here; behaviour z2; recipe synthetic-demo), `arena` = the \
            four-cell-types RatInABox-style session (100 grid, head-direction, place and speed cells, 0.1 s bins, \
            --simulation-size seconds, default 1,000 s = 10,000 bins here; behaviour position; recipe default). \
            Both simulate with --seed.

            Each run (d′, seed) is written to OUT/runs as soon as it finishes; rerunning the same command skips \
            finished runs. To use several cores, train --jobs runs at once; to use several nodes, start one \
            process per shard (--shard 1/4 ... 4/4) on the same OUT, then run once more without --shard to collect. The last round(T·held-out) samples \
            are held out from training; the goodness of fit is averaged over --evaluation-batches batches of \
            --evaluation-batch rows (default: the training batch size) drawn from them.
            """)

    @OptionGroup var global: GlobalOptions

    @OptionGroup var input: SessionOptions

    @Option(help: "Block to resize: behaviour or time.")
    var slice: SweptSlice = .behaviour

    @Option(help: "Candidate dimensions: 1...10, 2..<6, 2-6 or 1,2,4,8.")
    var range = "1...8"

    @Option(help: "Seeds per candidate (seed, seed+1, ...); ≥ 2 for consistency, 10 for publication.")
    var seeds = 3

    @Option(help: "Training steps per run (default: the recipe's).")
    var steps: Int?

    @Option(help: """
        Adam learning rate per run. Default: 1e-3 for the Euclidean recipes (synthetic-demo, paper-synthetic, synthetic-attribution), \
        whose own 3e-4 left short sweep runs far below what the data supports; the recipe's 3e-4 for the cosine \
        ones (docs/results/dimensionality-confusion.md).
        """)
    var learningRate: Double?

    @Option(help: "Output folder (created; rerunning on it resumes).")
    var out = "dimensions-out"

    @Option(help: "Run only shard i of n (1 ≤ i ≤ n).")
    var shard: String?

    @Option(help: ArgumentHelp("Runs trained at the same time in this process.",
                               discussion: "Each run uses --threads BLAS threads; keep jobs × threads ≤ cores (at most about one run per core runs at a time). With --threads 1 the results do not depend on it."))
    var jobs = 1

    @Option(help: "Training recipe: synthetic-demo, paper-synthetic, ratinabox-demo or default (default: synthetic-demo for `benchmark`, default otherwise).")
    var preset: String?

    @Option(help: "Comma-separated behaviour variables of the behaviour objective (default: z2, position, or the session's first).")
    var behaviour: String?

    @Option(help: "Training batch size (default: the recipe's).")
    var batchSize: Int?

    @Option(help: ArgumentHelp("Rows B of each held-out batch behind the goodness of fit (default: the training batch size).",
                               discussion: "The calibrated goodness of fit is at most log₂(B + 1) bits; when a curve nears that ceiling (e.g. 8.3 of 9 bits for a 6-dimensional latent at B = 512), a larger B separates the candidates better without changing the training. Needs at least B held-out samples."))
    var evaluationBatch: Int?

    @Option(help: "Fraction of the session (its end) held out from training.")
    var heldOut = 0.2

    @Option(help: "Held-out batches averaged per goodness of fit.")
    var evaluationBatches = GoodnessOfFit.defaultBatchCount

    @Option(help: """
        Goodness of fit behind the curve and the estimate: calibrated (the default) = the positive's \
        identification among B + 1 candidates at the best-fitting temperature, scale-free and ≤ log₂(B + 1) \
        bits; it peaks at the latent dimension once runs are trained well; infonce = (ln B − InfoNCE)·log₂e \
        with the trained criterion (xCEBRA's), which has no ceiling and keeps rising with spare dimensions \
        as training pushes negatives apart. Both are recorded for every run; switching needs no retraining.
        """)
    var measure: FitMeasure?

    @Option(help: """
        How the curve becomes d′: band = the smallest d′ within 2 s.e. (or 0.1 bit per dimension between them) of the best mean; elbow = \
        the first d′ after which one more dimension adds at most half the largest gain per added dimension seen \
        so far (a gain under 2 s.e. or 0.1 bit counts as none). Default: band for a Euclidean slice, elbow for a \
        normalised (cosine) one, whose curve keeps rising slowly past the latent dimension; there d′ dimensions \
        hold a (d′ − 1)-dimensional latent.
        """)
    var rule: DimensionRule?

    func run() throws {
        global.configureRuntime()
        let dims = try Self.parseRange(range)
        guard seeds >= 1 else { throw ValidationError("--seeds must be ≥ 1") }
        guard jobs >= 1 else { throw ValidationError("--jobs must be ≥ 1") }
        let shard = try shard.map { s in
            do { return try Shard(parsing: s) } catch { throw ValidationError("--shard \(s): expected i/n with 1 ≤ i ≤ n") }
        }
        let (data, defaultPreset, defaultBehaviour) = try loadSession()
        let presetName = preset ?? defaultPreset
        guard let recipe = TrainingPreset(rawValue: presetName) else {
            throw ValidationError("--preset \(presetName): expected one of \(TrainingPreset.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let variables = behaviour.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
            ?? defaultBehaviour.map { [$0] } ?? []
        guard !variables.isEmpty else {
            throw ValidationError("session '\(data.id)' has no behaviour variables; a behaviour objective needs one (--behaviour)")
        }
        var base = recipe.configuration(behaviour: variables, seed: global.seed, steps: steps)
        if let batchSize { base.batchSize = batchSize }
        base.learningRate = learningRate ?? recipe.sweepLearningRate
        base.heldOutFraction = heldOut
        base.logEvery = max(base.steps, 1)
        let plan = SweepPlan(base: base, slice: slice, dimensions: dims, seeds: (0..<UInt64(seeds)).map { global.seed + $0 },
                             evaluationBatches: evaluationBatches, evaluationBatchSize: evaluationBatch, evaluationSeed: global.seed)
        let sweep = try DimensionSweep(plan: plan, session: data, directory: out)
        let pending = try sweep.pendingJobs(shard: shard)
        say("xcebra dimensions: session '\(data.id)' (T = \(data.sampleCount), \(data.neuronCount) neurons); recipe \(presetName), "
              + "\(base.model), B = \(base.batchSize)\(evaluationBatch.map { " (evaluation B = \($0))" } ?? ""), \(base.steps) steps, learning rate \(base.learningRate); \(slice.rawValue) d′ ∈ \(dims), seeds \(plan.seeds); "
              + "\(plan.jobs.count - pending.count) of \(plan.jobs.count) runs already done\(shard.map { ", shard \($0)" } ?? "")")
        if !pending.isEmpty {
            let bar = ProgressBar(title: "dimensions", total: pending.count * base.steps)
            try sweep.run(shard: shard, workers: jobs) { p in
                bar.update(p.completedSteps, status: String(format: "run %d/%d d′=%d seed %llu loss %.3f%@", p.jobNumber, p.jobCount,
                                                            p.job.dimension, p.job.seed, p.loss, p.phase == .evaluating ? " (evaluating)" : ""))
            }
        }
        var criterion = try plan.recommendedFit().criterion
        if let rule { criterion.rule = rule }
        let summary = try SweepSummary.collect(sweep, measure: measure, criterion: criterion)
        try SweepReport.write(summary, to: out)
        say(Self.table(summary))
        say("goodness of fit: \(summary.measure.rawValue) (--measure); rule (--rule \(criterion.rule.rawValue)): \(summary.rule)")
        if let e = summary.estimate {
            let boot = zip(e.bootstrapDimensions, e.bootstrapFrequencies).map { String(format: "%d: %.0f%%", $0, 100 * $1) }.joined(separator: ", ")
            let latent = e.latentDimension.map { " (a normalised block: \($0)-dimensional latent)" } ?? ""
            say("estimate: \(slice.rawValue) d′ = \(e.dimension)\(latent) (best mean at \(e.best); the band rule's set: \(e.band); bootstrap over seeds \(boot), 95 % interval \(e.bootstrapInterval))")
        }
        if !summary.isComplete {
            say("\(summary.missing.count) of \(plan.jobs.count) runs are not finished (\(summary.missing.prefix(6).joined(separator: ", "))\(summary.missing.count > 6 ? ", …" : "")); "
                  + "the estimate uses the finished ones. Run the other shards, then rerun without --shard to collect.")
        }
        say("wrote \(out)/dimensions.csv, dimensions.json, dimensions.svg and \(out)/runs/")
    }

    /// The session and its default recipe and behaviour variable. Built-in simulations default
    /// to 10,000 samples here (a sweep trains many models), not the generators' own defaults.
    func loadSession() throws -> (Session, String, String?) {
        var options = input
        switch input.session {
        case "benchmark":
            options.simulationSize = options.simulationSize ?? 10_000
            return (try options.load(seed: global.seed), TrainingPreset.syntheticDemo.rawValue, "z2")
        case "arena":
            options.simulationSize = options.simulationSize ?? 1_000
            return (try options.load(seed: global.seed), TrainingPreset.standard.rawValue, "position")
        default:
            let s = try options.load(seed: global.seed)
            return (s, TrainingPreset.standard.rawValue, s.behaviour.first?.name)
        }
    }

    /// "1...10", "2..<6", "2-6" or "1,2,4,8" → the candidate list (`option` names the flag in errors).
    static func parseRange(_ text: String, option: String = "--range") throws -> [Int] {
        let t = text.trimmingCharacters(in: .whitespaces)
        func bounds(_ sep: String) -> (Int, Int)? {
            let p = t.components(separatedBy: sep)
            guard p.count == 2, let a = Int(p[0]), let b = Int(p[1]) else { return nil }
            return (a, b)
        }
        var out: [Int]?
        if let (a, b) = bounds("..."), a <= b { out = Array(a...b) }
        else if let (a, b) = bounds("..<"), a < b { out = Array(a..<b) }
        else if let (a, b) = bounds("-"), a <= b { out = Array(a...b) }
        else {
            let parts = t.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
            if !parts.isEmpty, parts.allSatisfy({ $0 != nil }) { out = parts.map { $0! } }
        }
        guard let out, !out.isEmpty, out.allSatisfy({ $0 >= 1 }), Set(out).count == out.count else {
            throw ValidationError("\(option) \(text): expected positive candidates as 1...10, 2..<6, 2-6 or 1,2,4,8")
        }
        return out
    }

    static func table(_ s: SweepSummary) -> String {
        var lines = ["   d′  seeds   GoF (bits)        consistency R²   train s"]
        for r in s.rows {
            lines.append(String(format: "%5d  %5d   %6.3f ± %-6.3f   %@   %7.1f", r.dimension, r.seeds.count, r.bitsMean, r.bitsStandardError,
                                r.consistencyMean.map { String(format: "%6.3f ± %-6.3f", $0, r.consistencyStandardError ?? 0) } ?? "      –        ",
                                r.trainingSecondsMean))
        }
        return lines.joined(separator: "\n")
    }
}
