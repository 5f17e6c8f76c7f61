import Dispatch
import Tensors

/// Feature ablation / occlusion (captum `NeuronFeatureAblation`; CEBRA's "feature-ablation"):
///
///   R_b[i, j] = y_i(x_b) − y_i(x_b with group g(j) set to the baseline),
///
/// where g(j) is the neuron group containing j (default: each neuron alone; a neuron of a
/// convolutional model is replaced at all its lags) and every member of a group gets the
/// group's value, as captum does. Baseline 0 by default (CEBRA), or mean/shuffled (one draw per
/// sample, `SampleRandomness` stream 5). Neurons in no group get 0.
/// Cost: G + 1 forward passes per sample (G groups), all copies batched; one forward pass
/// serves all d output dimensions (captum's Neuron* API repeats it per dimension). A group
/// already at the baseline in a sample (silent spike bins, baseline 0) costs nothing: its copy
/// would equal the input, so its attribution is exactly 0 without a forward pass. Plain offset1
/// MLPs take `MLPAblation` (the first layer as a rank-|g| update per copy, forward-only GEMMs
/// into reused buffers); other encoders the generic `PerturbationForward`.
public struct FeatureAblationExplainer: Explainer {
    public var groups: [[Int]]?
    public var baseline: InputBaseline
    public var seed: UInt64

    public init(groups: [[Int]]? = nil, baseline: InputBaseline = .zero, seed: UInt64 = 0) {
        self.groups = groups
        self.baseline = baseline
        self.seed = seed
    }

    public var name: String { "feature-ablation" }

    public func attributions(of model: EmbeddingModel, inputs: Tensor, samples: ArraySlice<Int>) throws -> ChunkAttribution {
        let t0 = DispatchTime.now().uptimeNanoseconds
        let c = inputs.shape[0], d = model.outputDimension, n = model.inputNeurons
        let e = inputs.count / Swift.max(c, 1)
        let groups = self.groups ?? NeuronGroups.singletons(n)
        try NeuronGroups.validate(groups, neurons: n)
        // One baseline row per sample (drawn before any forward pass, so both routes see the same x0).
        let x0 = try baseline.rows(samples: samples.prefix(c), elements: e, seed: seed, stream: 5)
        var out: [Double]
        if inputs.rank == 2, let plan = StackedMLPJacobian.plan(model), case .linear = plan.first {
            out = inputs.scalars.withUnsafeBufferPointer { xs in
                x0.withUnsafeBufferPointer { MLPAblation.attributions(plan: plan, inputs: xs, baselines: $0, samples: c, neurons: n,
                                                                      groups: groups, outputs: d) }
            }
        } else {
            out = [Double](repeating: 0, count: c * d * n)
            try inputs.scalars.withUnsafeBufferPointer { xs in
                try x0.withUnsafeBufferPointer { x0s in
                    try PerturbationForward.run(model, inputs: inputs, copies: groups.count + 1, sameAs: { b, q in
                        guard q > 0 else { return nil }
                        let range = (b * e)..<((b + 1) * e)
                        return NeuronGroups.isAtBaseline(groups[q - 1], UnsafeBufferPointer(rebasing: xs[range]),
                                                         UnsafeBufferPointer(rebasing: x0s[range]), neurons: n) ? 0 : nil
                    }, fill: { b, q, x in
                        for k in 0..<e { x[k] = xs[b * e + k] }
                        if q > 0 { NeuronGroups.assign(groups[q - 1], in: x, from: UnsafeBufferPointer(rebasing: x0s[(b * e)..<((b + 1) * e)]), neurons: n) }
                    }, consume: { b, y in
                        for (g, group) in groups.enumerated() {
                            for i in 0..<d {
                                let delta = Double(y[i]) - Double(y[(g + 1) * d + i])
                                for j in group { out[(b * d + i) * n + j] = delta }
                            }
                        }
                    })
                }
            }
        }
        try checkFinite(out, model: model, samples: samples)
        return ChunkAttribution(values: out, phaseSeconds: ["forward": Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9])
    }
}
