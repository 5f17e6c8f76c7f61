import Foundation
import Tensors

/// A genetically encoded calcium indicator's response to one spike.
///
/// kernel(u) = (1 − e^(−u/τ_rise))·e^(−u/τ_decay) / k_max for u ≥ 0, normalised to peak 1
/// (peak at u* = τ_rise·ln(1 + τ_decay/τ_rise)); one spike raises ΔF/F by `peakDFF` at u*.
/// Presets after Chen et al. 2013 (single-AP responses): GCaMP6f rise 0.05 s, decay 0.4 s,
/// peak 0.19; GCaMP6s rise 0.1 s, decay 1.5 s, peak 0.23.
public struct CalciumIndicator: Sendable, Equatable {
    public var riseTime: Double
    public var decayTime: Double
    public var peakDFF: Double

    public init(riseTime: Double, decayTime: Double, peakDFF: Double) {
        self.riseTime = riseTime
        self.decayTime = decayTime
        self.peakDFF = peakDFF
    }

    public static let gcamp6f = CalciumIndicator(riseTime: 0.05, decayTime: 0.4, peakDFF: 0.19)
    public static let gcamp6s = CalciumIndicator(riseTime: 0.1, decayTime: 1.5, peakDFF: 0.23)

    /// Time constant of the second exponential: (1 − e^(−u/τr)) e^(−u/τd) = e^(−u/τd) − e^(−u/τc).
    var combinedTime: Double { 1 / (1 / riseTime + 1 / decayTime) }
    /// Unnormalised kernel maximum k_max.
    var kernelMax: Double {
        let u = riseTime * log(1 + decayTime / riseTime)
        return exp(-u / decayTime) - exp(-u / combinedTime)
    }
    /// The normalised kernel (peak 1).
    public func kernel(_ u: Double) -> Double { u < 0 ? 0 : (exp(-u / decayTime) - exp(-u / combinedTime)) / kernelMax }
}

/// Calcium imaging from spike times.
///
/// For neuron n at frame times t_f = f / frameRate, f = 0 ..< ⌊duration·frameRate⌋:
/// F_n(t) = F0·b_n(t)·(1 + peakDFF·Σ_s kernel(t − s)) + ε, where b_n(t) = 1 + a drift OU process
/// (std `driftStd`, time scale `driftTimescale`; 0 = no drift) and ε ~ N(0, σ²) with
/// σ = F0·peakDFF / snr (the single-spike peak over the noise std). ΔF/F is (F − F0·b)/(F0·b),
/// using the true baseline. The sum over spikes is exact in continuous time and costs
/// O(frames + spikes): each exponential is carried from frame to frame by its decay factor, so the
/// frame rate is independent of the simulation step.
public struct CalciumImaging: Sendable, Equatable {
    public var indicator: CalciumIndicator = .gcamp6f
    public var frameRate: Double = 30
    /// Resting fluorescence F0 (arbitrary units).
    public var baseline: Double = 1
    /// Single-spike peak ΔF over the noise standard deviation (∞ = no noise).
    public var snr: Double = 5
    public var driftStd: Double = 0
    public var driftTimescale: Double = 60

    public init(indicator: CalciumIndicator = .gcamp6f, frameRate: Double = 30, snr: Double = 5) {
        self.indicator = indicator
        self.frameRate = frameRate
        self.snr = snr
    }

    public struct Traces: Sendable {
        public var frameTimes: [Double]
        /// Raw fluorescence `[frames, N]`.
        public var fluorescence: Tensor
        /// ΔF/F `[frames, N]` against the true baseline.
        public var dff: Tensor
    }

    /// Traces for spike times per neuron (each list sorted, seconds) over [0, duration).
    /// Noise uses `rng.stream(0)`, drift `rng.stream(1)`.
    public func simulate(spikeTimes: [[Double]], duration: Double, rng: Xoshiro256) throws -> Traces {
        let ind = indicator
        try require(ind.riseTime > 0 && ind.decayTime > 0 && ind.riseTime.isFinite && ind.decayTime.isFinite,
                    "calcium.indicator", "rise \(ind.riseTime) s, decay \(ind.decayTime) s", "positive time constants")
        try require(ind.peakDFF > 0, "calcium.peakDFF", ind.peakDFF, "> 0")
        try require(frameRate > 0 && frameRate.isFinite, "calcium.frameRate", frameRate, "a positive rate in Hz")
        try require(baseline > 0, "calcium.baseline", baseline, "> 0")
        try require(snr > 0, "calcium.snr", snr, "> 0 (use .infinity for no noise)")
        try require(driftStd >= 0 && driftTimescale > 0, "calcium.drift", "\(driftStd), \(driftTimescale) s", "std ≥ 0, time scale > 0")
        try require(duration > 0, "duration", duration, "> 0 s")
        let F = Int((duration * frameRate).rounded(.down)), N = spikeTimes.count
        let frameTimes = (0..<F).map { Double($0) / frameRate }
        var fl = Tensor(zeros: [F, N]), dff = Tensor(zeros: [F, N])
        var noiseRNG = rng.stream(0), driftRNG = rng.stream(1)
        let (td, tc) = (ind.decayTime, ind.combinedTime)
        let dtF = 1 / frameRate
        let (gd, gc) = (exp(-dtF / td), exp(-dtF / tc))
        let gain = ind.peakDFF / ind.kernelMax
        let sigma = snr.isInfinite ? 0 : baseline * ind.peakDFF / snr
        let driftDecay = dtF / driftTimescale, driftKick = driftStd * (2 * driftDecay).squareRoot()
        fl.scalars.withUnsafeMutableBufferPointer { fo in
            dff.scalars.withUnsafeMutableBufferPointer { d in
                for n in 0..<N {
                    var (accD, accC, drift, s) = (0.0, 0.0, 0.0, 0)
                    let spikes = spikeTimes[n]
                    for f in 0..<F {
                        let t = frameTimes[f]
                        accD *= gd; accC *= gc
                        while s < spikes.count && spikes[s] <= t {
                            let u = t - spikes[s]
                            accD += exp(-u / td); accC += exp(-u / tc)
                            s += 1
                        }
                        if driftStd > 0 { drift += -drift * driftDecay + driftKick * driftRNG.normal() }
                        let b = baseline * (1 + drift)
                        let value = b * (1 + gain * (accD - accC)) + (sigma > 0 ? sigma * noiseRNG.normal() : 0)
                        fo[f * N + n] = Float(value)
                        d[f * N + n] = Float((value - b) / b)
                    }
                }
            }
        }
        return Traces(frameTimes: frameTimes, fluorescence: fl, dff: dff)
    }
}
