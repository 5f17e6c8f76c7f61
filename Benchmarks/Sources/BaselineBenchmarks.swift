import Attribution
import Contrastive
import Foundation
import Simulation
import Tensors

/// Issue 8: time per baseline method for 2,000 samples of the 50-neuron synthetic benchmark on
/// one core (the synthetic-demo model, 50 → 180 → 180 → 60 → 6, clip ±5), with each method's
/// defaults (ExplainerCatalog). Compare IG and feature ablation with
/// Benchmarks/captum/run_captum.py (same architecture, 2,000 inputs, one thread).
/// XCEBRA_BASELINE_METHODS overrides the method list (comma-separated); XCEBRA_BASELINE_REPEATS
/// times each method that many times and reports the lowest CPU time (run_captum.py reports
/// captum's best of 3, so use 3 for the ratio), every run in `cpu_s_runs`. When captum's figures
/// are at XCEBRA_CAPTUM_JSON (default Benchmarks/results/captum.json, written by run_captum.py)
/// the JSON also holds captum CPU seconds / ours per shared method.
func runBaselineBenchmarks() throws -> [String: Any] {
    let env = ProcessInfo.processInfo.environment
    let methods = try ExplainerCatalog.parse(env["XCEBRA_BASELINE_METHODS"] ?? "all")
    let repeats = Swift.max(1, Int(env["XCEBRA_BASELINE_REPEATS"] ?? "1") ?? 1)
    var c = SyntheticBenchmark.Configuration()
    c.seed = 11
    c.sampleCount = 20_000
    let data = try SyntheticBenchmark.generate(c)
    let trainer = try Trainer(configuration: TrainingPreset.syntheticDemo.configuration(behaviour: ["z2"], seed: 1, steps: 300),
                              session: data.session)
    try trainer.train()
    let model = try EmbeddingModel(trainer: trainer)
    let samples = try AttributionSamples(session: data.session, model: model, limit: 2_000, seed: 7)
    let warm = try AttributionSamples(session: data.session, model: model, limit: 64, seed: 8)
    var rows: [String: Any] = [:]
    for name in methods {
        let explainer = try ExplainerCatalog.make(name, model: model, samples: samples, seed: 3)
        _ = try Explanation.compute(explainer, model: model, samples: warm)
        var o = Explanation.Options()
        o.chunkSize = 512
        var runs: [(cpu: Double, wall: Double)] = [], count = 0
        for _ in 0..<repeats {
            let t0 = DispatchTime.now().uptimeNanoseconds, c0 = baselineCPUSeconds()
            count = try Explanation.compute(explainer, model: model, samples: samples, options: o).sampleCount
            runs.append((baselineCPUSeconds() - c0, Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9))
        }
        let best = runs.min { $0.cpu < $1.cpu }!
        rows[name] = ["wall_s": best.wall, "cpu_s": best.cpu, "cpu_s_runs": runs.map(\.cpu), "samples": count,
                      "per_sample_ms": 1000 * best.cpu / Double(count)]
        print(String(format: "%@: %.3f s CPU (%.3f s wall) for %d samples, best of %d", name, best.cpu, best.wall, count, repeats))
    }
    let ratios = captumRatios(rows, captumFile: env["XCEBRA_CAPTUM_JSON"] ?? "Benchmarks/results/captum.json")
    return ["model": model.configuration.model, "captum_ratio": ratios, "neurons": model.inputNeurons, "output_dimension": model.outputDimension,
            "samples": samples.count, "repeats": repeats, "threads": NumericRuntime.blasThreads, "methods": rows,
            "defaults": "IG 50 Gauss-Legendre steps, baseline 0; GradientSHAP 5 draws; SmoothGrad 5 draws; Shapley 25 permutations; LIME 100 draws; AFO 10 draws"]
}

/// captum's CPU seconds over ours for IG and feature ablation, from run_captum.py's JSON (empty
/// when the file is absent; an unreadable file is reported, not fatal: the timings stand alone).
private func captumRatios(_ rows: [String: Any], captumFile path: String) -> [String: Any] {
    guard FileManager.default.fileExists(atPath: path) else { return [:] }
    guard let data = FileManager.default.contents(atPath: path),
          let captum = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
        print("warning: \(path) is not run_captum.py's JSON; no captum ratios")
        return [:]
    }
    var out: [String: Any] = ["captum": captum["captum"] ?? "?", "torch": captum["torch"] ?? "?"]
    for (ours, theirs) in [("integrated-gradients", "integrated_gradients"), ("feature-ablation", "feature_ablation")] {
        guard let mine = (rows[ours] as? [String: Any])?["cpu_s"] as? Double,
              let their = (captum[theirs] as? [String: Any])?["cpu_s"] as? Double, mine > 0 else { continue }
        out[ours] = ["captum_cpu_s": their, "xcebra_cpu_s": mine, "ratio": their / mine]
        print(String(format: "%@: captum %.3f s CPU / ours %.3f s = %.1fx", ours, their, mine, their / mine))
    }
    return out
}

/// CPU seconds of this process (the machine is shared, so wall time overstates the cost).
private func baselineCPUSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}
