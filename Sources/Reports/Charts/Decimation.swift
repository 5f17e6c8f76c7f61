/// Reduction of long traces to what a given pixel width can show.
public enum Decimation {
    /// Min–max decimation: the samples are split into `buckets` runs of consecutive indices and each run is
    /// replaced by its minimum and maximum (in their original order), so peaks and troughs survive while the
    /// output has at most `2·buckets` points. Non-finite samples are kept as gap markers (one per run).
    /// Returns the kept indices in increasing order; short inputs are returned whole.
    public static func minMaxIndices(_ y: [Double], buckets: Int) -> [Int] {
        let n = y.count
        guard buckets > 0, n > 2 * buckets else { return Array(0..<n) }
        var kept: [Int] = []
        kept.reserveCapacity(2 * buckets + 8)
        for b in 0..<buckets {
            let lo = b * n / buckets, hi = (b + 1) * n / buckets
            guard hi > lo else { continue }
            var iMin = -1, iMax = -1, gap = -1
            for i in lo..<hi {
                let v = y[i]
                guard v.isFinite else { if gap < 0 { gap = i }; continue }
                if iMin < 0 || v < y[iMin] { iMin = i }
                if iMax < 0 || v > y[iMax] { iMax = i }
            }
            var run = [iMin, iMax, gap].filter { $0 >= 0 }
            run.sort()
            for i in run where kept.last != i { kept.append(i) }
        }
        return kept
    }
}
