import Contrastive
import Foundation
import NeuralNetworks
import Recordings
import Tensors

/// Issue "xCEBRA training": milliseconds per step on one core at batch 512 for the synthetic
/// benchmark's shape (T = 100,000, 50 neurons, d = 6, the synthetic-demo objectives), with the
/// regulariser off, with the exact estimator and with one random projection; and the cost of
/// `time_delta` sampling at T = 20k, 100k and 1M.
func runTrainingBenchmarks() throws -> [String: Any] {
    var out: [String: Any] = [:]
    let session = benchmarkSession(t: 100_000, seed: 1)
    for (name, schedule, estimator) in [("regularizer_off", WeightSchedule.none, JacobianEstimator.exact),
                                        ("exact_regularizer", .constant(weight: 0.01), .exact),
                                        ("projection_regularizer", .constant(weight: 0.01), .randomProjection(count: 1))] {
        var config = TrainingPreset.syntheticDemo.configuration(behaviour: ["z2"], seed: 0, steps: 60)
        config.regularizerSchedule = schedule
        config.regularizerEstimator = estimator
        let trainer = try Trainer(configuration: config, session: session)
        let (wallMs, cpuMs) = try measureSteps(trainer, warmup: 10, count: 50)
        out["\(name)_ms_per_step"] = wallMs
        out["\(name)_cpu_ms_per_step"] = cpuMs
        print(String(format: "%@: %.2f ms/step wall (median of 50), %.2f ms/step thread CPU (mean), batch 512", name, wallMs, cpuMs))
    }
    return out.merging(try runSamplingBenchmarks()) { $1 }
}

/// `time_delta` sampling cost per batch of 512 at T = 20k, 100k and 1M (the `sampling` suite,
/// also part of `training`). `XCEBRA_SAMPLING_REPEATS` (default 41) sets the timed calls per size.
func runSamplingBenchmarks() throws -> [String: Any] {
    let repeats = Int(ProcessInfo.processInfo.environment["XCEBRA_SAMPLING_REPEATS"] ?? "") ?? 41
    var result: [String: Any] = [:]
    var sampling: [String: Double] = [:]
    for t in [20_000, 100_000, 1_000_000] {
        let s = benchmarkSession(t: t, seed: 2, neurons: 4)
        let idx = try IndexSampler(sampleCount: t, offset: (0, 1))
        let sampler = try makePositiveSampler(.timeDelta(delta: 1, variables: ["z2"]), session: s, indices: idx)
        var rng = Xoshiro256(seed: 3)
        let refs = idx.draw(512, using: &rng)
        let cpu0 = threadCPUSeconds()
        let ms = medianMilliseconds(repeats: repeats) { _ = sampler.positives(for: refs, using: &rng) }
        let cpuMs = (threadCPUSeconds() - cpu0) * 1000 / Double(repeats + 3)  // 3 warm-up calls + the timed ones
        sampling["T_\(t)"] = ms
        sampling["T_\(t)_cpu"] = cpuMs
        print(String(format: "time_delta sampling, T = %d: %.3f ms per batch of 512 (median), %.3f ms thread CPU (mean)", t, ms, cpuMs))
    }
    result["time_delta_sampling_ms_per_batch"] = sampling
    result["time_delta_growth_20k_to_1M"] = sampling["T_1000000"]! / sampling["T_20000"]!
    return result
}

/// Latents z1, z2 ∈ [−1, 1]³ as truncated-normal walks (σ = 0.1) mixed into `neurons` channels.
func benchmarkSession(t: Int, seed: UInt64, neurons n: Int = 50) -> Session {
    var rng = Xoshiro256(seed: seed)
    var z = [Double](repeating: 0, count: t * 6)
    for i in 1..<t { for k in 0..<6 { z[i * 6 + k] = rng.truncatedNormal(mean: z[(i - 1) * 6 + k], std: 0.1, lower: -1, upper: 1) } }
    let w = rng.normalTensor([6, n])
    var x = Tensor(zeros: [t, n])
    for i in 0..<t { for j in 0..<n {
        var acc: Float = 0
        for k in 0..<6 { acc += Float(z[i * 6 + k]) * w[k, j] }
        x.scalars[i * n + j] = Foundation.tanh(acc)
    } }
    let z2 = (0..<t).flatMap { i in (3..<6).map { z[i * 6 + $0] } }
    return Session(id: "bench", timestamps: (0..<t).map(Double.init), neural: x, neuralKind: .continuous,
                   neurons: (0..<n).map { NeuronInfo(id: Int64($0), kind: .synthetic) },
                   behaviour: [BehaviourVariable(name: "z2", values: z2, columns: 3, unit: "a.u.")],
                   provenance: Provenance(source: "benchmark", reader: "memory"))
}

/// A/B of the two exact-regulariser implementations on the synthetic-demo model (d = 6, slices
/// (0,6) and (3,6)), batch 512: penalty plus its parameter gradient.
func runRegularizerComparison() throws -> [String: Any] {
    let session = benchmarkSession(t: 20_000, seed: 1)
    var config = TrainingPreset.syntheticDemo.configuration(behaviour: ["z2"], seed: 0, steps: 1)
    config.regularizerSchedule = .constant(weight: 0.01)
    config.regularizerEstimator = .exact
    let trainer = try Trainer(configuration: config, session: session)
    var rng = Xoshiro256(seed: 5)
    let x = session.neural.gatherRows((0..<512).map { _ in rng.uniformInt(below: 20_000) })
    let params = trainer.encoder.parameters
    let perSlice = medianMilliseconds(repeats: 9) {
        let xv = Variable(x, requiresGradient: true)
        let y = trainer.embed(xv)
        let r = JacobianPenalty.exact(output: y.slice(axis: 1, 0..<6), input: xv) + JacobianPenalty.exact(output: y.slice(axis: 1, 3..<6), input: xv)
        _ = gradients(of: r, withRespectTo: params)
    }
    let seeds = (0..<6).map { JacobianPenalty.oneHotSeed(batch: 512, columns: 6, column: $0) }
    let w = Variable(Tensor(shape: [6], scalars: [1, 1, 1, 2, 2, 2]))
    let perColumn = medianMilliseconds(repeats: 9) {
        let xv = Variable(x, requiresGradient: true)
        let sums = JacobianPenalty.squaredNorms(output: trainer.embed(xv), input: xv, seeds: seeds)
        _ = gradients(of: (sums * w).sum(), withRespectTo: params)
    }
    print(String(format: "exact regulariser + gradient, B = 512: 9 per-slice passes %.2f ms, 6 per-column passes %.2f ms", perSlice, perColumn))
    return ["per_slice_ms": perSlice, "per_column_ms": perColumn]
}

/// The regulariser-off step alone, 300 steps (a target for `perf record`): median wall ms per
/// step, and the mean thread CPU ms per step, which time-slicing on a loaded machine does not
/// inflate (BLAS runs on this thread: one core).
func runStepBenchmark() throws -> [String: Any] {
    let session = benchmarkSession(t: 100_000, seed: 1)
    var config = TrainingPreset.syntheticDemo.configuration(behaviour: ["z2"], seed: 0, steps: 320)
    config.regularizerSchedule = .none
    let trainer = try Trainer(configuration: config, session: session)
    let (wallMs, cpuMs) = try measureSteps(trainer, warmup: 20, count: 300)
    print(String(format: "regularizer off: %.2f ms/step wall (median of 300), %.2f ms/step thread CPU (mean), batch 512", wallMs, cpuMs))
    return ["regularizer_off_ms_per_step": wallMs, "regularizer_off_cpu_ms_per_step": cpuMs]
}

/// `count` training steps after `warmup` untimed ones: the median wall ms per step and the mean
/// thread CPU ms per step.
func measureSteps(_ trainer: Trainer, warmup: Int, count: Int) throws -> (wallMs: Double, cpuMs: Double) {
    for _ in 0..<warmup { try trainer.trainStep() }
    var times: [Double] = []
    let cpu0 = threadCPUSeconds()
    for _ in 0..<count { times.append(try trainer.trainStep().seconds * 1000) }
    let cpuMs = (threadCPUSeconds() - cpu0) * 1000 / Double(count)
    times.sort()
    return (times[times.count / 2], cpuMs)
}
