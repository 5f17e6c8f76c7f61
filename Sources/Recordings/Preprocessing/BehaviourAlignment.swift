/// Behaviour put on the neural time base with the NaN and discrete-label policy of data-formats §3–4.
///
/// 1. **Gaps** (rows of a series where any column is NaN/±Inf) are handled on the series' own clock: a gap
///    whose bounding valid samples a, b satisfy t_b − t_a ≤ `maxGap` (0.5 s) is linearly interpolated
///    (angles along the shorter arc); longer gaps, and gaps at either end, stay NaN.
/// 2. **Resampling** at the neural times: linear (circular: unwrap → interpolate → wrap) for continuous
///    series, nearest neighbour for discrete ones. A neural sample next to a remaining gap comes out NaN:
///    it is masked (`Session.valid` false) and holds the nearest earlier finite value (the first finite
///    one at the start), so downstream arithmetic never meets NaN.
/// 3. **Discrete** series: named in `PreprocessingOptions.discreteBehaviour`, or (with `detectDiscrete`)
///    every finite value an integer and at most `discreteMaxLevels` distinct values, not circular.
public enum BehaviourAlignment {
    /// What `fillShortGaps` did to one series.
    public struct GapReport: Sendable, Equatable {
        /// Rows that were NaN/Inf and got interpolated.
        public var interpolatedRows: Int
        /// Rows left NaN (in gaps longer than the limit or at the ends).
        public var remainingRows: Int
        /// The long (or edge) gaps as [last valid time, next valid time] (the series' ends at the edges).
        public var longGaps: IntervalSet
    }

    /// Interpolates gaps of at most `maxGap` seconds between their bounding valid rows; see the type.
    public static func fillShortGaps(_ s: TimeSeriesData, maxGap: Double) -> (TimeSeriesData, GapReport) {
        let k = s.columns, n = s.sampleCount, t = s.timestamps
        var values = s.values
        func rowValid(_ r: Int) -> Bool { (0..<k).allSatisfy { values[r * k + $0].isFinite } }
        var report = GapReport(interpolatedRows: 0, remainingRows: 0, longGaps: IntervalSet(starts: [], stops: []))
        var r = 0
        while r < n {
            if rowValid(r) { r += 1; continue }
            var end = r
            while end < n && !rowValid(end) { end += 1 }
            let a = r - 1, b = end // bounding valid rows (a ≥ 0, b < n when they exist)
            if a >= 0, b < n, t[b] - t[a] <= maxGap {
                for row in r..<end {
                    let w = (t[row] - t[a]) / (t[b] - t[a])
                    for c in 0..<k {
                        let (va, vb) = (values[a * k + c], values[b * k + c])
                        values[row * k + c] = s.isCircular ? Resampling.wrap(va + w * Resampling.wrap(vb - va)) : va + w * (vb - va)
                    }
                }
                report.interpolatedRows += end - r
            } else {
                report.remainingRows += end - r
                report.longGaps.starts.append(a >= 0 ? t[a] : t[r])
                report.longGaps.stops.append(b < n ? t[b] : t[end - 1])
            }
            r = end
        }
        var filled = s
        filled.values = values
        return (filled, report)
    }

    /// True when every finite value is an integer and there are at most `maxLevels` distinct values.
    public static func looksDiscrete(_ s: TimeSeriesData, maxLevels: Int) -> Bool {
        guard !s.isCircular else { return false }
        var levels: Set<Double> = []
        for v in s.values where v.isFinite {
            guard v == v.rounded() else { return false }
            levels.insert(v)
            if levels.count > maxLevels { return false }
        }
        return !levels.isEmpty
    }

    /// Values of `s` at `times` (linear or nearest), `inside` = within the series' time range, and `gap` =
    /// inside but next to a remaining NaN gap; gap samples are filled by holding (see the type).
    static func resample(_ s: TimeSeriesData, at times: [Double], discrete: Bool) -> (values: [Double], inside: [Bool], gap: [Bool]) {
        var (values, inside) = discrete ? Resampling.nearest(s, at: times) : Resampling.linear(s, at: times)
        let k = s.columns
        var gap = [Bool](repeating: false, count: times.count)
        var last: [Double]? = nil
        for i in times.indices where inside[i] {
            let row = (i * k)..<((i + 1) * k)
            if values[row].allSatisfy(\.isFinite) { last = Array(values[row]); continue }
            gap[i] = true
            if let last { values.replaceSubrange(row, with: last) }
        }
        // Leading gap samples hold the first finite value.
        if let firstGood = times.indices.first(where: { inside[$0] && !gap[$0] }) {
            let fill = Array(values[(firstGood * k)..<((firstGood + 1) * k)])
            for i in 0..<firstGood where inside[i] { values.replaceSubrange((i * k)..<((i + 1) * k), with: fill) }
        }
        return (values, inside, gap)
    }
}
