import Dispatch
import Tensors

/// Shapley value sampling (Castro et al. 2009; captum `ShapleyValueSampling`):
///
///   R_b[i, j] = (1/P) Σ_p [ y_i(x^{(p)}_{≤ t_p(g)}) − y_i(x^{(p)}_{< t_p(g)}) ],  j ∈ group g,
///
/// where each of P random permutations of the G neuron groups switches the groups from the
/// baseline to their input values one at a time (x^{(p)}_{≤t}: the first t groups of
/// permutation p at their input values, the rest at the baseline) and t_p(g) is g's position.
/// The estimate is unbiased; efficiency Σ_g φ_g = y(x) − y(x0) holds exactly for every
/// permutation. P defaults to 25, captum's n_samples. With `antithetic`, permutation 2k + 1 is
/// the reverse of permutation 2k (negatively correlated marginals, lower variance for the same
/// cost). Permutations come from the per-sample generator (`SampleRandomness` stream 6); a
/// shuffled baseline is drawn once per sample.
/// Cost: 2 + P·(G − 1) forward passes per sample (y(x0) and y(x) are shared by all
/// permutations), all batched; a step that switches on a group already at its baseline value
/// (silent spike bins, baseline 0) repeats the previous copy and is not run (its marginal is
/// exactly 0).
public struct ShapleySamplingExplainer: Explainer {
    public var permutations: Int
    public var antithetic: Bool
    public var groups: [[Int]]?
    public var baseline: InputBaseline
    public var seed: UInt64

    public static let defaultPermutations = 25

    public init(permutations: Int = ShapleySamplingExplainer.defaultPermutations, antithetic: Bool = false,
                groups: [[Int]]? = nil, baseline: InputBaseline = .zero, seed: UInt64 = 0) {
        self.permutations = permutations
        self.antithetic = antithetic
        self.groups = groups
        self.baseline = baseline
        self.seed = seed
    }

    public var name: String { "shapley-sampling" }

    public func attributions(of model: EmbeddingModel, inputs: Tensor, samples: ArraySlice<Int>) throws -> ChunkAttribution {
        guard permutations >= 1 else { throw AttributionError.invalidOption("Shapley value sampling needs ≥ 1 permutation") }
        let t0 = DispatchTime.now().uptimeNanoseconds
        let c = inputs.shape[0], d = model.outputDimension, n = model.inputNeurons
        let e = inputs.count / Swift.max(c, 1)
        let groups = self.groups ?? NeuronGroups.singletons(n)
        try NeuronGroups.validate(groups, neurons: n)
        let g = groups.count, p = permutations
        let copies = 2 + p * Swift.max(g - 1, 0)
        var out = [Double](repeating: 0, count: c * d * n)
        var x0 = [Float](repeating: 0, count: e)
        var orders: [[Int]] = []
        var current = -1
        func prepare(_ b: Int) throws {
            guard b != current else { return }
            var rng = SampleRandomness.generator(seed: seed, sample: samples[samples.startIndex + b], stream: 6)
            try x0.withUnsafeMutableBufferPointer { try baseline.fill($0, using: &rng) }
            orders = (0..<p).map { _ in [] }
            for q in 0..<p { orders[q] = antithetic && q % 2 == 1 ? orders[q - 1].reversed() : rng.permutation(g) }
            current = b
        }
        try inputs.scalars.withUnsafeBufferPointer { xs in
            try PerturbationForward.run(model, inputs: inputs, copies: copies, sameAs: { b, q in
                // Switching on a group whose input equals its baseline leaves the previous copy unchanged.
                guard q >= 2, g > 1 else { return nil }
                try prepare(b)
                let perm = (q - 2) / (g - 1), steps = (q - 2) % (g - 1) + 1
                let switched = groups[orders[perm][steps - 1]]
                let at = x0.withUnsafeBufferPointer { NeuronGroups.isAtBaseline(switched, UnsafeBufferPointer(rebasing: xs[(b * e)..<((b + 1) * e)]), $0, neurons: n) }
                return at ? (steps == 1 ? 0 : q - 1) : nil
            }, fill: { b, q, x in
                try prepare(b)
                let row = UnsafeBufferPointer(rebasing: xs[(b * e)..<((b + 1) * e)])
                if q == 1 { for k in 0..<e { x[k] = row[k] }; return }
                for k in 0..<e { x[k] = x0[k] }
                guard q >= 2 else { return }
                let perm = (q - 2) / (g - 1), steps = (q - 2) % (g - 1) + 1
                for t in 0..<steps { NeuronGroups.assign(groups[orders[perm][t]], in: x, from: row, neurons: n) }
            }, consume: { b, y in
                try prepare(b)
                var phi = [Double](repeating: 0, count: g * d)
                for perm in 0..<p {
                    // Copy index of "first t groups switched on": t = 0 → 0, t = g → 1, else 2 + perm(g−1) + t − 1.
                    func copy(_ t: Int) -> Int { t == 0 ? 0 : t == g ? 1 : 2 + perm * (g - 1) + t - 1 }
                    for t in 1...g {
                        let grp = orders[perm][t - 1], hi = copy(t), lo = copy(t - 1)
                        for i in 0..<d { phi[grp * d + i] += Double(y[hi * d + i]) - Double(y[lo * d + i]) }
                    }
                }
                for (k, group) in groups.enumerated() {
                    for i in 0..<d { for j in group { out[(b * d + i) * n + j] = phi[k * d + i] / Double(p) } }
                }
            })
        }
        try checkFinite(out, model: model, samples: samples)
        return ChunkAttribution(values: out, phaseSeconds: ["forward": Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9])
    }
}
