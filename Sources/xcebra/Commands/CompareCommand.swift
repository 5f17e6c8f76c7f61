import ArgumentParser
import Attribution
import Contrastive
import Foundation
import Recordings
import Reports
import Tensors

/// `xcebra compare SESSION|benchmark|arena --methods all|LIST`: every attribution method on the
/// same model and samples with a shared seed; a table of auROC and the other ground-truth
/// metrics with bootstrap 95 % CIs over seeds, and wall times (issue 8 part 5).
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare the Inverted Neuron Gradient with baseline explainers on one model and sample.",
        discussion: """
            For each of --seeds repetitions (seed = --seed + k): simulate the session (benchmark, arena) or load \
            it, train the model with that seed (or load --model), draw --samples samples with that seed and run \
            every method on them. Writes DIR/comparison.csv and .json (per method: auROC, AUPRC, AUP, AUR, mask \
            information and entropy, TSR weighted AUP/AUR/AUPR, gap_minmax, each with a bootstrap 95% CI over \
            seeds, and the wall time), DIR/comparison.svg (auROC per method) and DIR/comparison.html.

            Methods: \((ExplainerCatalog.all).joined(separator: ", ")) (and jf-inv-lsq, jf-inv-svd, jf).
            """)

    @OptionGroup var input: SessionOptions
    @OptionGroup var global: GlobalOptions

    @Option(help: "Methods: all, or a comma-separated list.") var methods = "all"
    @Option(help: "Repetitions of the whole pipeline (seeds --seed, --seed+1, ...).") var seeds = 1
    @Option(help: "Samples attributed per repetition (seeded subset).") var samples = 2_000
    @Option(help: "Use this trained checkpoint instead of training (the seeds then vary only the samples and the methods' randomness).")
    var model: String?
    @Option(help: "Training preset (default: synthetic-demo for benchmark, the toolkit default otherwise).") var preset: String?
    @Option(help: "Comma-separated behaviour variables (default: z2 for benchmark, position when present).") var behaviour: String?
    @Option(help: "Training steps (default: the preset's).") var steps: Int?
    @Option(help: "Integrated-gradients steps.") var igSteps = 50
    @Option(help: "Integrated-gradients rule: gausslegendre, riemann_left, riemann_right, riemann_middle, riemann_trapezoid.")
    var igRule = "gausslegendre"
    @Option(help: ArgumentHelp("Baseline of IG, DeepLIFT, ablation, Shapley and LIME: zero, mean, shuffle.",
                               discussion: "zero is captum's and CEBRA's default. On spike counts a neuron silent in a bin is already at 0, so ablating it there changes nothing and sparse cells score low; mean (each input's mean over the attributed samples) asks what its usual rate would change. On the arena, mean lifted feature ablation from auROC 0.75 to 0.94 (docs/results/perturbation-baselines-arena.md)."))
    var baseline = "zero"
    @Option(help: "GradientSHAP baseline: zero or shuffle.") var gradientShapBaseline = "zero"
    @Option(help: "Shapley value sampling permutations.") var permutations = ShapleySamplingExplainer.defaultPermutations
    @Flag(help: "Antithetic permutation pairs for Shapley value sampling.") var antithetic = false
    @Option(help: "Ground-truth variable of the time-only block.") var timeVariable: String?
    @Option(help: "Output folder.") var out = "xcebra-compare"

    func run() throws {
        try reportingUserErrors(verbose: global.verbose) {
            global.configureRuntime()
            guard seeds >= 1, samples >= 1 else { throw ValidationError("--seeds and --samples must be ≥ 1") }
            guard let rule = IntegrationRule(rawValue: igRule) else {
                throw ValidationError("--ig-rule must be one of \(IntegrationRule.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let names: [String]
            do { names = try ExplainerCatalog.parse(methods) } catch { throw ValidationError("\(error)") }
            var options = ExplainerCatalog.Options()
            options.integrationSteps = igSteps
            options.integrationRule = rule
            options.baseline = baseline
            options.gradientShapBaseline = gradientShapBaseline
            options.shapleyPermutations = permutations
            options.antithetic = antithetic
            let loaded = try model.map { path -> EmbeddingModel in
                do { return try EmbeddingModel(contentsOf: path) } catch { throw ValidationError("\(error)") }
            }
            var runs: [ComparisonRun] = []
            let bar = ProgressBar(title: "compare", total: seeds * names.count)
            for k in 0..<seeds {
                let seed = global.seed &+ UInt64(k)
                let session = try input.load(seed: seed)
                let m = try loaded ?? trainModel(session: session, seed: seed)
                let run = try ComparisonRun.run(methods: names, model: m, session: session, seed: seed, sampleLimit: samples,
                                                options: options, timeVariable: timeVariable) { method, done, _ in
                    bar.update(k * names.count + done, status: "seed \(seed) \(method)")
                }
                if run.results.first?.scores == nil { printError("warning: session \(session.id) has no ground truth aligned to the model; only wall times are reported") }
                runs.append(run)
            }
            let table = ComparisonTable(runs: runs, bootstrapSeed: global.seed)
            let parameters: [String: Any] = [
                "session": input.session, "model": model ?? "trained per seed", "preset": preset ?? "default", "samples": samples,
                "methods": names, "ig_steps": igSteps, "ig_rule": igRule, "baseline": baseline,
                "gradient_shap_baseline": gradientShapBaseline, "permutations": permutations, "antithetic": antithetic,
                "threads": global.threads, "blas": NumericRuntime.blasDescription,
            ]
            do { try table.write(runs: runs, parameters: parameters, to: out) } catch { throw ValidationError("\(error)") }
            try writeFigures(table)
            printTable(table)
            say("wrote \(out)/comparison.csv, comparison.json, comparison.svg, comparison.html")
        }
    }

    /// Trains the preset recipe on `session` with `seed`, as `xcebra train` would.
    func trainModel(session: Session, seed: UInt64) throws -> EmbeddingModel {
        let variables = behaviour.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
            ?? TrainCommand.defaultBehaviour(session)
        let presetName = preset ?? (input.session == "benchmark" ? TrainingPreset.syntheticDemo.rawValue : TrainingPreset.standard.rawValue)
        guard let p = TrainingPreset(rawValue: presetName) else {
            throw ValidationError("unknown preset '\(presetName)'; available: \(TrainingPreset.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let config = p.configuration(behaviour: variables, seed: seed, steps: steps)
        let trainer = try Trainer(configuration: config, session: session)
        let bar = ProgressBar(title: "train seed \(seed)", total: config.steps)
        try trainer.train(progress: { r in bar.update(r.step + 1, status: TrainCommand.status(r)) })
        return try EmbeddingModel(trainer: trainer)
    }

    func writeFigures(_ table: ComparisonTable) throws {
        let rows = table.rows
        let auc = rows.map { $0.metrics["auroc"] }
        let chart = BarChart(
            title: "auROC per attribution method (\(table.seeds.count) seed\(table.seeds.count == 1 ? "" : "s"), 95% bootstrap CI)",
            categories: rows.map(\.method),
            series: [BarChart.Series(name: "auROC", values: auc.map { $0?.mean ?? .nan },
                                     lower: auc.map { $0?.lower ?? .nan }, upper: auc.map { $0?.upper ?? .nan })],
            yAxis: Axis("auROC", domain: 0...1), xAxisLabel: "method", referenceLine: (0.5, "chance"),
            summary: "auROC of each method's attribution map against the ground truth", width: 120 + 70 * Double(rows.count))
        let svg = chart.svg()
        let dir = URL(fileURLWithPath: out)
        try ComparisonTable.writeAtomically(Data(svg.utf8), to: dir.appendingPathComponent("comparison.svg").path)
        var columns = [HTMLTable.Column("method")]
        for m in ComparisonScores.columnNames { columns.append(HTMLTable.Column(m, numeric: true)) }
        columns.append(HTMLTable.Column("seconds", numeric: true))
        var html = HTMLTable(caption: "Mean over seeds [95% bootstrap CI]", columns: columns)
        for r in rows {
            var cells: [HTMLTable.Cell] = [.text(r.method)]
            for m in ComparisonScores.columnNames {
                cells.append(r.metrics[m].map { .text(String(format: "%.3f [%.3f, %.3f]", $0.mean, $0.lower, $0.upper)) } ?? .empty)
            }
            cells.append(.number(r.seconds.mean, digits: 2))
            html.append(cells)
        }
        var report = HTMLReport(title: "xcebra compare", subtitle: input.session)
        report.addHeader("seeds", table.seeds.map(String.init).joined(separator: ", "))
        report.addHeader("samples", String(samples))
        var section = ReportSection("Comparison")
        section.figure(svg, caption: "auROC per method; error bars: 95% bootstrap CI over seeds.")
        section.table(html)
        section.note("AUP/AUR/AUPRC/information/entropy follow time_interpret's white-box metrics on the min-max normalised map; tsr_* are TSR's weighted precision/recall under progressive masking (baselines.md §2).")
        report.addSection(section)
        try report.write(to: dir.appendingPathComponent("comparison.html"))
    }

    func printTable(_ table: ComparisonTable) {
        func pad(_ s: String, _ n: Int) -> String { s.padding(toLength: Swift.max(n, s.count), withPad: " ", startingAt: 0) }
        say(pad("method", 22) + pad("auROC [95% CI]", 25) + pad("AUPRC", 8) + pad("AUP", 8) + pad("AUR", 8) + "seconds")
        for r in table.rows {
            func v(_ k: String) -> String { r.metrics[k].map { String(format: "%.3f", $0.mean) } ?? "-" }
            let auc = r.metrics["auroc"].map { String(format: "%.3f [%.3f, %.3f]", $0.mean, $0.lower, $0.upper) } ?? "-"
            say(pad(r.method, 22) + pad(auc, 25) + pad(v("auprc"), 8) + pad(v("aup"), 8) + pad(v("aur"), 8) + String(format: "%.2f", r.seconds.mean))
        }
    }
}
