import Foundation

/// Motion parameters, with RatInABox 1.15's defaults ("fit to Sargolini et al. 2006";
/// ratinabox-model.md §2). SI units, angles in radians.
///
/// Kept quirk: in 2-D `speedMean` is the **Rayleigh scale σ**, not the mean, so the stationary
/// mean speed is σ·sqrt(π/2) ≈ 1.2533·σ (0.1003 m/s for the default 0.08) and `speedStd` is
/// ignored (except that 0 freezes the speed at `speedMean`). Use `rayleighSigma(meanSpeed:)`
/// to ask for a true mean. In 1-D the velocity is a Gaussian OU with mean `speedMean` and std
/// `speedStd`. Deliberate difference: the default `dt` is 0.01 s (RatInABox's code uses 0.05 s
/// although its README says 10 ms).
public struct AgentParameters: Sendable, Equatable {
    public var dt: Double = 0.01
    public var speedMean: Double = 0.08
    public var speedStd: Double = 0.08
    public var speedCoherenceTime: Double = 0.7
    public var rotationalVelocityStd: Double = 120 * Double.pi / 180
    public var rotationalVelocityCoherenceTime: Double = 0.08
    /// Mean of the rotational-velocity OU process (RatInABox's `rotational_velocity_drift`).
    public var rotationalVelocityDrift: Double = 0
    public var headDirectionSmoothingTimescale: Double = 0.15
    /// 0 = turn away from walls, 1 = hug them.
    public var thigmotaxis: Double = 0.5
    public var wallRepelDistance: Double = 0.1
    /// 0 disables wall repulsion.
    public var wallRepelStrength: Double = 1

    public init() {}

    /// The Rayleigh σ whose mean is `meanSpeed`: σ = mean / sqrt(π/2).
    public static func rayleighSigma(meanSpeed: Double) -> Double { meanSpeed / (Double.pi / 2).squareRoot() }

    /// Stationary mean speed of the 2-D agent in an open (periodic) arena: speedMean·sqrt(π/2).
    public var expectedMeanSpeed2D: Double { speedMean * (Double.pi / 2).squareRoot() }

    public func validate() throws {
        try require(dt > 0 && dt.isFinite, "agent.dt", dt, "a positive time step in seconds")
        try require(speedMean >= 0 && speedMean.isFinite, "agent.speedMean", speedMean, "≥ 0 m/s")
        try require(speedStd >= 0 && speedStd.isFinite, "agent.speedStd", speedStd, "≥ 0 m/s")
        for (name, v) in [("agent.speedCoherenceTime", speedCoherenceTime),
                          ("agent.rotationalVelocityCoherenceTime", rotationalVelocityCoherenceTime)] {
            try require(v > dt / 2 && v.isFinite, name, v, "a time scale > dt/2 (the OU update is unstable below)")
        }
        try require(rotationalVelocityStd >= 0 && rotationalVelocityStd.isFinite, "agent.rotationalVelocityStd", rotationalVelocityStd, "≥ 0 rad/s")
        try require(headDirectionSmoothingTimescale >= 0, "agent.headDirectionSmoothingTimescale", headDirectionSmoothingTimescale, "≥ 0 s")
        try require(thigmotaxis >= 0 && thigmotaxis <= 1, "agent.thigmotaxis", thigmotaxis, "a value in [0, 1]")
        try require(wallRepelDistance > 0, "agent.wallRepelDistance", wallRepelDistance, "> 0 m")
        try require(wallRepelStrength >= 0, "agent.wallRepelStrength", wallRepelStrength, "≥ 0")
    }
}
