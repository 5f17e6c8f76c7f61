import Foundation
import Recordings

/// Tuning curves of a neuron against a behaviour variable, for the report's "top neurons" figure.
///
/// - 1-D variables (and angles): mean activity in `bins` equal-width bins of the variable
///   (angles over [−π, π)).
/// - Multi-column variables (position): the neuron's rate map on a bins×bins grid over the
///   first two columns gives its peak; the curve is the mean activity against distance from
///   that peak, which shows a place field as a decreasing curve and a grid cell as a ripple.
/// Only valid samples are used; empty bins are NaN (not drawn).
enum TuningCurves {
    static func curve(session: Session, neuron j: Int, variable v: BehaviourVariable, bins: Int = 20) -> (x: [Double], y: [Double], xLabel: String) {
        let t = session.sampleCount, n = session.neuronCount
        let activity = (0..<t).map { Double(session.neural.scalars[$0 * n + j]) }
        if v.columns == 1 {
            let values = (0..<t).map { v[$0, 0] }
            let lo = v.isCircular ? -Double.pi : values.min() ?? 0
            let hi = v.isCircular ? Double.pi : values.max() ?? 1
            let (centres, means) = binnedMeans(values, activity, valid: session.valid, lo: lo, hi: hi, bins: bins, circular: v.isCircular)
            return (centres, means, "\(v.name) (\(v.unit))")
        }
        // rate map over the first two columns, then activity against distance from its peak
        let xs = (0..<t).map { v[$0, 0] }, ys = (0..<t).map { v[$0, 1] }
        let (x0, x1, y0, y1) = (xs.min() ?? 0, xs.max() ?? 1, ys.min() ?? 0, ys.max() ?? 1)
        let g = 12
        var sum = [Double](repeating: 0, count: g * g), count = [Double](repeating: 0, count: g * g)
        for i in 0..<t where session.valid[i] {
            let a = min(g - 1, max(0, Int((xs[i] - x0) / max(x1 - x0, 1e-12) * Double(g))))
            let b = min(g - 1, max(0, Int((ys[i] - y0) / max(y1 - y0, 1e-12) * Double(g))))
            sum[a * g + b] += activity[i]
            count[a * g + b] += 1
        }
        var best = 0, bestRate = -Double.infinity
        for k in 0..<(g * g) where count[k] >= 5 {
            let r = sum[k] / count[k]
            if r > bestRate { bestRate = r; best = k }
        }
        let px = x0 + (Double(best / g) + 0.5) * (x1 - x0) / Double(g), py = y0 + (Double(best % g) + 0.5) * (y1 - y0) / Double(g)
        let dist = (0..<t).map { ((xs[$0] - px) * (xs[$0] - px) + (ys[$0] - py) * (ys[$0] - py)).squareRoot() }
        let (centres, means) = binnedMeans(dist, activity, valid: session.valid, lo: 0, hi: dist.max() ?? 1, bins: bins, circular: false)
        return (centres, means, "distance from field peak (\(v.unit))")
    }

    static func binnedMeans(_ x: [Double], _ y: [Double], valid: [Bool], lo: Double, hi: Double, bins: Int,
                            circular: Bool) -> ([Double], [Double]) {
        var sum = [Double](repeating: 0, count: bins), count = [Double](repeating: 0, count: bins)
        let width = max(hi - lo, 1e-12) / Double(bins)
        for i in x.indices where valid[i] && x[i].isFinite {
            var value = x[i]
            if circular { value = value - 2 * .pi * Foundation.floor((value + .pi) / (2 * .pi)) }
            let b = min(bins - 1, max(0, Int((value - lo) / width)))
            sum[b] += y[i]
            count[b] += 1
        }
        let centres = (0..<bins).map { lo + (Double($0) + 0.5) * width }
        return (centres, (0..<bins).map { count[$0] >= 3 ? sum[$0] / count[$0] : .nan })
    }
}
