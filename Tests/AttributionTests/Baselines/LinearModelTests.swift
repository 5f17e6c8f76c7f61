@testable import Attribution
import Tensors
import Testing

/// y = W x + b: saliency = W; IG, input×gradient, DeepLIFT, GradientSHAP (noise 0), ablation,
/// Shapley sampling and LIME all equal W ⊙ (x − x0) exactly (closed forms).
@Suite struct LinearModelTests {
    let n = 5, d = 2, c = 7

    func expected(_ w: Tensor, _ x: Tensor, baseline: [Float]? = nil) -> [Double] {
        var out: [Double] = []
        for b in 0..<c { for i in 0..<d { for j in 0..<n {
            out.append(Double(w[i, j]) * (Double(x[b, j]) - Double(baseline?[j] ?? 0)))
        } } }
        return out
    }

    @Test func saliencyAndSmoothGradAreTheWeights() throws {
        let (model, w, _) = try BaselineTestModels.linear(n: n, d: d)
        let x = BaselineTestModels.inputs(model, count: c)
        let weights = (0..<c).flatMap { _ in w.scalars.map(Double.init) }
        #expect(maxAbsDifference(try BaselineTestModels.run(SaliencyExplainer(), model, x), weights) < 1e-6)
        #expect(maxAbsDifference(try BaselineTestModels.run(SmoothGradExplainer(draws: 4, noise: .absolute(0.5)), model, x), weights) < 1e-6)
    }

    @Test func gradientFamilyClosedForms() throws {
        let (model, w, _) = try BaselineTestModels.linear(n: n, d: d)
        let x = BaselineTestModels.inputs(model, count: c)
        let target = expected(w, x)
        let methods: [any Explainer] = [
            InputXGradientExplainer(),
            IntegratedGradientsExplainer(steps: 7),
            IntegratedGradientsExplainer(steps: 3, rule: .riemannTrapezoid),
            IntegratedGradientsExplainer(steps: 1, rule: .riemannLeft),
            GradientSHAPExplainer(draws: 3),
            DeepLIFTExplainer(),
        ]
        for m in methods {
            let r = try BaselineTestModels.run(m, model, x)
            #expect(maxAbsDifference(r, target) < 1e-5, "\(m.name)")
        }
    }

    @Test func meanBaseline() throws {
        let (model, w, _) = try BaselineTestModels.linear(n: n, d: d)
        let x = BaselineTestModels.inputs(model, count: c)
        let mean: [Float] = [0.5, -1, 2, 0, 0.25]
        let target = expected(w, x, baseline: mean)
        for m: any Explainer in [IntegratedGradientsExplainer(baseline: .constant(mean)), DeepLIFTExplainer(baseline: .constant(mean)),
                                 FeatureAblationExplainer(baseline: .constant(mean)), ShapleySamplingExplainer(permutations: 3, baseline: .constant(mean))] {
            #expect(maxAbsDifference(try BaselineTestModels.run(m, model, x), target) < 1e-5, "\(m.name)")
        }
    }

    @Test func perturbationFamilyClosedForms() throws {
        let (model, w, _) = try BaselineTestModels.linear(n: n, d: d)
        let x = BaselineTestModels.inputs(model, count: c)
        let target = expected(w, x)
        let methods: [any Explainer] = [
            FeatureAblationExplainer(),
            ShapleySamplingExplainer(permutations: 4),
            ShapleySamplingExplainer(permutations: 4, antithetic: true),
            LIMEExplainer(draws: 200, ridge: 0),
        ]
        for m in methods {
            #expect(maxAbsDifference(try BaselineTestModels.run(m, model, x), target) < 1e-4, "\(m.name)")
        }
    }

    @Test func augmentedOcclusionReplacesByReferenceValues() throws {
        let (model, w, _) = try BaselineTestModels.linear(n: n, d: d)
        let x = BaselineTestModels.inputs(model, count: c)
        let row: [Float] = [1, 2, -1, 0.5, 3]
        // One reference row: every draw is that row, so R = W ⊙ (x − row).
        let r = try BaselineTestModels.run(AugmentedOcclusionExplainer(reference: Tensor(shape: [1, n], scalars: row), draws: 3), model, x)
        #expect(maxAbsDifference(r, expected(w, x, baseline: row)) < 1e-5)
    }

    @Test func neuronGroupsShareTheGroupValue() throws {
        let (model, w, _) = try BaselineTestModels.linear(n: n, d: d)
        let x = BaselineTestModels.inputs(model, count: c)
        let groups = [[0, 2], [1], [3, 4]]
        let r = try BaselineTestModels.run(FeatureAblationExplainer(groups: groups), model, x)
        let s = try BaselineTestModels.run(ShapleySamplingExplainer(permutations: 2, groups: groups), model, x)
        let base = expected(w, x)
        for b in 0..<c { for i in 0..<d { for g in groups {
            let sum = g.reduce(0.0) { $0 + base[(b * d + i) * n + $1] }
            for j in g {
                #expect(Swift.abs(r[(b * d + i) * n + j] - sum) < 1e-5)
                #expect(Swift.abs(s[(b * d + i) * n + j] - sum) < 1e-5)
            }
        } } }
        #expect(throws: AttributionError.self) { try BaselineTestModels.run(FeatureAblationExplainer(groups: [[0, 1], [1]]), model, x) }
    }
}
