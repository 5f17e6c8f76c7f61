import Tensors

/// Percentile confidence intervals of the per-neuron scores by a block bootstrap over time.
///
/// The attributed samples are split into B contiguous time blocks of [0, T) (kept by
/// `Explanation` as per-block sums of |map|, so no per-sample storage is needed). One
/// replicate draws B blocks with replacement and recomputes the map as
/// Σ sums / Σ counts of the drawn blocks, then the scores. The interval is the
/// [α/2, 1 − α/2] percentile (linear interpolation between order statistics) of R replicates.
/// Contiguous blocks keep the temporal autocorrelation within a block, so the interval is not
/// overconfident the way an i.i.d. resample of time points would be.
///
/// What it covers: the variability of the map over the recording, for the fixed trained
/// model. Training variability (seeds) is not included; retrain with several seeds for that.
public struct BlockBootstrap: Sendable {
    public var replicates: Int
    public var level: Double
    public var seed: UInt64

    public init(replicates: Int = 1_000, level: Double = 0.95, seed: UInt64 = 0) {
        self.replicates = replicates
        self.level = level
        self.seed = seed
    }

    /// Lower and upper bounds per block of `blocks` (in that order) and per neuron.
    public func intervals(_ explanation: Explanation, blocks: [BlockAssignment]) throws -> [(lower: [Double], upper: [Double])] {
        guard replicates >= 2, level > 0, level < 1 else {
            throw AttributionError.invalidOption("bootstrap needs ≥ 2 replicates and a level in (0, 1)")
        }
        let sums = explanation.timeBlockSums, counts = explanation.timeBlockCounts
        let nb = sums.count, cols = explanation.map.cols, dn = explanation.map.values.count
        var rng = Xoshiro256(seed: seed)
        // reps[v][i] = replicate scores of neuron i for block v.
        var reps = [[[Double]]](repeating: [[Double]](repeating: [], count: cols), count: blocks.count)
        var acc = [Double](repeating: 0, count: dn)
        for _ in 0..<replicates {
            for k in 0..<dn { acc[k] = 0 }
            var total = 0
            for _ in 0..<nb {
                let b = rng.uniformInt(below: nb)
                total += counts[b]
                for k in 0..<dn { acc[k] += sums[b][k] }
            }
            guard total > 0 else { continue }
            let inv = 1 / Double(total)
            for (v, block) in blocks.enumerated() {
                let m = NeuronScoring.blockMeans(acc, cols: cols, rows: block.dimensions.lowerBound..<block.dimensions.upperBound)
                for i in 0..<cols { reps[v][i].append(m[i] * inv) }
            }
        }
        let a = (1 - level) / 2
        return reps.map { perNeuron in
            let sorted = perNeuron.map { $0.sorted() }
            return (sorted.map { BlockBootstrap.quantile($0, a) }, sorted.map { BlockBootstrap.quantile($0, 1 - a) })
        }
    }

    /// NumPy's default ("linear") quantile of sorted values.
    static func quantile(_ s: [Double], _ q: Double) -> Double {
        guard !s.isEmpty else { return .nan }
        let h = Double(s.count - 1) * q
        let lo = Int(h.rounded(.down)), hi = Swift.min(lo + 1, s.count - 1)
        return s[lo] + (h - Double(lo)) * (s[hi] - s[lo])
    }
}
