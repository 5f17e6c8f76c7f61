import Dispatch
import Tensors

/// Integrated gradients (Sundararajan et al. 2017), per output dimension as captum's
/// `NeuronIntegratedGradients`:
///
///   R_b[i, j] = Σ_w (x_b − x0)[w, j] · Σ_k ω_k ∂y_i/∂x[w, j] (x0 + α_k (x_b − x0)),
///
/// with (α_k, ω_k) from `rule` (default Gauss–Legendre, `steps` = 50 as captum and CEBRA) and
/// the lags w summed, so that completeness holds up to the quadrature error:
/// Σ_j R_b[i, j] ≈ y_i(x_b) − y_i(x0). Baselines: zero (default), the mean input, or a
/// shuffled input (one draw per sample, from `SampleRandomness` with `seed`).
/// Cost: steps·d reverse passes per sample, batched. Plain offset1 MLPs take
/// `MLPIntegratedGradients` (the first layer taken out of the sum over steps); other encoders
/// `GradientAccumulation`.
public struct IntegratedGradientsExplainer: Explainer {
    public var steps: Int
    public var rule: IntegrationRule
    public var baseline: InputBaseline
    public var seed: UInt64

    public init(steps: Int = 50, rule: IntegrationRule = .gaussLegendre, baseline: InputBaseline = .zero, seed: UInt64 = 0) {
        self.steps = steps
        self.rule = rule
        self.baseline = baseline
        self.seed = seed
    }

    public var name: String { "integrated-gradients" }

    public func attributions(of model: EmbeddingModel, inputs: Tensor, samples: ArraySlice<Int>) throws -> ChunkAttribution {
        let t0 = DispatchTime.now().uptimeNanoseconds
        let (alphas, weights) = try rule.nodes(steps)
        let c = inputs.shape[0], e = inputs.count / Swift.max(c, 1)
        // One baseline row per sample (drawn before any gradient, so both routes see the same x0).
        let x0 = try baseline.rows(samples: samples.prefix(c), elements: e, seed: seed, stream: 1)
        let values: [Double]
        if inputs.rank == 2, let plan = StackedMLPJacobian.plan(model), case .linear = plan.first {
            values = try inputs.scalars.withUnsafeBufferPointer { xs in
                try x0.withUnsafeBufferPointer {
                    try MLPIntegratedGradients.attributions(plan: plan, inputs: xs, baselines: $0, samples: c, neurons: model.inputNeurons,
                                                            alphas: alphas, weights: weights, outputs: model.outputDimension)
                }
            }
        } else {
            values = try inputs.scalars.withUnsafeBufferPointer { x in
                try GradientAccumulation.run(model, inputs: inputs, pointsPerSample: steps, multiplyByDelta: true, lags: .sum) { b, k, z, delta in
                    let a = Float(alphas[k])
                    for q in 0..<e {
                        let dx = x[b * e + q] - x0[b * e + q]
                        delta[q] = dx
                        z[q] = x0[b * e + q] + a * dx
                    }
                    return weights[k]
                }
            }
        }
        try checkFinite(values, model: model, samples: samples)
        return ChunkAttribution(values: values, phaseSeconds: ["gradient": Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9])
    }
}
