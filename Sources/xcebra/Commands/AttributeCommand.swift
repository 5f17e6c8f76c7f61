import ArgumentParser
import Attribution
import Foundation
import Recordings
import Tensors

/// `xcebra attribute MODEL SESSION --out DIR`: which neurons carry which behaviour variable,
/// by the Inverted Neuron Gradient of a trained model (xcebra.md §7).
struct AttributeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attribute",
        abstract: "Attribute each behaviour variable of a trained model to neurons (Inverted Neuron Gradient).",
        discussion: """
            Writes DIR/scores.csv (neuron, variable, score, z, rank, p-value, CI), DIR/map.h5 (the attribution map, \
            embedding dimensions x neurons) and DIR/summary.json (parameters, timings, inversion cutoffs, \
            Moore-Penrose pass fraction, clip saturation, metrics). With ground truth in the session, prints the \
            auROC of every method. p-values come from a circular-shift null that retrains the model per shift \
            (--shifts, 0 to skip).
            """)

    @Argument(help: "Training checkpoint of the model.") var model: String
    @OptionGroup var input: SessionOptions
    @Option(help: "Method: \(NeuronGradientExplainer.methodNames.joined(separator: ", ")) (default: jf-inv-svd for normalised models, else jf-inv-lsq).")
    var method: String?
    @Option(help: "Comma-separated methods whose ground-truth auROC is also reported.") var compare = "jf"
    @Option(help: "Attribute a seeded random subset of this many samples (default: all).") var samples: Int?
    @Option(help: "Seed of the sample subset (CEBRA's is 9712341).") var sampleSeed: UInt64 = AttributionSamples.cebraSeed
    @Flag(help: "Invert every Jacobian with LAPACK (dgelsd / dgesdd) instead of the Cholesky fast route.") var exactInversion = false
    @Option(help: "Bootstrap replicates for the 95% CIs (0: no CIs).") var bootstrap = 1_000
    @Option(help: "Contiguous time blocks for the bootstrap.") var timeBlocks = 50
    @Option(help: "Circular shifts of the behaviour for p-values, each retraining the model (0: no p-values).") var shifts = 20
    @Option(help: "Training steps per shift-null model (default: min(500, the model's steps)).") var nullSteps: Int?
    @Option(help: "Samples attributed per shift-null model.") var nullSamples = 5_000
    @Option(help: "Ground-truth variable of the time-only block (default: the one no behaviour block uses, if unique).") var timeVariable: String?
    @Option(help: ArgumentHelp("Samples entering the map: all, or locally-invertible (skip samples whose Jacobian lost rank, e.g. saturated clipped outputs).",
                               discussion: "On the synthetic benchmark with the synthetic-attribution preset, locally-invertible raised the 5-seed mean auROC from 0.990 to 0.993 (docs/results/attribution-synthetic-5seeds.md)."))
    var sampleSelection = "all"
    @Option(help: "Neurons printed per variable.") var top = 10
    @Option(help: "Output folder.") var out: String
    @OptionGroup var global: GlobalOptions

    func run() throws {
        global.configureRuntime()
        do {
            let m = try EmbeddingModel(contentsOf: model)
            let s: Session
            s = try input.load(seed: global.seed)
            var o = AttributionAnalysis.Options()
            o.method = method
            o.comparisonMethods = compare.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            o.samples = samples
            o.sampleSeed = sampleSeed
            o.route = exactInversion ? .exact : .fast
            o.explanation.timeBlocks = timeBlocks
            guard let selection = SampleSelection(rawValue: sampleSelection) else {
                throw ValidationError("--sample-selection '\(sampleSelection)': expected all or locally-invertible")
            }
            o.explanation.selection = selection
            o.bootstrap = bootstrap > 0 ? BlockBootstrap(replicates: bootstrap, seed: global.seed) : nil
            o.timeVariable = timeVariable
            if shifts > 0 {
                o.significance = ShiftNull(shifts: shifts, steps: nullSteps ?? min(500, m.configuration.steps), samples: nullSamples,
                                           seed: global.seed, method: method ?? AttributionAnalysis.defaultMethod(for: m))
            }
            let a = try AttributionAnalysis.run(model: m, session: s, options: o) { line in
                FileHandle.standardError.write(Data((line + "\n").utf8))
            }
            try AttributionOutput.write(a, model: m, session: s, options: o, modelPath: model, sessionPath: input.session, to: out)
            report(a, session: s)
        } catch let e as ValidationError {
            throw e
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(2)
        }
    }

    private func report(_ a: AttributionAnalysis, session s: Session) {
        let e = a.explanation
        print(String(format: "%@: %d samples in %.2f s", a.method, e.sampleCount, e.seconds))
        if let d = e.diagnostics {
            var line = String(format: "  Jacobians %.2f s, inversion %.2f s", d.jacobianSeconds, d.inversionSeconds)
            if let mp = d.moorePenroseFraction { line += String(format: ", Moore-Penrose pass %.1f %% of %d checked", 100 * mp, d.moorePenroseChecked) }
            if let sat = d.saturationFraction { line += String(format: ", clip saturation %.2f %%", 100 * sat) }
            print(line)
        }
        for w in a.warnings { print("warning: \(w)") }
        for (k, v) in a.scores.enumerated() {
            print("\(v.variable) (embedding dims \(v.block.lowerBound)..<\(v.block.upperBound)):")
            for i in v.order.prefix(top) {
                let cell = s.neurons.indices.contains(i) ? (s.neurons[i].cellType.map { " [\($0)]" } ?? "") : ""
                var line = String(format: "  #%-3d neuron %d%@  score %.4g  z %.2f", v.ranks[i], i, cell, v.scores[i], v.z[i])
                if let p = a.significance?.pValues[k]?[i] { line += String(format: "  p %.3f", p) }
                if let ci = a.intervals?[k] { line += String(format: "  95%% CI [%.4g, %.4g]", ci.lower[i], ci.upper[i]) }
                print(line)
            }
        }
        if let o = a.overlap {
            print("block overlap (median cos θ₁ of a block's Jacobian rows with the other rows, \(o.samples) samples): "
                  + o.labels.indices.map { o.labels[$0] + " " + (o.withRest[$0].map { String(format: "%.3f", $0) } ?? "n/a") }.joined(separator: ", "))
        }
        for (name, m) in a.metrics.sorted(by: { $0.key < $1.key }) {
            var line = String(format: "auROC %@: %.4f (AUPRC %.4f, gap_minmax %.4g)", name, m.auROC ?? .nan, m.averagePrecision ?? .nan, m.gapMinMax)
            let per = (a.blockMetrics[name] ?? [:]).sorted { $0.key < $1.key }.compactMap { k, v in v.auROC.map { String(format: "%@ %.4f", k, $0) } }
            if !per.isEmpty { line += "; per block: " + per.joined(separator: ", ") }
            print(line)
        }
        print("wrote \(out)/scores.csv, \(out)/map.h5, \(out)/summary.json")
    }
}
