@testable import Attribution
import Tensors
import Testing

@Suite struct SaliencyRescalingTests {
    /// f(x) = Σ_{t ∈ {2, 6}} Σ_d w_d·x[t,d]² with w = (1, 0, 2, 0): the relevant cells are steps 2
    /// and 6 × features 0 and 2.
    static func model(t: Int = 8, d: Int = 4) -> (TimeSeriesModel, Tensor) {
        var m = Tensor(zeros: [1, t, d])
        for s in [2, 6] { m.scalars[s * d + 0] = 1; m.scalars[s * d + 2] = 2 }
        let mv = Variable(m)
        return (TimeSeriesModel(name: "sparse", timeSteps: t, features: d, outputs: 1) { ($0.squared() * mv).sum(axes: [1, 2]).reshaped([$0.shape[0], 1]) }, m)
    }

    @Test func rescaledSaliencyIsZeroOutsideTheRelevantCells() throws {
        let (f, m) = Self.model()
        var rng = Xoshiro256(seed: 1)
        let x = rng.normalTensor([3, 8, 4]) + 0.5
        let tsr = TemporalSaliencyRescaling(base: TimeSeriesGradient(.saliency))
        let r = try tsr.attribute(x, model: f, using: &rng)
        for b in 0..<3 { for s in 0..<8 { for i in 0..<4 {
            let v = r[b, s, i]
            if m[0, s, i] == 0 { #expect(v == 0, "sample \(b) step \(s) feature \(i): \(v)") } else { #expect(v > 0) }
        } } }
        // Each sample's most relevant step has time score 1 and its most relevant feature 1.
        for b in 0..<3 { #expect(abs(r.slice(axis: 0, b..<(b + 1)).scalars.max()! - 1) < 1e-6) }
    }

    @Test func stepsBelowTheThresholdGetTheLowFeatureScore() throws {
        // Linear model with step weights 1…T: the time scores rise with t, the bottom 55% of steps
        // are below the threshold and get Δ_t·0.1 for every feature.
        let t = 10, d = 3
        var w = Tensor(zeros: [1, t, d])
        for s in 0..<t { for i in 0..<d { w.scalars[s * d + i] = Float(s + 1) * Float(i + 1) } }
        let wv = Variable(w)
        let f = TimeSeriesModel(name: "linear", timeSteps: t, features: d, outputs: 1) { ($0.squared() * wv).sum(axes: [1, 2]).reshaped([$0.shape[0], 1]) }
        var rng = Xoshiro256(seed: 2)
        let x = Tensor(repeating: 1, shape: [1, t, d])
        let r = try TemporalSaliencyRescaling(base: TimeSeriesGradient(.saliency)).attribute(x, model: f, using: &rng)
        // Δ_t ∝ (t+1)·Σ_i(i+1) ⇒ scaled Δ_t = t/(T−1); α = 0.55 quantile = 0.55.
        for s in 0..<t {
            let time = Float(s) / Float(t - 1)
            for i in 0..<d {
                let expected = time > 0.55 ? time * Float(i) / Float(d - 1) : time * 0.1
                #expect(abs(r[0, s, i] - expected) < 1e-5, "step \(s) feature \(i): \(r[0, s, i]) vs \(expected)")
            }
        }
    }

    @Test func integratedGradientsOfALinearModelAreExact() throws {
        let t = 5, d = 3
        var rng = Xoshiro256(seed: 3)
        let w = rng.normalTensor([1, t, d])
        let wv = Variable(w)
        let f = TimeSeriesModel(name: "linear", timeSteps: t, features: d, outputs: 1) { ($0 * wv).sum(axes: [1, 2]).reshaped([$0.shape[0], 1]) }
        let x = rng.normalTensor([2, t, d])
        let ig = try TimeSeriesGradient(.integratedGradients(steps: 7)).attribute(x, model: f, using: &rng)
        let sal = try TimeSeriesGradient(.saliency).attribute(x, model: f, using: &rng)
        #expect(ig.maxAbsDifference(x * w) < 1e-5)
        #expect(sal.maxAbsDifference(w.broadcast(to: [2, t, d]).abs()) < 1e-6)
    }
}
