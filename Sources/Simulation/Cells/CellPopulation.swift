/// What is known about one simulated neuron: the truth that attribution is judged against.
public struct CellTruth: Sendable, Equatable {
    /// "place", "grid", "head_direction", "speed", …
    public var cellType: String
    /// Behaviour variables the rate depends on ("position", "head_direction", "speed").
    public var encodes: [String]
    /// Tuning parameters by name (SI units, radians), e.g. "centre_x", "width", "gridscale".
    public var parameters: [String: Double]

    public init(cellType: String, encodes: [String], parameters: [String: Double]) {
        self.cellType = cellType
        self.encodes = encodes
        self.parameters = parameters
    }
}

/// Mapping of a tuning shape f to a firing rate, and the optional rate noise (RatInABox `Neurons`).
///
/// rate = f·(maxRate − minRate) + minRate + η, with η an OU process per cell (mean 0, std
/// `noiseStd` Hz, coherence time `noiseCoherenceTime` s). Deliberate difference from RatInABox:
/// the noisy rate is clipped at 0 (RatInABox lets it go negative, which never spikes anyway).
/// Defaults are RatInABox's (0 to 1 Hz, no noise); realistic data wants max rates of 5–20 Hz.
public struct RateScaling: Sendable, Equatable {
    public var minRate: Double = 0
    public var maxRate: Double = 1
    public var noiseStd: Double = 0
    public var noiseCoherenceTime: Double = 0.5

    public init(minRate: Double = 0, maxRate: Double = 1, noiseStd: Double = 0, noiseCoherenceTime: Double = 0.5) {
        self.minRate = minRate
        self.maxRate = maxRate
        self.noiseStd = noiseStd
        self.noiseCoherenceTime = noiseCoherenceTime
    }

    func validate(_ population: String) throws {
        try require(minRate >= 0 && maxRate >= minRate && maxRate.isFinite, "\(population).rates", "[\(minRate), \(maxRate)]",
                    "0 ≤ minRate ≤ maxRate < ∞ (Hz)")
        try require(noiseStd >= 0 && noiseStd.isFinite, "\(population).noiseStd", noiseStd, "≥ 0 Hz")
        try require(noiseCoherenceTime > 0, "\(population).noiseCoherenceTime", noiseCoherenceTime, "> 0 s")
    }
}

/// A population of cells whose firing rates are a function of the agent's state.
///
/// Implementations compute the tuning shape f (mostly in [0, 1]) for a range of trajectory
/// steps at once, vectorised over cells; `SpikeSimulator` turns shapes into rates and spikes.
public protocol CellPopulation: Sendable {
    /// Number of cells n.
    var count: Int { get }
    var scaling: RateScaling { get }
    /// Ground truth per cell, length n.
    var truth: [CellTruth] { get }
    /// Writes f for steps `steps` of `trajectory` into `out[(t − steps.lowerBound)·n + i]`
    /// (row-major `[steps.count, n]`; `out.count ≥ steps.count·n`).
    func tuning(_ trajectory: Trajectory, steps: Range<Int>, into out: inout [Float])
}

extension CellPopulation {
    /// Firing rates in Hz (without noise), `[steps.count, n]` row-major.
    public func rates(_ trajectory: Trajectory, steps: Range<Int>? = nil) -> [Float] {
        let r = steps ?? 0..<trajectory.count
        var out = [Float](repeating: 0, count: r.count * count)
        tuning(trajectory, steps: r, into: &out)
        let lo = Float(scaling.minRate), span = Float(scaling.maxRate - scaling.minRate)
        for i in out.indices { out[i] = out[i] * span + lo }
        return out
    }
}

extension Trajectory {
    /// A motionless "trajectory" visiting `positions` (with head direction `headDirection`),
    /// for evaluating rate maps and tuning curves at arbitrary points.
    public static func probe(positions: [SIMD2<Double>], headDirections: [Double]? = nil,
                             velocities: [SIMD2<Double>]? = nil) -> Trajectory {
        let n = positions.count
        return Trajectory(dt: 1, time: (0..<n).map(Double.init), position: positions,
                          velocity: velocities ?? Array(repeating: .zero, count: n),
                          headDirection: headDirections ?? Array(repeating: 0, count: n),
                          rotationalVelocity: Array(repeating: 0, count: n))
    }
}
