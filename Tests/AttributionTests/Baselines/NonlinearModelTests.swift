@testable import Attribution
import Tensors
import Testing

/// Additive model (ablation and Shapley have closed forms), IG completeness and DeepLIFT
/// summation-to-delta on nonlinear encoders, determinism.
@Suite struct NonlinearModelTests {
    @Test func ablationAndShapleyOnAnAdditiveModel() throws {
        let n = 4, d = 3, c = 5
        let (model, terms) = try BaselineTestModels.additive(n: n, d: d)
        let x = BaselineTestModels.inputs(model, count: c)
        var target: [Double] = []
        for b in 0..<c {
            let t = terms(Array(x.scalars[(b * n)..<((b + 1) * n)])), t0 = terms([Float](repeating: 0, count: n))
            for i in 0..<d { for j in 0..<n { target.append(t[i][j] - t0[i][j]) } }
        }
        #expect(maxAbsDifference(try BaselineTestModels.run(FeatureAblationExplainer(), model, x), target) < 1e-5)
        #expect(maxAbsDifference(try BaselineTestModels.run(ShapleySamplingExplainer(permutations: 3), model, x), target) < 1e-5)
    }

    /// Σ_j R[i, j] = y_i(x) − y_i(x0) per sample and output.
    func completenessError(_ e: any Explainer, _ model: EmbeddingModel, _ x: Tensor, baseline: Float = 0) throws -> Double {
        let c = x.shape[0], d = model.outputDimension, n = model.inputNeurons
        let r = try BaselineTestModels.run(e, model, x)
        let y = BaselineTestModels.outputs(model, x)
        let y0 = BaselineTestModels.outputs(model, Tensor(repeating: baseline, shape: x.shape))
        var worst = 0.0
        for b in 0..<c { for i in 0..<d {
            let s = (0..<n).reduce(0.0) { $0 + r[(b * d + i) * n + $1] }
            worst = Swift.max(worst, Swift.abs(s - (y[b * d + i] - y0[b * d + i])))
        } }
        return worst
    }

    @Test func integratedGradientsCompletenessOnAnMLP() throws {
        let model = try BaselineTestModels.encoder("offset1-model-mse", n: 6, d: 2)
        let x = BaselineTestModels.inputs(model, count: 6)
        let gl = try completenessError(IntegratedGradientsExplainer(), model, x)
        #expect(gl < 2e-5)
        // A coarse left Riemann sum is measurably worse than 50 Gauss–Legendre nodes.
        let left = try completenessError(IntegratedGradientsExplainer(steps: 4, rule: .riemannLeft), model, x)
        #expect(left > 10 * gl)
    }

    @Test func integratedGradientsCompletenessOnAConvolutionalModel() throws {
        let model = try BaselineTestModels.encoder("offset5-model", n: 4, d: 3)
        let x = BaselineTestModels.inputs(model, count: 4)
        #expect(try completenessError(IntegratedGradientsExplainer(), model, x) < 2e-5)
    }

    @Test func deepLIFTSummationToDelta() throws {
        for (name, renorm) in [("offset1-model-mse", false), ("offset1-model-mse-clip-1-1", false), ("offset1-model", false),
                               ("offset5-model", false), ("offset1-model-mse", true)] {
            let model = try BaselineTestModels.encoder(name, n: 5, d: 4, renormalize: renorm)
            let x = BaselineTestModels.inputs(model, count: 5)
            let err = try completenessError(DeepLIFTExplainer(), model, x, baseline: 0)
            #expect(err < 1e-5, "\(name) renormalize \(renorm): \(err)")
            let shifted = try completenessError(DeepLIFTExplainer(baseline: .constant([Float](repeating: 0.3, count: x.count / x.shape[0]))),
                                                model, x, baseline: 0.3)
            #expect(shifted < 1e-5, "\(name) baseline 0.3: \(shifted)")
        }
    }

    @Test func deepLIFTDiffersFromGradientTimesInput() throws {
        // On a nonlinear model the rescale multipliers are not the gradient at x.
        let model = try BaselineTestModels.encoder("offset1-model-mse", n: 5, d: 2)
        let x = BaselineTestModels.inputs(model, count: 3)
        let dl = try BaselineTestModels.run(DeepLIFTExplainer(), model, x)
        let ixg = try BaselineTestModels.run(InputXGradientExplainer(), model, x)
        #expect(maxAbsDifference(dl, ixg) > 1e-4)
    }

    @Test func stochasticMethodsAreSeededAndChunkIndependent() throws {
        let model = try BaselineTestModels.encoder("offset1-model-mse", n: 5, d: 2)
        let x = BaselineTestModels.inputs(model, count: 6)
        let pool = InputBaseline.shuffled(pool: x.scalars)
        let methods: [(any Explainer, any Explainer)] = [
            (GradientSHAPExplainer(draws: 4, noiseStd: 0.1, baseline: pool, seed: 5), GradientSHAPExplainer(draws: 4, noiseStd: 0.1, baseline: pool, seed: 6)),
            (ShapleySamplingExplainer(permutations: 3, seed: 5), ShapleySamplingExplainer(permutations: 3, seed: 6)),
            (LIMEExplainer(draws: 30, seed: 5), LIMEExplainer(draws: 30, seed: 6)),
            (SmoothGradExplainer(seed: 5), SmoothGradExplainer(seed: 6)),
        ]
        for (a, b) in methods {
            let whole = try BaselineTestModels.run(a, model, x)
            let first = try BaselineTestModels.run(a, model, Tensor(shape: [2, 5], scalars: Array(x.scalars[0..<10])))
            let rest = try BaselineTestModels.run(a, model, Tensor(shape: [4, 5], scalars: Array(x.scalars[10...])), firstSample: 2)
            // Only BLAS blocking (float rounding) may differ between batch sizes.
            #expect(maxAbsDifference(whole, first + rest) < 1e-6, "\(a.name) chunking")
            #expect(maxAbsDifference(whole, try BaselineTestModels.run(b, model, x)) > 1e-6, "\(a.name) seed")
        }
    }

    @Test func unsupportedBaselineShapeIsATypedError() throws {
        let model = try BaselineTestModels.encoder("offset1-model-mse", n: 5, d: 2)
        let x = BaselineTestModels.inputs(model, count: 2)
        #expect(throws: AttributionError.self) { try BaselineTestModels.run(IntegratedGradientsExplainer(baseline: .constant([1, 2])), model, x) }
        #expect(throws: AttributionError.self) { try BaselineTestModels.run(IntegratedGradientsExplainer(steps: 0), model, x) }
        // The perturbation methods draw their baseline before deciding which copies to skip.
        #expect(throws: AttributionError.self) { try BaselineTestModels.run(ShapleySamplingExplainer(baseline: .constant([1, 2])), model, x) }
        #expect(throws: AttributionError.self) { try BaselineTestModels.run(FeatureAblationExplainer(baseline: .constant([1, 2])), model, x) }
    }
}
