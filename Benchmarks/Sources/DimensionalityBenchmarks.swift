import Contrastive
import Dimensionality
import Foundation
import Recordings
import Simulation
import Tensors

/// Issue "dimensionality" acceptance: behaviour-dimension sweeps on synthetic benchmark
/// variants whose behaviour latent z2 has k = 1…6 dimensions (time latent z1: 3), one sweep per
/// seeded dataset, and the confusion table (true k × estimated d′); then one sweep on the
/// RatInABox-style four-cell-types session with the behaviour objective on 2-D position.
///
/// Every sweep is a resumable `DimensionSweep` folder under `DIR/dimensionality-runs`, so the
/// suite can be interrupted and rerun, and split over processes with
/// `XCEBRA_DIM_SHARD=i/n` (sweeps dealt round-robin; a final run without a shard collects).
/// Settings (environment, defaults in brackets): XCEBRA_DIM_SETTINGS [1,2,3,4,5,6],
/// XCEBRA_DIM_RUNS [10] datasets per setting, XCEBRA_DIM_T [100000] samples, XCEBRA_DIM_STEPS
/// [1500], XCEBRA_DIM_BATCH [512], XCEBRA_DIM_MAX [8] largest candidate, XCEBRA_DIM_MIN [1; 2 for cosine] smallest,
/// XCEBRA_DIM_BELOW [1] and XCEBRA_DIM_MARGIN [1]: candidates max(k − below, MIN) … min(k + margin, MAX)
/// (`all` for either: MIN, or MAX; the defaults cannot detect estimates more than one away from k),
/// XCEBRA_DIM_SEEDS [3], XCEBRA_DIM_EVAL [200] held-out batches, XCEBRA_DIM_EVAL_BATCH [the training batch] rows per held-out batch, XCEBRA_DIM_LR [1e-3] learning rate
/// (3e-4, the spec's training default, leaves 1,500-step runs 0.6–1.5 bits below the true latent),
/// XCEBRA_DIM_ARENA [1] (0 skips the arena sweep),
/// XCEBRA_DIM_LAYOUT [hybrid] (`disjoint`: the time objective keeps (0,3) instead of spanning
/// the whole embedding, so spare behaviour dimensions cannot serve it),
/// XCEBRA_DIM_MODEL [offset1-model-mse-clip-5-5] (the encoder; e.g. offset1-model-mse without the clip;
/// offset1-model switches both objectives to cosine similarity on renormalised slices),
/// XCEBRA_DIM_COLLECT [unset] (set: run nothing, only collect finished sweeps),
/// XCEBRA_DIM_RESCORE_BATCH [unset] (set: also score every finished run's recorded held-out
/// embedding at this many rows per batch, averaged over XCEBRA_DIM_RESCORE_BATCHES [XCEBRA_DIM_EVAL]
/// batches, and the slice's recommended rule on that curve),
/// XCEBRA_DIM_DIR [Benchmarks/results/dimensionality-runs].
func runDimensionalityBenchmarks() throws -> [String: Any] {
    let env = ProcessInfo.processInfo.environment
    func int(_ k: String, _ d: Int) -> Int { env[k].flatMap(Int.init) ?? d }
    let settings = env["XCEBRA_DIM_SETTINGS"].map { $0.split(separator: ",").compactMap { Int($0) } } ?? [1, 2, 3, 4, 5, 6]
    let runs = int("XCEBRA_DIM_RUNS", 10), t = int("XCEBRA_DIM_T", 100_000), steps = int("XCEBRA_DIM_STEPS", 1_500)
    let batch = int("XCEBRA_DIM_BATCH", 512), maxD = int("XCEBRA_DIM_MAX", 8), seeds = int("XCEBRA_DIM_SEEDS", 3)
    let evalBatches = int("XCEBRA_DIM_EVAL", 200)
    // Held-out batch size of the GoF (default: the training batch); a new value needs new sweep folders.
    let evalBatch = env["XCEBRA_DIM_EVAL_BATCH"].flatMap(Int.init)
    let rescoreBatch = env["XCEBRA_DIM_RESCORE_BATCH"].flatMap(Int.init), rescoreBatches = int("XCEBRA_DIM_RESCORE_BATCHES", evalBatches)
    let root = env["XCEBRA_DIM_DIR"] ?? "Benchmarks/results/dimensionality-runs"
    let shard = try env["XCEBRA_DIM_SHARD"].map { try Shard(parsing: $0) }
    let disjoint = env["XCEBRA_DIM_LAYOUT"] == "disjoint"
    // offset1-model normalises its output: cosine objectives on renormalised slices, d′ ≥ 2.
    let cosine = env["XCEBRA_DIM_MODEL"] == "offset1-model"
    let smallest = int("XCEBRA_DIM_MIN", cosine ? 2 : 1)
    // Candidates k − below … k + margin; "all" for either keeps the whole range on that side.
    let margin = env["XCEBRA_DIM_MARGIN"] == "all" ? nil : Int(env["XCEBRA_DIM_MARGIN"] ?? "1")
    let below = env["XCEBRA_DIM_BELOW"] == "all" ? nil : Int(env["XCEBRA_DIM_BELOW"] ?? "1")

    var sweeps: [(k: Int, run: Int)] = []
    for k in settings { for r in 0..<runs { sweeps.append((k, r)) } }
    var confusion = [[Int]](repeating: [Int](repeating: 0, count: maxD + 1), count: settings.count)
    // Sensitivity: the same rule with a 0.1-bit floor on the band (guards against seeds that agree by chance).
    var confusionFloor = confusion
    // The best seed per d′ (an optimisation failure only lowers a seed's GoF) with a 0.1-bit floor.
    var confusionBestSeed = confusion
    // The same 2-s.e. rule on the calibrated GoF (CalibratedGoodnessOfFit), with a 0.1-bit floor.
    var confusionCalibrated = confusion
    // The slice's recommended measure and rule, counted as a latent dimension.
    var confusionRecommended = confusion
    // The slice's recommended rule on the calibrated GoF re-scored at XCEBRA_DIM_RESCORE_BATCH rows per
    // batch, counted as a latent dimension.
    var confusionRescored = confusion
    var estimates: [[String: Any]] = []
    var complete = 0
    var incomplete: [String] = []
    let started = Date()
    for (j, s) in sweeps.enumerated() {
        var c = SyntheticBenchmark.Configuration()
        c.latentDimensions = [3, s.k]
        c.sampleCount = t
        c.seed = UInt64(1_000 * s.k + s.run)
        let data = try SyntheticBenchmark.generate(c)
        var base = TrainingPreset.syntheticDemo.configuration(behaviour: ["z2"], seed: 0, steps: steps)
        base.batchSize = batch
        base.learningRate = Double(env["XCEBRA_DIM_LR"] ?? "") ?? 1e-3
        base.heldOutFraction = 0.2
        base.logEvery = steps
        if let model = env["XCEBRA_DIM_MODEL"] { base.model = model }
        if cosine {
            for i in base.objectives.indices { base.objectives[i].criterion.similarity = .cosine }
            base.renormalize = true
        }
        if disjoint { base.objectives[0].stop = 3 }  // time objective on z1's block (0,3) only
        let top = margin.map { min(s.k + $0, maxD) } ?? maxD
        let low = Swift.min(below.map { Swift.max(s.k - $0, smallest) } ?? smallest, top)
        let plan = SweepPlan(base: base, slice: .behaviour, dimensions: Array(low...top), seeds: (0..<seeds).map(UInt64.init),
                             evaluationBatches: evalBatches, evaluationBatchSize: evalBatch)
        let variant = (disjoint ? "disjoint-" : "") + (env["XCEBRA_DIM_MODEL"].map { "\($0)-" } ?? "")
        let sweep = try DimensionSweep(plan: plan, session: data.session, directory: "\(root)/\(variant)k\(s.k)-run\(s.run)")
        if env["XCEBRA_DIM_COLLECT"] == nil, shard?.contains(job: j) ?? true {
            // The behaviour labels beside the embeddings, for offline checks of other estimators.
            let z2 = data.session.behaviour.first { $0.name == "z2" }!
            try Data(NPY.encode(z2.values, shape: [data.session.sampleCount, z2.columns], dtype: "<f8"))
                .write(to: URL(fileURLWithPath: sweep.directory + "/behaviour-z2.npy"), options: .atomic)
            let t0 = Date()
            let done = try sweep.run()
            if !done.isEmpty {
                print(String(format: "k = %d run %d: %d trainings in %.1f s", s.k, s.run, done.count, Date().timeIntervalSince(t0)))
            }
        }
        // Oracle: the true latent's first m coordinates as the behaviour block, scored with the
        // same held-out batches and positives, is the curve a perfectly trained model would give
        // (m > k: zero columns, which change no distance).
        let held = HeldOutEvaluation.heldOutRange(sampleCount: t, fraction: base.heldOutFraction)
        let z2 = data.session.behaviour.first { $0.name == "z2" }!
        let oracle = try (low...top).map { m -> Double in
            let e = Tensor(shape: [held.count, m], scalars: held.flatMap { i in (0..<m).map { $0 < s.k ? Float(z2.values[i * s.k + $0]) : 0 } })
            let o = Objective(slice: 0..<m, criterion: base.objectives[1].criterion, positives: base.objectives[1].positives)
            return try HeldOutEvaluation.goodnessOfFit(embedding: e, range: held, objectives: [o], session: data.session,
                                                       batchSize: plan.evaluationBatch, batches: evalBatches)[0].calibratedBits ?? .nan
        }
        let summary = try SweepSummary.collect(sweep, measure: .infoNCE, criterion: .band, floor: 0, bootstrapResamples: 200)
        if !summary.isComplete { incomplete.append("k\(s.k)-run\(s.run)") }
        guard summary.isComplete, let e = summary.estimate else { continue }
        try SweepReport.write(summary, to: sweep.directory)
        complete += 1
        confusion[settings.firstIndex(of: s.k)!][e.dimension] += 1
        let floored = DimensionEstimate.choose(dimensions: summary.rows.map(\.dimension), means: summary.rows.map(\.bitsMean),
                                               standardErrors: summary.rows.map(\.bitsStandardError), floor: 0.1)!.dimension
        confusionFloor[settings.firstIndex(of: s.k)!][floored] += 1
        let bestSeed = summary.rows.map { $0.bits.max() ?? -.infinity }
        let bestOverall = bestSeed.max()!
        let bestSeedChoice = summary.rows[bestSeed.firstIndex { $0 >= bestOverall - 0.1 }!].dimension
        confusionBestSeed[settings.firstIndex(of: s.k)!][bestSeedChoice] += 1
        let calibrated = try SweepSummary.collect(sweep, measure: .calibrated, criterion: .band, floor: 0.1, bootstrapResamples: 0)
        let calibratedChoice = calibrated.estimate?.dimension ?? 0
        confusionCalibrated[settings.firstIndex(of: s.k)!][calibratedChoice] += 1
        // What `xcebra dimensions` reports (SweepPlan.recommendedFit), as a latent dimension:
        // d′ − 1 for a cosine slice (elbow on the calibrated GoF), d′ for a Euclidean one.
        let recommended = try SweepSummary.collect(sweep, bootstrapResamples: 0)
        let recommendedLatent = recommended.estimate.map { $0.latentDimension ?? $0.dimension } ?? 0
        confusionRecommended[settings.firstIndex(of: s.k)!][recommendedLatent] += 1
        // Re-scored from the recorded held-out embeddings at another evaluation batch size (no
        // training): the calibrated GoF's ceiling log₂(B + 1) moves with B.
        var rescored: [String: Any] = [:]
        if let rb = rescoreBatch {
            var perD: [Int: [Double]] = [:]
            for r in try sweep.results() {
                let o = r.configuration.objectives[r.criterionObjective]
                let fit = try HeldOutEvaluation.goodnessOfFit(embedding: try sweep.embedding(r), range: r.heldOut[0]..<r.heldOut[1], objectives: [o],
                                                              session: data.session, batchSize: rb, batches: rescoreBatches, seed: plan.evaluationSeed)
                perD[r.dimension, default: []].append(fit[0].calibratedBits ?? .nan)
            }
            let ds = perD.keys.sorted(), samples = ds.map { perD[$0]! }, stats = samples.map(DimensionEstimate.meanAndStandardError)
            let rule = try plan.recommendedFit().criterion.forSlice(normalised: plan.isNormalised())
            let latent = DimensionEstimate.estimate(dimensions: ds, samples: samples, criterion: rule, bootstrapResamples: 0)
                .map { $0.latentDimension ?? $0.dimension } ?? 0
            confusionRescored[settings.firstIndex(of: s.k)!][latent] += 1
            rescored = ["batch_size": rb, "batches": rescoreBatches, "calibrated_bits_mean": stats.map(\.mean), "calibrated_bits_se": stats.map(\.standardError),
                        "latent_estimate": latent]
            print("k = \(s.k) run \(s.run): re-scored at B = \(rb): latent estimate \(latent), calibrated GoF " +
                  stats.map { String(format: "%.2f±%.2f", $0.mean, $0.standardError) }.joined(separator: " "))
        }
        estimates.append(["k": s.k, "run": s.run, "estimate": e.dimension, "rescored": rescored, "estimate_floor_0.1_bits": floored, "estimate_best_seed_floor_0.1_bits": bestSeedChoice,
                          "estimate_calibrated_floor_0.1_bits": calibratedChoice,
                          "recommended_latent_estimate": recommendedLatent, "recommended_rule": recommended.rule, "calibrated_bits_mean": calibrated.rows.map(\.bitsMean),
                          "calibrated_bits_se": calibrated.rows.map(\.bitsStandardError), "oracle_calibrated_bits": oracle, "band": e.band,
                          "bits_mean": summary.rows.map(\.bitsMean), "bits_se": summary.rows.map(\.bitsStandardError),
                          "consistency": summary.rows.map { $0.consistencyMean ?? .nan },
                          "training_seconds_mean": summary.rows.map(\.trainingSecondsMean)])
        print("k = \(s.k) run \(s.run): estimate \(e.dimension) (band \(e.band)), GoF " +
              summary.rows.map { String(format: "%.2f±%.2f", $0.bitsMean, $0.bitsStandardError) }.joined(separator: " ") +
              "; calibrated estimate \(calibratedChoice), GoF " +
              calibrated.rows.map { String(format: "%.2f±%.2f", $0.bitsMean, $0.bitsStandardError) }.joined(separator: " ") +
              "; recommended (\(recommended.measure.rawValue), \(recommended.estimate?.rule?.rawValue ?? "band")) latent \(recommendedLatent)" +
              "; oracle (true z2, first m coordinates) " + oracle.map { String(format: "%.2f", $0) }.joined(separator: " "))
    }
    var out: [String: Any] = [
        "settings": settings, "runs_per_setting": runs, "T": t, "steps": steps, "batch_size": batch, "candidates": "\(below.map { "max(k - \($0), \(smallest))" } ?? "\(smallest)")...\(margin.map { "min(k + \($0), \(maxD))" } ?? "\(maxD)")",
        "note": cosine ? "cosine slices: the d′ tables count d′ = k as exact, but a k-dimensional latent needs d′ = k + 1; the recommended table counts latent dimensions" : "",
        "seeds_per_candidate": seeds, "learning_rate": Double(env["XCEBRA_DIM_LR"] ?? "") ?? 1e-3, "evaluation_batches": evalBatches, "evaluation_batch_size": evalBatch ?? batch, "held_out_fraction": 0.2,
        "model": env["XCEBRA_DIM_MODEL"] ?? "offset1-model-mse-clip-5-5",
        "recipe": "synthetic-demo (\(env["XCEBRA_DIM_MODEL"] ?? "offset1-model-mse-clip-5-5"); \(disjoint ? "(0,3)" : "(0,3+d')") time(1), (3,3+d') time_delta(1) on z2; \(cosine ? "cosine on renormalised slices" : "Euclidean"), tau = 1; regulariser off)",
        "rule": "the spec's GoF: \(DimensionEstimate.rule.replacingOccurrences(of: "floor = 0.1 bits", with: "floor = 0 bits")); the calibrated table: the same rule on the calibrated GoF with its 0.1-bit floor", "complete_sweeps": complete, "incomplete_sweeps": incomplete, "estimates": estimates,
        "wall_seconds": Date().timeIntervalSince(started),
    ]
    // One line per true k: counts per estimated d′, then exact/runs.
    func lines(_ counts: [[Int]]) -> [String] {
        settings.enumerated().map { i, k in
            "k = \(k)  | " + counts[i].map { String(format: "%4d", $0) }.joined(separator: " ") + " | \(counts[i][k])/\(counts[i].reduce(0, +))"
        }
    }
    let table = ["true k | " + (0...maxD).map { "d'=\($0)" }.joined(separator: " ") + " | exact"] + lines(confusion)
    print(table.joined(separator: "\n"))
    out["confusion"] = settings.enumerated().map { i, k in
        ["k": k, "counts": confusion[i], "exact": confusion[i][k], "runs": confusion[i].reduce(0, +)] as [String: Any]
    }
    out["confusion_text"] = table
    out["confusion_floor_0.1_bits_text"] = lines(confusionFloor)
    print("with a 0.1-bit floor (the sweeps' default rule):\n" + lines(confusionFloor).joined(separator: "\n"))
    out["confusion_best_seed_floor_0.1_bits_text"] = lines(confusionBestSeed)
    print("best seed per d′, 0.1-bit floor:\n" + lines(confusionBestSeed).joined(separator: "\n"))
    out["confusion_calibrated_floor_0.1_bits_text"] = lines(confusionCalibrated)
    out["confusion_recommended_latent_text"] = lines(confusionRecommended)
    print("recommended measure and rule (xcebra dimensions' default), as a latent dimension:\n" + lines(confusionRecommended).joined(separator: "\n"))
    print("calibrated GoF, 2 s.e. with a 0.1-bit floor:\n" + lines(confusionCalibrated).joined(separator: "\n"))
    if let rb = rescoreBatch {
        out["confusion_rescored_text"] = lines(confusionRescored)
        print("calibrated GoF re-scored at B = \(rb), recommended rule, as a latent dimension:\n" + lines(confusionRescored).joined(separator: "\n"))
    }
    out["layout"] = disjoint ? "disjoint" : "hybrid"

    if int("XCEBRA_DIM_ARENA", 1) != 0, shard == nil || shard!.index == 1 {
        out["arena"] = try arenaDimensionality(root: root)
    }
    return out
}

/// The four-cell-types arena session (25 grid, 25 head-direction, 25 place, 25 speed cells;
/// XCEBRA_DIM_ARENA_DURATION [600] s at 0.1 s bins, XCEBRA_DIM_ARENA_SEED [7]), behaviour objective on 2-D position with the
/// toolkit default recipe (offset10-model, cosine, renormalised) at U = XCEBRA_DIM_ARENA_UNITS
/// [32] hidden channels, B = XCEBRA_DIM_ARENA_BATCH [256], learning rate XCEBRA_DIM_ARENA_LR [3e-4] (XCEBRA_DIM_ARENA_MODEL replaces the encoder and makes both objectives
/// Euclidean without renormalisation, e.g. offset10-model-mse-clip-5-5), XCEBRA_DIM_ARENA_STEPS [1000] steps, time block 10, behaviour
/// d′ = 2…XCEBRA_DIM_ARENA_MAX [6], 3 seeds; XCEBRA_DIM_ARENA_TAU [1] sets both objectives'
/// temperature (a number, or `learnable[:minimum]`: initial 1, minimum 0.1 as CEBRA's "auto" mode).
func arenaDimensionality(root: String) throws -> [String: Any] {
    let env = ProcessInfo.processInfo.environment
    func int(_ k: String, _ d: Int) -> Int { env[k].flatMap(Int.init) ?? d }
    var c = FourCellTypesDemo.Configuration()
    c.duration = Double(int("XCEBRA_DIM_ARENA_DURATION", 600))
    c.seed = UInt64(int("XCEBRA_DIM_ARENA_SEED", 7))
    let session = try FourCellTypesDemo.generate(c)
    let steps = int("XCEBRA_DIM_ARENA_STEPS", 1_000)
    var base = TrainingPreset.standard.configuration(behaviour: ["position"], seed: 0, steps: steps)
    base.hiddenUnits = int("XCEBRA_DIM_ARENA_UNITS", 32)
    base.learningRate = Double(env["XCEBRA_DIM_ARENA_LR"] ?? "") ?? 3e-4
    base.batchSize = int("XCEBRA_DIM_ARENA_BATCH", 256)
    base.heldOutFraction = 0.2
    base.logEvery = steps
    if let model = env["XCEBRA_DIM_ARENA_MODEL"] {
        // e.g. offset10-model-mse-clip-5-5: Euclidean objectives without renormalisation.
        base.model = model
        for i in base.objectives.indices { base.objectives[i].criterion.similarity = .euclidean }
        base.renormalize = false
    }
    let tau = env["XCEBRA_DIM_ARENA_TAU"]
    if let tau {
        // "learnable" or "learnable:MIN" (CEBRA's "auto" mode has minimum 0.1), else a fixed value.
        let temperature: Temperature = tau.hasPrefix("learnable")
            ? .learnable(initial: 1, minimum: Double(tau.split(separator: ":").dropFirst().first ?? "") ?? 0.1) : .fixed(Double(tau) ?? 1)
        for i in base.objectives.indices { base.objectives[i].criterion.temperature = temperature }
    }
    let plan = SweepPlan(base: base, slice: .behaviour, dimensions: Array(2...int("XCEBRA_DIM_ARENA_MAX", 6)), seeds: [0, 1, 2],
                         evaluationBatches: int("XCEBRA_DIM_EVAL", 200))
    let sweep = try DimensionSweep(plan: plan, session: session, directory: "\(root)/arena" + (env["XCEBRA_DIM_ARENA_MODEL"].map { "-\($0)" } ?? "") + (c.seed == 7 ? "" : "-seed\(c.seed)") + (tau.map { "-tau-\($0)" } ?? ""))
    let t0 = Date()
    try sweep.run()
    let s = try SweepSummary.collect(sweep, measure: .infoNCE, criterion: .band, floor: 0)
    let e = s.estimate!
    let cal = try SweepSummary.collect(sweep, measure: .calibrated, criterion: .band, floor: 0.1, bootstrapResamples: 0)
    // What `xcebra dimensions` reports for this cosine slice: the elbow on the calibrated GoF.
    let recommended = try SweepSummary.collect(sweep)
    try SweepReport.write(recommended, to: sweep.directory)
    print("arena (position), recommended (\(recommended.measure.rawValue), \(recommended.estimate?.rule?.rawValue ?? "band")): estimate d′ = "
          + "\(recommended.estimate?.dimension ?? 0), bootstrap \(recommended.estimate?.bootstrapDimensions ?? []) "
          + "\(recommended.estimate?.bootstrapFrequencies.map { String(format: "%.2f", $0) } ?? [])")
    print("arena (position), calibrated GoF: estimate \(cal.estimate?.dimension ?? 0); " +
          cal.rows.map { String(format: "d'=%d %.2f±%.2f", $0.dimension, $0.bitsMean, $0.bitsStandardError) }.joined(separator: ", "))
    print("arena (position): estimate \(e.dimension) (band \(e.band), bootstrap \(e.bootstrapInterval)); GoF " +
          s.rows.map { String(format: "d'=%d %.2f±%.2f R2 %.2f", $0.dimension, $0.bitsMean, $0.bitsStandardError, $0.consistencyMean ?? .nan) }
          .joined(separator: ", "))
    return ["samples": session.sampleCount, "neurons": session.neuronCount, "steps": steps, "hidden_units": base.hiddenUnits, "learning_rate": base.learningRate, "duration_seconds": c.duration,
            "batch_size": base.batchSize, "temperature": tau ?? "1", "model": base.model, "estimate": e.dimension, "band": e.band, "bootstrap_interval": e.bootstrapInterval,
            "bootstrap_dimensions": e.bootstrapDimensions, "bootstrap_frequencies": e.bootstrapFrequencies,
            "bits_mean": s.rows.map(\.bitsMean), "bits_se": s.rows.map(\.bitsStandardError),
            "calibrated_estimate_floor_0.1_bits": cal.estimate?.dimension ?? 0, "seed": c.seed,
            "recommended_estimate": recommended.estimate?.dimension ?? 0, "recommended_rule": recommended.rule,
            "recommended_bootstrap_dimensions": recommended.estimate?.bootstrapDimensions ?? [],
            "recommended_bootstrap_frequencies": recommended.estimate?.bootstrapFrequencies ?? [], "calibrated_bits_mean": cal.rows.map(\.bitsMean),
            "calibrated_bits_se": cal.rows.map(\.bitsStandardError),
            "time_bits_mean": s.rows.map { $0.objectiveBitsMean[1] },
            "consistency": s.rows.map { $0.consistencyMean ?? .nan }, "training_seconds_mean": s.rows.map(\.trainingSecondsMean),
            "wall_seconds": Date().timeIntervalSince(t0)]
}
