/// Puts behaviour series on the neural time base (data-formats §3).
public enum Resampling {
    /// Linear interpolation of a `[T_src, k]` series at `times`.
    ///
    /// Times outside [first, last] source timestamp are not extrapolated: `inside[i]` is false there and the
    /// row holds NaN. For circular series (radians) each column is unwrapped (consecutive jumps > π folded),
    /// interpolated, then wrapped back to (−π, π].
    /// Source timestamps must be strictly increasing (readers guarantee it); `times` must be ascending.
    public static func linear(_ series: TimeSeriesData, at times: [Double]) -> (values: [Double], inside: [Bool]) {
        let k = series.columns
        let src = series.timestamps
        var source = series.values
        if series.isCircular { source = unwrap(source, columns: k) }
        var out = [Double](repeating: .nan, count: times.count * k)
        var inside = [Bool](repeating: false, count: times.count)
        guard let first = src.first, let last = src.last else { return (out, inside) }
        var j = 0
        for (i, t) in times.enumerated() where t >= first && t <= last {
            while j + 1 < src.count && src[j + 1] < t { j += 1 }
            inside[i] = true
            // Exact hits take the sample itself, so a NaN neighbour (a masked gap) does not leak into them.
            if j + 1 >= src.count || src[j] >= t || src[j + 1] == t {
                let m = j + 1 < src.count && src[j + 1] == t ? j + 1 : j
                for c in 0..<k { out[i * k + c] = source[m * k + c] }
                continue
            }
            let w = (t - src[j]) / (src[j + 1] - src[j])
            for c in 0..<k {
                out[i * k + c] = source[j * k + c] + w * (source[(j + 1) * k + c] - source[j * k + c])
            }
        }
        if series.isCircular {
            for i in out.indices where !out[i].isNaN { out[i] = wrap(out[i]) }
        }
        return (out, inside)
    }

    /// Nearest-neighbour resampling (discrete labels): the source sample closest in time; same NaN/inside rule.
    public static func nearest(_ series: TimeSeriesData, at times: [Double]) -> (values: [Double], inside: [Bool]) {
        let k = series.columns, src = series.timestamps
        var out = [Double](repeating: .nan, count: times.count * k)
        var inside = [Bool](repeating: false, count: times.count)
        guard let first = src.first, let last = src.last else { return (out, inside) }
        var j = 0
        for (i, t) in times.enumerated() where t >= first && t <= last {
            while j + 1 < src.count && src[j + 1] <= t { j += 1 }
            let m = (j + 1 < src.count && src[j + 1] - t < t - src[j]) ? j + 1 : j
            inside[i] = true
            for c in 0..<k { out[i * k + c] = series.values[m * k + c] }
        }
        return (out, inside)
    }

    /// Unwraps each column of a row-major `[T, k]` angle array: adds multiples of 2π so consecutive
    /// differences lie in [−π, π].
    public static func unwrap(_ values: [Double], columns k: Int) -> [Double] {
        var out = values
        let rows = values.count / k
        guard rows > 1 else { return out }
        for c in 0..<k {
            var shift = 0.0
            for t in 1..<rows {
                let d = values[t * k + c] - values[(t - 1) * k + c]
                if d > .pi { shift -= 2 * .pi * ((d + .pi) / (2 * .pi)).rounded(.down) }
                else if d < -.pi { shift += 2 * .pi * ((-d + .pi) / (2 * .pi)).rounded(.down) }
                out[t * k + c] = values[t * k + c] + shift
            }
        }
        return out
    }

    /// Wraps an angle to (−π, π].
    public static func wrap(_ a: Double) -> Double {
        var r = a.truncatingRemainder(dividingBy: 2 * .pi)
        if r > .pi { r -= 2 * .pi } else if r <= -.pi { r += 2 * .pi }
        return r
    }
}
