import Tensors

/// The white-box regression benchmarks of ContraLSP (baselines.md §3, "Rare-Time" and
/// "Rare-Observation"), and the model that defines their truth.
///
/// - Data: N series of T steps and D features, each feature an ARMA(3,0) process
///   x_t = φ₁x_{t−1} + φ₂x_{t−2} + φ₃x_{t−3} + ε_t, ε ~ N(0, 1), started at 0. The published
///   code's `ArmaProcess(ar=[2,.5,.2,.1], ma=[2])` gives φ = (−0.25, −0.1, −0.05) (the paper
///   prints them positive); `arCoefficients` defaults to the code's.
/// - Model: y_t = Σ_{d∈S^D} x[t,d]² for t ∈ S^T, else 0; output `[N, T]`.
/// - Rare-Time: S^T = 5 consecutive steps starting uniformly in [0, T − 5), S^D = features
///   ⌊T/4⌋ ..< ⌊T/4⌋ + T/2 (12..<37 for T = 50). Rare-Observation: S^D = 5 random features,
///   S^T = steps 12..<37. The salient set is shared by all samples, as in the published code.
public struct TimeSeriesWhiteBox: Sendable {
    public enum Kind: String, Sendable, CaseIterable { case rareTime = "rare-time", rareObservation = "rare-observation" }

    public var kind: Kind
    /// `[N, T, D]`.
    public var inputs: Tensor
    /// `[T, D]`, 1 on salient cells.
    public var salient: Tensor
    public var salientSteps: [Int]
    public var salientFeatures: [Int]

    public static let publishedAR: [Double] = [-0.25, -0.1, -0.05]

    public init(kind: Kind, samples n: Int = 100, timeSteps t: Int = 50, features d: Int = 50, salientCount k: Int = 5,
                arCoefficients phi: [Double] = TimeSeriesWhiteBox.publishedAR, using rng: inout Xoshiro256) throws {
        guard n >= 1, t > k, d > k, k >= 1, t >= 8, d >= 8 else {
            throw AttributionError.invalidOption("white box: need N ≥ 1, T, D ≥ 8 and 1 ≤ salient count < T, D; got N \(n), T \(t), D \(d), k \(k)")
        }
        self.kind = kind
        var x = Tensor(zeros: [n, t, d])
        for b in 0..<n {
            for f in 0..<d {
                var hist = [Double](repeating: 0, count: phi.count)
                for s in 0..<t {
                    var v = rng.normal()
                    for (i, p) in phi.enumerated() { v += p * hist[i] }
                    hist.insert(v, at: 0)
                    hist.removeLast()
                    x.scalars[(b * t + s) * d + f] = Float(v)
                }
            }
        }
        inputs = x
        let lo = t / 4, hi = t / 4 + t / 2
        switch kind {
        case .rareTime:
            let start = rng.uniformInt(below: t - k)
            salientSteps = Array(start..<(start + k))
            salientFeatures = Array(Swift.min(lo, d - 1)..<Swift.min(Swift.max(lo + d / 2, lo + 1), d))
        case .rareObservation:
            salientFeatures = Array(rng.permutation(d).prefix(k)).sorted()
            salientSteps = Array(lo..<hi)
        }
        var m = Tensor(zeros: [t, d])
        for s in salientSteps { for f in salientFeatures { m.scalars[s * d + f] = 1 } }
        salient = m
    }

    public var sampleCount: Int { inputs.shape[0] }

    /// The truth broadcast to every sample, `[N, T, D]`.
    public var truth: Tensor { salient.reshaped([1] + salient.shape).broadcast(to: inputs.shape) }

    /// y = Σ_d M[t,d]·x[t,d]², `[B, T, D] → [B, T]`.
    public var model: TimeSeriesModel {
        let t = inputs.shape[1], d = inputs.shape[2]
        let m = Variable(salient.reshaped([1, t, d]))
        return TimeSeriesModel(name: "white-box-\(kind.rawValue)", timeSteps: t, features: d, outputs: t) { x in
            (x.squared() * m).sum(axes: [2])
        }
    }
}
