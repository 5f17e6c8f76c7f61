import Tensors

/// ΔF/F with a running-percentile baseline.
public enum DeltaFOverF {
    /// For each ROI column of `f` `[T, n]`: F₀[t] = the `percentile`-th percentile (nearest rank on
    /// index p/100·(m−1), m = window length) of F over frames [t − h, t + h] clipped to the recording,
    /// h = windowFrames / 2; then ΔF/F[t] = (F[t] − F₀[t]) / F₀[t].
    ///
    /// Frames whose baseline is ≤ 0 (already-normalised or background-subtracted traces) get 0 and are
    /// counted in `nonPositiveBaselines`, so callers can warn instead of dividing by zero.
    /// Cost O(T·w) per ROI (sorted window with binary-search insertion).
    public static func compute(_ f: Tensor, windowFrames: Int, percentile: Double = 10) -> (dff: Tensor, nonPositiveBaselines: Int) {
        let (frames, n) = (f.shape[0], f.shape[1])
        let half = max(windowFrames / 2, 0)
        var nonPositive = 0
        var out = [Float](repeating: 0, count: frames * n)
        var column = [Float](repeating: 0, count: frames)
        var window: [Float] = []
        window.reserveCapacity(2 * half + 1)
        for c in 0..<n {
            for t in 0..<frames { column[t] = f.scalars[t * n + c] }
            window.removeAll(keepingCapacity: true)
            var lo = 0, hi = 0 // current window = column[lo..<hi]
            for t in 0..<frames {
                let newHi = min(frames, t + half + 1), newLo = max(0, t - half)
                while hi < newHi { insert(column[hi], into: &window); hi += 1 }
                while lo < newLo { remove(column[lo], from: &window); lo += 1 }
                let rank = Int((percentile / 100 * Double(window.count - 1)).rounded())
                let f0 = window[min(max(rank, 0), window.count - 1)]
                if f0 > 0 { out[t * n + c] = (column[t] - f0) / f0 } else { nonPositive += 1 }
            }
        }
        return (Tensor(shape: [frames, n], scalars: out), nonPositive)
    }

    private static func lowerBound(_ v: Float, in a: [Float]) -> Int {
        var lo = 0, hi = a.count
        while lo < hi { let mid = (lo + hi) / 2; if a[mid] < v { lo = mid + 1 } else { hi = mid } }
        return lo
    }

    private static func insert(_ v: Float, into a: inout [Float]) { a.insert(v, at: lowerBound(v, in: a)) }

    private static func remove(_ v: Float, from a: inout [Float]) {
        let i = lowerBound(v, in: a)
        if i < a.count && a[i] == v { a.remove(at: i) }
    }
}
