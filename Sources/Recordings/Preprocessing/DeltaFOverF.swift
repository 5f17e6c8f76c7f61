import Tensors

/// ΔF/F with a running-percentile baseline.
public enum DeltaFOverF {
    /// For each ROI column of `f` `[T, n]`: F₀[t] = the `percentile`-th percentile (nearest rank on
    /// index p/100·(m−1), m = window length) of F over frames [t − h, t + h] clipped to the recording,
    /// h = windowFrames / 2; then ΔF/F[t] = (F[t] − F₀[t]) / F₀[t].
    ///
    /// Frames whose baseline is ≤ 0 (already-normalised or background-subtracted traces) get 0 and are
    /// counted in `nonPositiveBaselines`, so callers can warn instead of dividing by zero.
    ///
    /// Cost O(T log T) per ROI, independent of the window: the column's values are ranked once (one sort of
    /// packed (value, frame) keys, ties broken by frame), and
    /// the window is a Fenwick tree of counts over ranks, so adding or removing a frame and selecting the
    /// k-th smallest are O(log T) (binary lifting). Equal to the sorted-window definition exactly
    /// (`computeSortedWindow`, the O(T·w) reference kept for tests).
    public static func compute(_ f: Tensor, windowFrames: Int, percentile: Double = 10) -> (dff: Tensor, nonPositiveBaselines: Int) {
        let (frames, n) = (f.shape[0], f.shape[1])
        let half = max(windowFrames / 2, 0)
        var nonPositive = 0
        var out = [Float](repeating: 0, count: frames * n)
        guard frames > 0 else { return (Tensor(shape: [frames, n], scalars: out), 0) }
        // Sort keys: order-preserving bits of the value in the high 32 bits, frame index in the low 32.
        var keys = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: frames)
        let rank = UnsafeMutablePointer<Int32>.allocate(capacity: frames)     // rank of each frame
        let sorted = UnsafeMutablePointer<Float>.allocate(capacity: frames)   // values in rank order
        let tree = UnsafeMutablePointer<Int32>.allocate(capacity: frames + 1) // Fenwick tree of counts, 1-based
        defer { keys.deallocate(); rank.deallocate(); sorted.deallocate(); tree.deallocate() }
        var topBit = 1
        while topBit * 2 <= frames { topBit *= 2 }
        f.scalars.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer { o in
                for c in 0..<n {
                    for t in 0..<frames {
                        let bits = x[t * n + c].bitPattern
                        let ordered = bits & 0x8000_0000 != 0 ? ~bits : bits | 0x8000_0000
                        keys[t] = UInt64(ordered) << 32 | UInt64(t)
                    }
                    keys.sort()
                    for r in 0..<frames {
                        let t = Int(keys[r] & 0xffff_ffff)
                        rank[t] = Int32(r)
                        sorted[r] = x[t * n + c]
                    }
                    tree.initialize(repeating: 0, count: frames + 1)
                    var lo = 0, hi = 0 // window = frames lo..<hi
                    for t in 0..<frames {
                        let newHi = min(frames, t + half + 1), newLo = max(0, t - half)
                        while hi < newHi {
                            var i = Int(rank[hi]) + 1
                            while i <= frames { tree[i] += 1; i += i & -i }
                            hi += 1
                        }
                        while lo < newLo {
                            var i = Int(rank[lo]) + 1
                            while i <= frames { tree[i] -= 1; i += i & -i }
                            lo += 1
                        }
                        let m = hi - lo
                        // k-th smallest present (0-based) by binary lifting: the largest prefix with count ≤ k.
                        var remaining = Int32(min(max(Int((percentile / 100 * Double(m - 1)).rounded()), 0), m - 1))
                        var position = 0, step = topBit
                        while step > 0 {
                            let next = position + step
                            if next <= frames && tree[next] <= remaining { position = next; remaining -= tree[next] }
                            step >>= 1
                        }
                        let f0 = sorted[position]
                        let v = x[t * n + c]
                        if f0 > 0 { o[t * n + c] = (v - f0) / f0 } else { nonPositive += 1 }
                    }
                }
            }
        }
        return (Tensor(shape: [frames, n], scalars: out), nonPositive)
    }

    /// The O(T·w) definition (sorted window with binary-search insertion), kept as the reference for tests.
    static func computeSortedWindow(_ f: Tensor, windowFrames: Int, percentile: Double = 10) -> (dff: Tensor, nonPositiveBaselines: Int) {
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
            var lo = 0, hi = 0
            for t in 0..<frames {
                let newHi = min(frames, t + half + 1), newLo = max(0, t - half)
                while hi < newHi { window.insert(column[hi], at: lowerBound(column[hi], in: window)); hi += 1 }
                while lo < newLo {
                    let i = lowerBound(column[lo], in: window)
                    if i < window.count && window[i] == column[lo] { window.remove(at: i) }
                    lo += 1
                }
                let rank = Int((percentile / 100 * Double(window.count - 1)).rounded())
                let f0 = window[min(max(rank, 0), window.count - 1)]
                if f0 > 0 { out[t * n + c] = (column[t] - f0) / f0 } else { nonPositive += 1 }
            }
        }
        return (Tensor(shape: [frames, n], scalars: out), nonPositive)
    }

    /// `computeSortedWindow` for the benchmark executable (not for production use: O(T·w) per ROI).
    public static func computeSortedWindowForBenchmark(_ f: Tensor, windowFrames: Int, percentile: Double) -> (dff: Tensor, nonPositiveBaselines: Int) {
        computeSortedWindow(f, windowFrames: windowFrames, percentile: percentile)
    }

    private static func lowerBound(_ v: Float, in a: [Float]) -> Int {
        var lo = 0, hi = a.count
        while lo < hi { let mid = (lo + hi) / 2; if a[mid] < v { lo = mid + 1 } else { hi = mid } }
        return lo
    }
}
