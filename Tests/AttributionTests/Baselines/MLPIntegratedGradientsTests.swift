@testable import Attribution
import Tensors
import Testing

/// The integrated-gradients route with the first layer outside the sum over steps, against the
/// per-point route (full Jacobian at every path point, then Σ_k ω_k J(z_k) ⊙ Δ).
@Suite struct MLPIntegratedGradientsTests {
    func perPoint(_ model: EmbeddingModel, _ x: Tensor, baseline x0: [Float], steps: Int) throws -> [Double] {
        let (alphas, weights) = try IntegrationRule.gaussLegendre.nodes(steps)
        let n = model.inputNeurons
        return try x.scalars.withUnsafeBufferPointer { xs in
            try GradientAccumulation.run(model, inputs: x, pointsPerSample: steps, multiplyByDelta: true, lags: .sum) { b, k, z, delta in
                for q in 0..<n {
                    delta[q] = xs[b * n + q] - x0[q]
                    z[q] = x0[q] + Float(alphas[k]) * delta[q]
                }
                return weights[k]
            }
        }
    }

    @Test(arguments: ["offset1-model-mse-clip-5-5", "offset1-model-mse-tanh", "offset1-model-mse"])
    func matchesThePerPointRoute(_ name: String) throws {
        let n = 7, d = 3, c = 90, steps = 25  // 90 × 25 points span more than one 2,048-point block
        let model = try BaselineTestModels.encoder(name, n: n, d: d, units: 16)
        #expect(StackedMLPJacobian.plan(model) != nil, "the test must exercise the fast route")
        let x = BaselineTestModels.inputs(model, count: c)
        let r = try BaselineTestModels.run(IntegratedGradientsExplainer(steps: steps), model, x)
        let truth = try perPoint(model, x, baseline: [Float](repeating: 0, count: n), steps: steps)
        let scale = truth.reduce(0) { Swift.max($0, Swift.abs($1)) }
        #expect(scale > 0.01)
        #expect(maxAbsDifference(r, truth) < 2e-6 * Swift.max(1, scale))
    }

    @Test func constantBaseline() throws {
        let n = 5, d = 2, c = 12
        let model = try BaselineTestModels.encoder("offset1-model-mse-clip-5-5", n: n, d: d, units: 10, seed: 6)
        let x = BaselineTestModels.inputs(model, count: c, seed: 8)
        let mean: [Float] = [0.2, -0.5, 0.1, 0.4, -0.3]
        let r = try BaselineTestModels.run(IntegratedGradientsExplainer(steps: 50, baseline: .constant(mean)), model, x)
        let truth = try perPoint(model, x, baseline: mean, steps: 50)
        #expect(maxAbsDifference(r, truth) < 2e-6)
        // Completeness: Σ_j R[i, j] = y_i(x) − y_i(x0) up to the 50-point quadrature error.
        let y = BaselineTestModels.outputs(model, x)
        let y0 = BaselineTestModels.outputs(model, Tensor(shape: [1, n], scalars: mean))
        for b in 0..<c { for i in 0..<d {
            let total = (0..<n).reduce(0.0) { $0 + r[(b * d + i) * n + $1] }
            #expect(Swift.abs(total - (y[b * d + i] - y0[i])) < 1e-4)
        } }
    }
}
