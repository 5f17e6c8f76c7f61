import Dispatch
import Tensors

/// Augmented feature occlusion (Tonekaboni et al. 2020; tint `AugmentedOcclusion`):
///
///   R_b[i, j] = y_i(x_b) − (1/K) Σ_k y_i(x_b with group g(j) replaced by reference row r_k),
///
/// where r_k is drawn uniformly from `reference` (rows of real inputs, e.g. the attributed
/// samples: `AugmentedOcclusionExplainer.reference(from:)`) and only the group's neurons (at
/// every lag) take the drawn row's values — draws from the data's marginal distribution of
/// those neurons, not an out-of-distribution constant. K = `draws`, default 10 (tint's
/// n_sampling). Draws from `SampleRandomness` stream 8.
/// Cost: 1 + G·K forward passes per sample, batched.
public struct AugmentedOcclusionExplainer: Explainer {
    public var draws: Int
    public var groups: [[Int]]?
    /// Reference inputs, `[M, n]` or `[M, W, n]` (the model's input layout).
    public var reference: Tensor
    public var seed: UInt64

    public init(reference: Tensor, draws: Int = 10, groups: [[Int]]? = nil, seed: UInt64 = 0) {
        self.reference = reference
        self.draws = draws
        self.groups = groups
        self.seed = seed
    }

    public var name: String { "augmented-occlusion" }

    /// Up to `limit` inputs of `samples`, a seeded uniform subset when there are more.
    public static func reference(from samples: AttributionSamples, limit: Int = 10_000, seed: UInt64 = 0) -> Tensor {
        var positions = Array(0..<samples.count)
        if limit < samples.count {
            var rng = Xoshiro256(seed: seed)
            for i in 0..<limit { positions.swapAt(i, i + rng.uniformInt(below: samples.count - i)) }
            positions = Array(positions[0..<limit]).sorted()
        }
        let parts = positions.map { samples.inputs($0..<($0 + 1)) }
        return Tensor(shape: [parts.count] + parts[0].shape.dropFirst(), scalars: parts.flatMap(\.scalars))
    }

    public func attributions(of model: EmbeddingModel, inputs: Tensor, samples: ArraySlice<Int>) throws -> ChunkAttribution {
        guard draws >= 1 else { throw AttributionError.invalidOption("augmented occlusion needs ≥ 1 draw") }
        guard reference.rank == inputs.rank, Array(reference.shape.dropFirst()) == Array(inputs.shape.dropFirst()), reference.shape[0] >= 1 else {
            throw AttributionError.incompatible("augmented occlusion: reference inputs \(reference.shape) do not match model inputs \(inputs.shape)")
        }
        let t0 = DispatchTime.now().uptimeNanoseconds
        let c = inputs.shape[0], d = model.outputDimension, n = model.inputNeurons
        let e = inputs.count / Swift.max(c, 1), m = reference.shape[0]
        let groups = self.groups ?? NeuronGroups.singletons(n)
        try NeuronGroups.validate(groups, neurons: n)
        let k = draws
        var picks = [Int](repeating: 0, count: groups.count * k)
        var current = -1
        func prepare(_ b: Int) {
            guard b != current else { return }
            var rng = SampleRandomness.generator(seed: seed, sample: samples[samples.startIndex + b], stream: 8)
            for q in picks.indices { picks[q] = rng.uniformInt(below: m) }
            current = b
        }
        var out = [Double](repeating: 0, count: c * d * n)
        try inputs.scalars.withUnsafeBufferPointer { xs in
            try reference.scalars.withUnsafeBufferPointer { rs in
                try PerturbationForward.run(model, inputs: inputs, copies: 1 + groups.count * k, fill: { b, q, x in
                    prepare(b)
                    for t in 0..<e { x[t] = xs[b * e + t] }
                    guard q > 0 else { return }
                    let r = picks[q - 1]
                    NeuronGroups.assign(groups[(q - 1) / k], in: x, from: UnsafeBufferPointer(rebasing: rs[(r * e)..<((r + 1) * e)]), neurons: n)
                }, consume: { b, y in
                    for (gi, group) in groups.enumerated() {
                        for i in 0..<d {
                            var mean = 0.0
                            for t in 0..<k { mean += Double(y[(1 + gi * k + t) * d + i]) }
                            let delta = Double(y[i]) - mean / Double(k)
                            for j in group { out[(b * d + i) * n + j] = delta }
                        }
                    }
                })
            }
        }
        try checkFinite(out, model: model, samples: samples)
        return ChunkAttribution(values: out, phaseSeconds: ["forward": Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9])
    }
}
