import Tensors

/// Temporal Saliency Rescaling (Ismail et al., NeurIPS 2020, Alg. 1; baselines.md §1.4) on top of
/// any attribution method R (`TimeSeriesAttribution`), per sample:
///
/// 1. Time relevance: Δ_t = Σ_{t',i} |R(x) − R(x^{(t)})|, x^{(t)} = x with every feature at step t
///    set to `maskValue`; then min–max over t: Δ_t ← (Δ_t − min)/(max − min) (0 when all equal).
/// 2. Threshold α: with `.quantile(q)` (the published code, q = 0.55) α is the q-quantile
///    (linear interpolation, NumPy's default) of the scaled Δ_t; with `.fixed(a)` it is a.
/// 3. Feature relevance at every step with Δ_t > α: Δ_{i,t} = Σ|R(x) − R(x^{(i,t)})| with only
///    cell (t, i) masked, min–max over i. Steps at or below α get `lowFeatureScore` for every
///    feature (0.1 in the code, 0 in the paper).
/// 4. R^TSR[t, i] = Δ_t · Δ_{i,t}.
///
/// Defaults follow the published code (q = 0.55, low score 0.1) with the paper's mask value 0
/// (the code uses x[0,0,0], MNIST's background). Cost: 1 + T + (#relevant steps)·D calls of R on
/// the batch. Randomised base methods get a fresh stream per call.
public struct TemporalSaliencyRescaling: TimeSeriesAttribution {
    public enum Threshold: Sendable, Equatable {
        case quantile(Double)
        case fixed(Double)
    }

    public var base: any TimeSeriesAttribution
    public var threshold: Threshold = .quantile(0.55)
    public var lowFeatureScore: Float = 0.1
    public var maskValue: Float = 0

    public init(base: any TimeSeriesAttribution) { self.base = base }

    public var name: String { "tsr-\(base.name)" }

    public func attribute(_ x: Tensor, model: TimeSeriesModel, using rng: inout Xoshiro256) throws -> Tensor {
        try model.validate(x, method: name)
        let n = x.shape[0], t = x.shape[1], d = x.shape[2], cells = t * d
        let reference = try base.attribute(x, model: model, using: &rng)
        /// Σ|R(x) − R(x')| per sample.
        func change(_ masked: Tensor) throws -> [Float] {
            let r = try base.attribute(masked, model: model, using: &rng)
            return (0..<n).map { b in
                var s: Float = 0
                for c in (b * cells)..<((b + 1) * cells) { s += Swift.abs(reference.scalars[c] - r.scalars[c]) }
                return s
            }
        }
        var timeScore = [[Float]](repeating: [Float](repeating: 0, count: t), count: n)  // [sample][t]
        for s in 0..<t {
            var masked = x
            for b in 0..<n { for i in 0..<d { masked.scalars[(b * t + s) * d + i] = maskValue } }
            for (b, v) in try change(masked).enumerated() { timeScore[b][s] = v }
        }
        timeScore = timeScore.map(TemporalSaliencyRescaling.minMax)
        let alpha = timeScore.map { row -> Float in
            switch threshold {
            case .fixed(let a): return Float(a)
            case .quantile(let q): return row.isEmpty ? 0 : Float(BlockBootstrap.quantile(row.map(Double.init).sorted(), q))
            }
        }
        var out = Tensor(zeros: x.shape)
        for s in 0..<t {
            let relevant = (0..<n).filter { timeScore[$0][s] > alpha[$0] }
            for b in 0..<n where !relevant.contains(b) {
                for i in 0..<d { out.scalars[(b * t + s) * d + i] = timeScore[b][s] * lowFeatureScore }
            }
            guard !relevant.isEmpty else { continue }
            var featureScore = [[Float]](repeating: [Float](repeating: 0, count: d), count: n)
            for i in 0..<d {
                var masked = x
                for b in relevant { masked.scalars[(b * t + s) * d + i] = maskValue }
                let c = try change(masked)
                for b in relevant { featureScore[b][i] = c[b] }
            }
            for b in relevant {
                let scaled = TemporalSaliencyRescaling.minMax(featureScore[b])
                for i in 0..<d { out.scalars[(b * t + s) * d + i] = timeScore[b][s] * scaled[i] }
            }
        }
        return out
    }

    static func minMax(_ v: [Float]) -> [Float] {
        guard let lo = v.min(), let hi = v.max(), hi > lo else { return [Float](repeating: 0, count: v.count) }
        return v.map { ($0 - lo) / (hi - lo) }
    }
}
