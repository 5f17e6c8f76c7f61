import Foundation
import Tensors

/// Place cells (RatInABox `PlaceCells`, ratinabox-model.md §3). d is the distance from the agent
/// to the cell's centre, w the cell's width (the Gaussian σ, default 0.2 m):
/// - gaussian: f = exp(−d²/2w²)
/// - gaussian_threshold: f = max(0, exp(−d²/2w²) − e^(−½)) / (1 − e^(−½))  (0 for d ≥ w)
/// - diff_of_gaussians: r = 1.5, f = [exp(−d²/2w²) − r⁻² exp(−d²/2r²w²)]·r²/(r² − 1)  (peak 1, negative surround)
/// - top_hat: f = 1 for d < w, else 0
/// - one_hot: f = 1 for the nearest centre only (ties: lowest index)
///
/// Distance: minimum-image Euclidean under periodic boundaries; with internal walls (solid),
/// `lineOfSight` sets d = 1000 m when an internal wall blocks the straight line, and `geodesic`
/// (RatInABox's default) walks around the end points of the single internal wall (more than one
/// internal wall falls back to line of sight, as RatInABox does).
public struct PlaceCells: CellPopulation {
    public enum Description: String, Sendable, CaseIterable {
        case gaussian, gaussianThreshold = "gaussian_threshold", diffOfGaussians = "diff_of_gaussians"
        case topHat = "top_hat", oneHot = "one_hot"
    }
    public enum WallGeometry: String, Sendable { case euclidean, lineOfSight = "line_of_sight", geodesic }

    public let environment: Environment
    public let description: Description
    public let centres: [SIMD2<Double>]
    public let widths: [Double]
    public let wallGeometry: WallGeometry
    public let scaling: RateScaling

    /// Centres drawn by `placement` (default RatInABox's `uniform_jitter`), one common width.
    public init(environment: Environment, count: Int, description: Description = .gaussian, width: Double = 0.2,
                placement: Environment.Sampling = .uniformJitter, wallGeometry: WallGeometry = .geodesic,
                scaling: RateScaling = RateScaling(), rng: inout Xoshiro256) throws {
        try require(count > 0, "place.count", count, "at least one cell")
        try self.init(environment: environment, centres: environment.samplePositions(count, method: placement, rng: &rng),
                      widths: Array(repeating: width, count: count), description: description,
                      wallGeometry: wallGeometry, scaling: scaling)
    }

    /// Explicit centres and per-cell widths.
    public init(environment: Environment, centres: [SIMD2<Double>], widths: [Double], description: Description = .gaussian,
                wallGeometry: WallGeometry = .geodesic, scaling: RateScaling = RateScaling()) throws {
        try require(!centres.isEmpty && widths.count == centres.count, "place.widths", widths.count, "one width per centre (\(centres.count))")
        try require(widths.allSatisfy { $0 > 0 && $0.isFinite }, "place.widths", widths.min() ?? 0, "positive widths in metres")
        try scaling.validate("place")
        self.environment = environment
        self.centres = centres
        self.widths = widths
        self.description = description
        self.wallGeometry = wallGeometry
        self.scaling = scaling
    }

    public var count: Int { centres.count }

    public var truth: [CellTruth] {
        centres.indices.map {
            CellTruth(cellType: "place", encodes: ["position"],
                      parameters: ["centre_x": centres[$0].x, "centre_y": centres[$0].y, "width": widths[$0]])
        }
    }

    var usesWalls: Bool {
        wallGeometry != .euclidean && !environment.internalWalls.isEmpty && environment.boundaryConditions == .solid
    }

    /// Environment-aware distance from `p` to centre `c` (see the type's documentation).
    public func distance(from p: SIMD2<Double>, to c: SIMD2<Double>) -> Double {
        let d = environment.displacement(from: p, to: c)
        let euclid = (d * d).sum().squareRoot()
        if !usesWalls { return euclid }
        let blocking = environment.internalWalls.filter { $0.crossing(from: p, to: c) != nil }
        if blocking.isEmpty { return euclid }
        if wallGeometry == .lineOfSight || environment.internalWalls.count > 1 { return 1000 }
        var best = 1000.0
        for e in [blocking[0].start, blocking[0].end] where environment.contains(e) {
            best = min(best, ((p - e) * (p - e)).sum().squareRoot() + ((e - c) * (e - c)).sum().squareRoot())
        }
        return best
    }

    public func tuning(_ trajectory: Trajectory, steps: Range<Int>, into out: inout [Float]) {
        let n = count
        let cx = centres.map { $0.x }, cy = centres.map { $0.y }
        let inv2w2 = widths.map { Float(1 / (2 * $0 * $0)) }
        let periodic = environment.boundaryConditions == .periodic
        let (W, H) = (environment.width, environment.height)
        let walls = usesWalls
        let e05 = Float(exp(-0.5)), r2: Float = 2.25
        var d2 = [Float](repeating: 0, count: n)
        out.withUnsafeMutableBufferPointer { o in
            for (row, t) in steps.enumerated() {
                let p = trajectory.position[t]
                if walls {
                    for i in 0..<n { let d = distance(from: p, to: centres[i]); d2[i] = Float(d * d) }
                } else {
                    for i in 0..<n {
                        var dx = cx[i] - p.x, dy = cy[i] - p.y
                        if periodic {
                            if dx > W / 2 { dx -= W } else if dx < -W / 2 { dx += W }
                            if dy > H / 2 { dy -= H } else if dy < -H / 2 { dy += H }
                        }
                        d2[i] = Float(dx * dx + dy * dy)
                    }
                }
                let base = row * n
                switch description {
                case .gaussian:
                    for i in 0..<n { o[base + i] = expf(-d2[i] * inv2w2[i]) }
                case .gaussianThreshold:
                    for i in 0..<n { o[base + i] = max(0, expf(-d2[i] * inv2w2[i]) - e05) / (1 - e05) }
                case .diffOfGaussians:
                    for i in 0..<n {
                        let a = expf(-d2[i] * inv2w2[i]), b = expf(-d2[i] * inv2w2[i] / r2) / r2
                        o[base + i] = (a - b) * r2 / (r2 - 1)
                    }
                case .topHat:
                    for i in 0..<n { o[base + i] = d2[i] * inv2w2[i] < 0.5 ? 1 : 0 }
                case .oneHot:
                    var best = 0
                    for i in 0..<n { o[base + i] = 0; if d2[i] < d2[best] { best = i } }
                    o[base + best] = 1
                }
            }
        }
    }
}
