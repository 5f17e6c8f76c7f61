import Tensors

/// The arena, after RatInABox's `Environment` (ratinabox-model.md §1).
///
/// 2-D: the rectangle [0, aspect·scale] × [0, scale] (metres); 1-D: the segment [0, scale]
/// (positions keep y = 0). Solid boundaries contribute their four edges as walls (walls 0–3,
/// then the internal walls); periodic boundaries have no edge walls and wrap positions.
/// Holes and polygonal arenas are not supported.
///
/// Deliberate fix: the periodic minimum image is taken per axis against that axis' extent
/// (RatInABox compares both axes against `scale`, which is wrong when aspect ≠ 1).
public struct Environment: Sendable, Equatable {
    public enum Dimensionality: String, Sendable { case one = "1D", two = "2D" }
    public enum BoundaryConditions: String, Sendable { case solid, periodic }

    public let dimensionality: Dimensionality
    public let scale: Double
    public let aspect: Double
    public let boundaryConditions: BoundaryConditions
    /// User walls inside the arena (2-D only).
    public let internalWalls: [Wall]
    /// Every wall the agent interacts with: solid edges first, then `internalWalls`.
    public let walls: [Wall]

    /// - Throws: `SimulationError.invalidParameter` for a non-positive size or a wall outside the arena.
    public init(dimensionality: Dimensionality = .two, scale: Double = 1, aspect: Double = 1,
                boundaryConditions: BoundaryConditions = .solid, walls internalWalls: [Wall] = []) throws {
        try require(scale > 0 && scale.isFinite, "environment.scale", scale, "a positive length in metres")
        try require(aspect > 0 && aspect.isFinite, "environment.aspect", aspect, "a positive ratio")
        let w = dimensionality == .two ? aspect * scale : scale
        for wall in internalWalls {
            try require(dimensionality == .two, "environment.walls", internalWalls.count, "no walls in a 1-D environment")
            for p in [wall.start, wall.end] {
                try require(p.x >= 0 && p.x <= w && p.y >= 0 && p.y <= scale, "environment.walls", p,
                            "end points inside [0, \(w)] × [0, \(scale)]")
            }
        }
        self.dimensionality = dimensionality
        self.scale = scale
        self.aspect = aspect
        self.boundaryConditions = boundaryConditions
        self.internalWalls = internalWalls
        var all = [Wall]()
        if dimensionality == .two && boundaryConditions == .solid {
            let (a, b, c, d) = (SIMD2<Double>(0, 0), SIMD2<Double>(w, 0), SIMD2<Double>(w, scale), SIMD2<Double>(0, scale))
            all = [Wall(a, b), Wall(b, c), Wall(c, d), Wall(d, a)]
        }
        self.walls = all + internalWalls
    }

    /// Extent along x (metres).
    public var width: Double { dimensionality == .two ? aspect * scale : scale }
    /// Extent along y (metres; 0 in 1-D).
    public var height: Double { dimensionality == .two ? scale : 0 }
    /// Free area (2-D) or length (1-D).
    public var size: Double { dimensionality == .two ? width * height : width }

    /// Vector from `a` to `b`, by the per-axis minimum image under periodic boundaries.
    @inline(__always)
    public func displacement(from a: SIMD2<Double>, to b: SIMD2<Double>) -> SIMD2<Double> {
        var d = b - a
        if boundaryConditions == .periodic {
            let (w, h) = (width, height)
            if d.x > w / 2 { d.x -= w } else if d.x < -w / 2 { d.x += w }
            if dimensionality == .two {
                if d.y > h / 2 { d.y -= h } else if d.y < -h / 2 { d.y += h }
            }
        }
        return d
    }

    /// Strictly inside the extent (edge points count as outside, as in RatInABox).
    @inline(__always)
    public func contains(_ p: SIMD2<Double>) -> Bool {
        dimensionality == .two ? (p.x > 0 && p.x < width && p.y > 0 && p.y < height) : (p.x > 0 && p.x < width)
    }

    /// Boundary conditions after a step: periodic wraps, solid clamps to 1 cm inside (a safety
    /// net; collisions normally stop crossings).
    @inline(__always)
    public func confine(_ p: SIMD2<Double>) -> SIMD2<Double> {
        if contains(p) { return p }
        var q = p
        if boundaryConditions == .periodic {
            q.x = wrap(q.x, width)
            if dimensionality == .two { q.y = wrap(q.y, height) }
        } else {
            q.x = min(max(q.x, 0.01), width - 0.01)
            if dimensionality == .two { q.y = min(max(q.y, 0.01), height - 0.01) }
        }
        return q
    }

    @inline(__always) func wrap(_ x: Double, _ l: Double) -> Double {
        let r = x.truncatingRemainder(dividingBy: l)
        return r < 0 ? r + l : r
    }

    /// How field centres and start positions are placed (RatInABox `sample_positions`).
    public enum Sampling: String, Sendable {
        /// U over the extent.
        case random
        /// A square lattice of spacing δ = sqrt(area / n), points from δ/2 to edge − δ/2.
        case uniform
        /// The lattice plus U(±0.45 δ) jitter per coordinate (RatInABox's default for place cells).
        case uniformJitter = "uniform_jitter"
    }

    /// n positions. Lattice methods fill missing points with copies of random lattice points
    /// jittered by U(±0.225 δ), as RatInABox does. 1-D lattice: (i + ½)·L/n.
    public func samplePositions(_ n: Int, method: Sampling, rng: inout Xoshiro256) -> [SIMD2<Double>] {
        if n <= 0 { return [] }
        if method == .random {
            return (0..<n).map { _ in
                SIMD2(rng.uniform(0, width), dimensionality == .two ? rng.uniform(0, height) : 0)
            }
        }
        var points = [SIMD2<Double>]()
        let delta: Double
        if dimensionality == .one {
            delta = width / Double(n)
            points = (0..<n).map { SIMD2((Double($0) + 0.5) * delta, 0) }
        } else {
            delta = (size / Double(n)).squareRoot()
            let (nx, ny) = (max(1, Int(width / delta)), max(1, Int(height / delta)))
            for j in 0..<ny {
                for i in 0..<nx {
                    let x = nx == 1 ? width / 2 : delta / 2 + Double(i) * (width - delta) / Double(nx - 1)
                    let y = ny == 1 ? height / 2 : delta / 2 + Double(j) * (height - delta) / Double(ny - 1)
                    points.append(SIMD2(x, y))
                }
            }
        }
        var lattice = Array(points.prefix(n))
        let base = lattice.count
        while lattice.count < n {
            var p = lattice[rng.uniformInt(below: base)]
            p.x += rng.uniform(-0.225, 0.225) * delta
            if dimensionality == .two { p.y += rng.uniform(-0.225, 0.225) * delta }
            lattice.append(p)
        }
        if method == .uniformJitter {
            for i in 0..<base {
                lattice[i].x += rng.uniform(-0.45, 0.45) * delta
                if dimensionality == .two { lattice[i].y += rng.uniform(-0.45, 0.45) * delta }
            }
        }
        return lattice.map { contains($0) ? $0 : confine($0) }
    }
}
