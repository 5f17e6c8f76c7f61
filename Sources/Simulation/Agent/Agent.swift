import Foundation
import Tensors

/// The random-foraging agent of RatInABox 1.15 (ratinabox-model.md §2), stepped at `dt`.
///
/// 2-D step, in order: (1) rotational velocity ω ← OU(drift, σ_ω, τ_ω), velocity rotated by ω·dt;
/// (2) speed s = |v| mapped to z = Φ⁻¹(1 − exp(−s²/2σ²)) (uniform clamped to [1e-6, 1 − 1e-6]),
/// z ← OU(0, 1, τ_s), mapped back s' = σ·sqrt(−2 ln(1 − Φ(z))) — so the stationary speed is
/// Rayleigh(σ = speedMean); (3) wall repulsion within d = wallRepelDistance of each wall, with
/// x its distance and n̂ its outward normal, V = strength·speedMean:
/// v += 3(1−θ)²·Σ (V²/d²)(d − x) n̂ · dt (spring) and pos += 6θ²·Σ V(1 − sqrt(1 − (d−x)²/d²)) n̂ · dt
/// (conveyor belt, which makes the agent hug walls); (4) pos += v·dt; (5) while the step crosses
/// a wall, reflect v about the first wall crossed, set |v| = speedMean/2 and redo the step from
/// the previous position; (6) wrap (periodic) or clamp 1 cm inside (solid); (7) measured
/// velocity v_m = Δpos/dt; ω_m = wrap(angle(v_m) − angle(v_m,prev))/dt; (8) head direction
/// h ← normalise((1 − dt/τ_h) h + (dt/τ_h) v̂_m), or v̂_m when τ_h ≤ dt.
/// The OU update is y += (μ − y)dt/τ + σ sqrt(2dt/τ) ξ.
///
/// 1-D: v ← OU(speedMean, speedStd, τ_s) (a Gaussian process with a net drift), no walls;
/// head direction 0 or π from the sign of v.
///
/// Deliberate differences: no 1e-6 input jitter (degenerate geometry is handled explicitly), and
/// a step that is still crossing after 10 reflections (a corner) stays at the previous position.
public struct Agent: Sendable {
    public let environment: Environment
    public let parameters: AgentParameters
    public private(set) var position: SIMD2<Double>
    /// Internal velocity (m/s), the OU-driven state.
    public private(set) var velocity: SIMD2<Double>
    public private(set) var rotationalVelocity: Double = 0
    /// Smoothed head-direction unit vector.
    public private(set) var headDirection: SIMD2<Double>
    public private(set) var time: Double = 0
    var measuredVelocity: SIMD2<Double>
    var rng: Xoshiro256

    /// Random start position and a velocity of length `speedMean` at a U(0, 2π) angle.
    public init(environment: Environment, parameters: AgentParameters = AgentParameters(), rng: Xoshiro256) throws {
        try parameters.validate()
        self.environment = environment
        self.parameters = parameters
        self.rng = rng
        position = environment.samplePositions(1, method: .random, rng: &self.rng)[0]
        if environment.dimensionality == .two {
            let a = self.rng.uniform(0, 2 * Double.pi)
            velocity = parameters.speedMean * SIMD2(cos(a), sin(a))
            headDirection = SIMD2(cos(a), sin(a))
        } else {
            velocity = SIMD2(parameters.speedMean, 0)
            headDirection = SIMD2(1, 0)
        }
        measuredVelocity = velocity
    }

    /// Runs `steps` updates and records them.
    public mutating func run(steps: Int) -> Trajectory {
        var tr = Trajectory(dt: parameters.dt, time: [], position: [], velocity: [], headDirection: [], rotationalVelocity: [])
        tr.time.reserveCapacity(steps); tr.position.reserveCapacity(steps); tr.velocity.reserveCapacity(steps)
        tr.headDirection.reserveCapacity(steps); tr.rotationalVelocity.reserveCapacity(steps)
        for _ in 0..<max(0, steps) {
            let w = step()
            tr.time.append(time)
            tr.position.append(position)
            tr.velocity.append(measuredVelocity)
            tr.headDirection.append(atan2(headDirection.y, headDirection.x))
            tr.rotationalVelocity.append(w)
        }
        return tr
    }

    /// Simulates `duration` seconds (⌊duration/dt⌋ steps) from a fresh agent.
    public static func simulate(environment: Environment, parameters: AgentParameters = AgentParameters(),
                                duration: Double, rng: Xoshiro256) throws -> Trajectory {
        try require(duration > 0 && duration.isFinite, "duration", duration, "a positive number of seconds")
        var agent = try Agent(environment: environment, parameters: parameters, rng: rng)
        return agent.run(steps: Int((duration / parameters.dt).rounded(.down)))
    }

    @inline(__always)
    mutating func ou(_ y: Double, mean: Double, std: Double, tau: Double) -> Double {
        let dt = parameters.dt
        return y + (mean - y) * dt / tau + std * (2 * dt / tau).squareRoot() * rng.normal()
    }

    /// One update; returns the measured rotational velocity.
    @discardableResult
    public mutating func step() -> Double {
        let p = parameters, dt = p.dt
        time += dt
        let prev = position, prevMeasured = measuredVelocity
        if environment.dimensionality == .one {
            velocity.x = ou(velocity.x, mean: p.speedMean, std: p.speedStd, tau: p.speedCoherenceTime)
            position = environment.confine(position + velocity * dt)
            measuredVelocity = environment.displacement(from: prev, to: position) / dt
            headDirection = SIMD2(velocity.x >= 0 ? 1 : -1, 0)
            rotationalVelocity = 0
            return 0
        }
        // (1) rotation
        rotationalVelocity = ou(rotationalVelocity, mean: p.rotationalVelocityDrift, std: p.rotationalVelocityStd,
                                tau: p.rotationalVelocityCoherenceTime)
        let (c, s) = (cos(rotationalVelocity * dt), sin(rotationalVelocity * dt))
        velocity = SIMD2(c * velocity.x - s * velocity.y, s * velocity.x + c * velocity.y)
        // (2) Rayleigh speed through a standard-normal OU
        var speed = (velocity * velocity).sum().squareRoot()
        let direction = speed > 0 ? velocity / speed : headDirection
        if p.speedStd == 0 || p.speedMean == 0 {
            speed = p.speedMean
        } else {
            let sigma = p.speedMean
            let u = min(max(-expm1(-speed * speed / (2 * sigma * sigma)), 1e-6), 1 - 1e-6)
            var z = StandardNormal.quantile(u)
            z = ou(z, mean: 0, std: 1, tau: p.speedCoherenceTime)
            speed = sigma * (-2 * log(StandardNormal.upperTail(z))).squareRoot()
        }
        velocity = speed * direction
        // (3) wall repulsion
        let walls = environment.walls
        if p.wallRepelStrength > 0 && !walls.isEmpty {
            let d = p.wallRepelDistance, V = p.wallRepelStrength * p.speedMean
            var spring = SIMD2<Double>(0, 0), conveyor = SIMD2<Double>(0, 0)
            for wall in walls {
                let r = wall.vector(to: position)
                let x = (r * r).sum().squareRoot()
                if x > d || x == 0 { continue }
                let n = r / x, g = d - x
                spring += (V * V / (d * d)) * g * n
                conveyor += V * (1 - max(0, 1 - g * g / (d * d)).squareRoot()) * n
            }
            let th = p.thigmotaxis
            velocity += 3 * (1 - th) * (1 - th) * spring * dt
            position += 6 * th * th * conveyor * dt
        }
        // (4) integrate, (5) collisions
        position += velocity * dt
        var bounces = 0
        while let wall = firstCrossedWall(from: prev, to: position) {
            bounces += 1
            if bounces > 10 { position = prev; break }
            let r = wall.reflect(velocity)
            let len = (r * r).sum().squareRoot()
            velocity = len > 0 ? 0.5 * p.speedMean * r / len : r
            position = prev + velocity * dt
        }
        // (6) boundary conditions, (7) measured velocity
        position = environment.confine(position)
        measuredVelocity = environment.displacement(from: prev, to: position) / dt
        if measuredVelocity == .zero { measuredVelocity = 1e-8 * SIMD2(rng.normal(), rng.normal()) }
        var dAngle = atan2(measuredVelocity.y, measuredVelocity.x) - atan2(prevMeasured.y, prevMeasured.x)
        if dAngle > Double.pi { dAngle -= 2 * Double.pi } else if dAngle <= -Double.pi { dAngle += 2 * Double.pi }
        // (8) head direction
        let m = measuredVelocity / (measuredVelocity * measuredVelocity).sum().squareRoot()
        let tau = p.headDirectionSmoothingTimescale
        if tau <= dt {
            headDirection = m
        } else {
            let h = (1 - dt / tau) * headDirection + (dt / tau) * m
            let len = (h * h).sum().squareRoot()
            headDirection = len > 0 ? h / len : m
        }
        return dAngle / dt
    }

    @inline(__always)
    func firstCrossedWall(from a: SIMD2<Double>, to b: SIMD2<Double>) -> Wall? {
        var best: Wall? = nil, bestS = Double.infinity
        for wall in environment.walls {
            if let s = wall.crossing(from: a, to: b), s < bestS { bestS = s; best = wall }
        }
        return best
    }
}
