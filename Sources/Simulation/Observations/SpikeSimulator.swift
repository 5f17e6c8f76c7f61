import Foundation
import Tensors

/// How spikes are drawn from a rate λ (Hz) in a step of length dt.
public enum SpikeModel: String, Sendable {
    /// Counts ~ Poisson(λ·dt) per step, independent across steps (the default: xCEBRA wants
    /// counts). Drawn exactly as an inhomogeneous Poisson process by time rescaling: a cell
    /// spikes whenever its integrated intensity Σ λ·dt passes the next unit-exponential
    /// threshold, which also gives each spike's exact time within its step.
    case poisson
    /// RatInABox's rule: one Bernoulli draw per step, spike ⇔ U(0,1) < λ·dt (at most one spike
    /// per step; spike time = the step's centre).
    case bernoulli
}

/// Rates, spike counts and (optionally) spike times of a simulated recording.
public struct NeuralActivity: Sendable {
    /// Step length of the underlying simulation, seconds.
    public var dt: Double
    /// Steps per output bin; bin b covers steps b·binSteps ..< (b+1)·binSteps, i.e. the time
    /// interval (b·binSteps·dt, (b+1)·binSteps·dt] (a trailing partial bin is dropped).
    public var binSteps: Int
    /// Spike counts `[bins, N]`.
    public var spikeCounts: Tensor
    /// Firing rates including noise `[T, N]` in Hz, when requested.
    public var rates: Tensor?
    /// Spike times per neuron in seconds (step k spans (k·dt, (k+1)·dt]), when requested.
    public var spikeTimes: [[Double]]?
    /// Ground truth per neuron, populations concatenated in order.
    public var truth: [CellTruth]

    public var binWidth: Double { Double(binSteps) * dt }
}

public enum SpikeSimulator {
    /// Generates rates and spikes for every population along `trajectory`, populations
    /// concatenated in order as neuron columns. Works in chunks of steps, vectorised over cells;
    /// noise uses `rng.stream(0)`, spikes `rng.stream(1)`.
    public static func simulate(populations: [any CellPopulation], trajectory: Trajectory, model: SpikeModel = .poisson,
                                binSteps: Int = 1, keepRates: Bool = false, keepSpikeTimes: Bool = false,
                                rng: Xoshiro256) throws -> NeuralActivity {
        try require(!populations.isEmpty, "populations", "[]", "at least one cell population")
        try require(binSteps >= 1, "binSteps", binSteps, "≥ 1 step per bin")
        let T = trajectory.count, dt = trajectory.dt
        let sizes = populations.map(\.count)
        let N = sizes.reduce(0, +)
        let bins = T / binSteps
        var noiseRNG = rng.stream(0), spikeRNG = rng.stream(1)
        var counts = Tensor(zeros: [bins, N])
        var rates = keepRates ? Tensor(zeros: [T, N]) : nil
        var times: [[Double]]? = keepSpikeTimes ? Array(repeating: [], count: N) : nil

        let chunk = 1024
        var block = [Float](repeating: 0, count: chunk * N)
        var scratch = [Float](repeating: 0, count: chunk * (sizes.max() ?? 0))
        var noise = [Double](repeating: 0, count: N)
        // Poisson time-rescaling state: integrated intensity and next threshold per neuron.
        var integrated = [Double](repeating: 0, count: N)
        var threshold = (0..<N).map { _ in -log1p(-spikeRNG.uniform()) }
        let dtf = Float(dt)

        var start = 0
        while start < T {
            let steps = start..<min(start + chunk, T)
            let rows = steps.count
            var column = 0
            for (pi, pop) in populations.enumerated() {
                let n = sizes[pi], s = pop.scaling
                pop.tuning(trajectory, steps: steps, into: &scratch)
                let lo = Float(s.minRate), span = Float(s.maxRate - s.minRate)
                let decay = dt / s.noiseCoherenceTime, kick = s.noiseStd * (2 * decay).squareRoot()
                for r in 0..<rows {
                    for i in 0..<n {
                        var rate = scratch[r * n + i] * span + lo
                        if s.noiseStd > 0 {
                            let j = column + i
                            noise[j] += -noise[j] * decay + kick * noiseRNG.normal()
                            rate = max(0, rate + Float(noise[j]))
                        }
                        block[r * N + column + i] = rate
                    }
                }
                column += n
            }
            counts.scalars.withUnsafeMutableBufferPointer { c in
                for r in 0..<rows {
                    let t = start + r, b = t / binSteps
                    if b >= bins { break }
                    let rowBase = r * N, binBase = b * N
                    switch model {
                    case .poisson:
                        for j in 0..<N {
                            let mass = Double(block[rowBase + j] * dtf)
                            let before = integrated[j]
                            integrated[j] += mass
                            while integrated[j] >= threshold[j] {
                                c[binBase + j] += 1
                                if times != nil { times![j].append((Double(t) + (threshold[j] - before) / mass) * dt) }
                                threshold[j] += -log1p(-spikeRNG.uniform())
                            }
                        }
                    case .bernoulli:
                        for j in 0..<N where spikeRNG.uniform() < Double(block[rowBase + j] * dtf) {
                            c[binBase + j] += 1
                            if times != nil { times![j].append((Double(t) + 0.5) * dt) }
                        }
                    }
                }
            }
            if rates != nil {
                rates!.scalars.withUnsafeMutableBufferPointer { out in
                    for i in 0..<(rows * N) { out[start * N + i] = block[i] }
                }
            }
            start += rows
        }
        return NeuralActivity(dt: dt, binSteps: binSteps, spikeCounts: counts, rates: rates, spikeTimes: times,
                              truth: populations.flatMap(\.truth))
    }
}
