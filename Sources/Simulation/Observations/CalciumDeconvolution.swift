import Foundation

/// Matching-pursuit deconvolution of a ΔF/F trace into spike times (for validating the calcium
/// model; a simple, transparent alternative to OASIS-style solvers).
///
/// Template h_k = peakDFF·kernel((k + ½)/frameRate), k = 0 ..< ⌈5 τ_decay·frameRate⌉ (a spike
/// half a frame before frame f). On a residual r (initially the trace) the least-squares
/// amplitude of a spike at frame f is a_f = Σ_k r_{f+k} h_k / Σ_k h_k². Repeatedly the largest
/// a_f is taken, one spike is placed at t_f − ½/frameRate and subtracted from r, and
/// a is updated near f, until max a_f < max(`minimumSpikes`, `threshold`·σ/‖h‖). σ is the
/// noise std, estimated as 1.4826·MAD(first differences)/√2. Cost O(F·L + spikes·(F + L²)).
public func deconvolveCalcium(dff: [Double], frameRate: Double, indicator: CalciumIndicator,
                              threshold: Double = 4, minimumSpikes: Double = 0.5) -> [Double] {
    let F = dff.count
    if F < 3 { return [] }
    let L = max(2, Int((5 * indicator.decayTime * frameRate).rounded(.up)))
    let h = (0..<L).map { indicator.peakDFF * indicator.kernel((Double($0) + 0.5) / frameRate) }
    let energy = h.reduce(0) { $0 + $1 * $1 }
    var diffs = (1..<F).map { abs(dff[$0] - dff[$0 - 1]) }
    diffs.sort()
    let sigma = 1.4826 * diffs[diffs.count / 2] / 2.0.squareRoot()
    let cut = max(minimumSpikes, threshold * sigma / energy.squareRoot())
    var r = dff
    func amplitude(_ f: Int) -> Double {
        var s = 0.0
        for k in 0..<min(L, F - f) { s += r[f + k] * h[k] }
        return s / energy
    }
    var a = (0..<F).map(amplitude)
    var times = [Double]()
    while true {
        var best = 0
        for f in 1..<F where a[f] > a[best] { best = f }
        if a[best] < cut { break }
        // One spike per pick: with long kernels a_f also absorbs the tails of later spikes, so
        // rounding it would merge neighbours into one multi-spike event.
        for k in 0..<min(L, F - best) { r[best + k] -= h[k] }
        for f in max(0, best - L + 1)..<min(F, best + L) { a[f] = amplitude(f) }
        times.append((Double(best) - 0.5) / frameRate)
        if times.count > 10 * F { break }
    }
    return times.sorted()
}
