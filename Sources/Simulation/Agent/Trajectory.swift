import Foundation

/// A recorded path at a fixed time step: what RatInABox keeps in `Agent.history`.
///
/// Sample k is the state after step k + 1: `time[k] = (k + 1)·dt` (the first record is at
/// t = dt, as in RatInABox). Positions in metres (1-D: y = 0). `velocity` is the *measured*
/// velocity (position change / dt, minimum image under periodic boundaries), m/s.
/// `headDirection` is the angle of the smoothed head-direction vector in (−π, π] (1-D: 0 or π).
/// `rotationalVelocity` is the measured turning rate of the velocity, rad/s (1-D: 0).
public struct Trajectory: Sendable, Equatable {
    public var dt: Double
    public var time: [Double]
    public var position: [SIMD2<Double>]
    public var velocity: [SIMD2<Double>]
    public var headDirection: [Double]
    public var rotationalVelocity: [Double]

    public init(dt: Double, time: [Double], position: [SIMD2<Double>], velocity: [SIMD2<Double>],
                headDirection: [Double], rotationalVelocity: [Double]) {
        self.dt = dt
        self.time = time
        self.position = position
        self.velocity = velocity
        self.headDirection = headDirection
        self.rotationalVelocity = rotationalVelocity
    }

    /// Number of steps T.
    public var count: Int { time.count }
    /// |velocity| per step, m/s.
    public var speed: [Double] { velocity.map { ($0 * $0).sum().squareRoot() } }
}
