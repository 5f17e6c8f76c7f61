import Tensors

/// Spike counts on a regular grid.
public enum SpikeBinning {
    /// Counts spikes of each unit into bins [t₀ + kΔ, t₀ + (k+1)Δ), k = 0..<binCount.
    ///
    /// Returns a `[binCount, N]` tensor (row = bin, column = unit, in `trains` order). Spikes outside
    /// [t₀, t₀ + binCount·Δ) are ignored. The bin index is k = ⌊(t − t₀)/Δ + ε⌋ with ε = 1e-9 bins, so a
    /// spike on an edge written in decimal (0.3 s with Δ = 0.1 s, where 0.3/0.1 = 2.9999999999999996)
    /// lands in the bin that starts there, as a reader of the numbers expects.
    /// Cost: O(total spikes + binCount·N); no allocation per spike.
    public static func counts(_ times: [[Double]], start t0: Double, binWidth: Double, binCount: Int) -> Tensor {
        let n = times.count
        return Tensor(shape: [binCount, n]) { out in
            out.initialize(repeating: 0)
            let inverse = 1 / binWidth
            for (unit, train) in times.enumerated() {
                train.withUnsafeBufferPointer { spikes in
                    for t in spikes {
                        let x = (t - t0) * inverse + edgeTolerance
                        if x >= 0 && x < Double(binCount) { out[Int(x) * n + unit] += 1 }
                    }
                }
            }
        }
    }

    /// Fraction of a bin by which edge comparisons are relaxed (see `counts`).
    public static let edgeTolerance = 1e-9

    /// Bin centres t₀ + (k + ½)Δ, the sample times of binned data.
    public static func centres(start t0: Double, binWidth: Double, binCount: Int) -> [Double] {
        (0..<binCount).map { t0 + (Double($0) + 0.5) * binWidth }
    }

    /// The grid covering the half-open range [lower, upper): t₀ = ⌊lower/Δ⌋·Δ and ⌈(upper − t₀)/Δ⌉ bins
    /// (at least one). Pass `upper = lastSpike.nextUp` to include a last spike.
    public static func grid(from lower: Double, to upper: Double, binWidth: Double) -> (start: Double, count: Int) {
        let t0 = (lower / binWidth + edgeTolerance).rounded(.down) * binWidth
        let count = max(1, Int(((upper - t0) / binWidth - edgeTolerance).rounded(.up)))
        return (t0, count)
    }
}
