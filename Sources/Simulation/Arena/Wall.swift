/// A straight wall from `start` to `end` (metres). The agent cannot cross it, is repelled near
/// it, and (for geodesic place fields) must walk around it.
public struct Wall: Sendable, Equatable {
    public var start: SIMD2<Double>
    public var end: SIMD2<Double>

    public init(_ start: SIMD2<Double>, _ end: SIMD2<Double>) {
        self.start = start
        self.end = end
    }

    /// Shortest vector from the segment to `p` (points away from the wall; zero on the wall).
    @inline(__always)
    public func vector(to p: SIMD2<Double>) -> SIMD2<Double> {
        let d = end - start
        let len2 = (d * d).sum()
        var s = len2 > 0 ? ((p - start) * d).sum() / len2 : 0
        s = min(max(s, 0), 1)
        return p - (start + s * d)
    }

    /// Where the segment `p → q` strictly crosses this wall: the fraction s ∈ (0, 1) along p → q,
    /// or nil (no crossing, touching at an end point, or parallel segments).
    @inline(__always)
    public func crossing(from p: SIMD2<Double>, to q: SIMD2<Double>) -> Double? {
        let r = q - p, w = end - start
        let denom = r.x * w.y - r.y * w.x
        if denom == 0 { return nil }
        let a = start - p
        let s = (a.x * w.y - a.y * w.x) / denom     // along p → q
        let u = (a.x * r.y - a.y * r.x) / denom     // along the wall
        return (s > 0 && s < 1 && u > 0 && u < 1) ? s : nil
    }

    /// `v` reflected about the wall: the component perpendicular to the wall is negated.
    @inline(__always)
    public func reflect(_ v: SIMD2<Double>) -> SIMD2<Double> {
        let w = end - start
        let len = (w * w).sum().squareRoot()
        if len == 0 { return -v }
        let n = SIMD2(-w.y, w.x) / len
        return v - 2 * (v * n).sum() * n
    }
}
