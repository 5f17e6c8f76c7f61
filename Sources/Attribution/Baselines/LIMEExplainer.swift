import Dispatch
import Foundation
import Tensors

/// LIME (Ribeiro et al. 2016) with captum's default sampling and kernel, per output dimension:
///
/// 1. Draw S binary masks z_s ∈ {0,1}^G over the G neuron groups, entries Bernoulli(½).
/// 2. x(z) keeps group g of x_b where z_g = 1 and puts the baseline there where z_g = 0.
/// 3. Weight π_s = exp(−D_s²/(2κ²)) with D_s = 1 − cos(x_b, x(z_s)) over all E input elements
///    (cos = 0 when either vector is 0) and κ = `kernelWidth` (captum: cosine distance, κ = 1).
/// 4. Fit y_i(x(z)) ≈ β_{i,0} + Σ_g β_{i,g} z_g by weighted ridge regression,
///      minimise (1/Σπ) Σ_s π_s (y_{s,i} − β_{i,0} − z_sᵀβ_i)² + λ‖β_i‖² (intercept unpenalised),
///    solved in Float64 from the normal equations by Cholesky (all d outputs share the Gram
///    matrix). R_b[i, j] = β_{i,g(j)}.
///
/// captum fits a Lasso (α = 0.01) on 25 draws; we use ridge (closed form, no iteration) and
/// S = 100 by default, since 25 draws under-determine 50 neurons. For a linear model
/// y = w·x + c and baseline x0, y(x(z)) is exactly linear in z with slopes w_g·(x_b − x0)_g,
/// which the fit recovers as λ → 0. Masks from `SampleRandomness` stream 7.
/// Cost: S forward passes per sample (batched) and one (G+1)² Cholesky solve.
public struct LIMEExplainer: Explainer {
    public var draws: Int
    public var kernelWidth: Double
    public var ridge: Double
    public var groups: [[Int]]?
    public var baseline: InputBaseline
    public var seed: UInt64

    public init(draws: Int = 100, kernelWidth: Double = 1, ridge: Double = 0.01, groups: [[Int]]? = nil,
                baseline: InputBaseline = .zero, seed: UInt64 = 0) {
        self.draws = draws
        self.kernelWidth = kernelWidth
        self.ridge = ridge
        self.groups = groups
        self.baseline = baseline
        self.seed = seed
    }

    public var name: String { "lime" }

    public func attributions(of model: EmbeddingModel, inputs: Tensor, samples: ArraySlice<Int>) throws -> ChunkAttribution {
        guard draws >= 1, kernelWidth > 0, ridge >= 0 else {
            throw AttributionError.invalidOption("LIME needs ≥ 1 draw, a kernel width > 0 and a ridge penalty ≥ 0")
        }
        let t0 = DispatchTime.now().uptimeNanoseconds
        let c = inputs.shape[0], d = model.outputDimension, n = model.inputNeurons
        let e = inputs.count / Swift.max(c, 1)
        let groups = self.groups ?? NeuronGroups.singletons(n)
        try NeuronGroups.validate(groups, neurons: n)
        let g = groups.count, s = draws
        var out = [Double](repeating: 0, count: c * d * n)
        var x0 = [Float](repeating: 0, count: e)
        var masks = [Bool](repeating: false, count: s * g)
        var weights = [Double](repeating: 0, count: c * s)  // per sample: fill runs for a whole group before consume
        var current = -1
        func prepare(_ b: Int) throws {
            guard b != current else { return }
            var rng = SampleRandomness.generator(seed: seed, sample: samples[samples.startIndex + b], stream: 7)
            try x0.withUnsafeMutableBufferPointer { try baseline.fill($0, using: &rng) }
            for k in 0..<(s * g) { masks[k] = rng.next() & 1 == 1 }
            current = b
        }
        try inputs.scalars.withUnsafeBufferPointer { xs in
            try PerturbationForward.run(model, inputs: inputs, copies: s, fill: { b, q, x in
                try prepare(b)
                let row = UnsafeBufferPointer(rebasing: xs[(b * e)..<((b + 1) * e)])
                for k in 0..<e { x[k] = x0[k] }
                for (k, group) in groups.enumerated() where masks[q * g + k] { NeuronGroups.assign(group, in: x, from: row, neurons: n) }
                var dot = 0.0, nx = 0.0, nz = 0.0
                for k in 0..<e {
                    dot += Double(row[k]) * Double(x[k])
                    nx += Double(row[k]) * Double(row[k])
                    nz += Double(x[k]) * Double(x[k])
                }
                let cosine = nx > 0 && nz > 0 ? dot / (nx * nz).squareRoot() : 0
                let dist = 1 - cosine
                weights[b * s + q] = Foundation.exp(-dist * dist / (2 * kernelWidth * kernelWidth))
            }, consume: { b, y in
                try prepare(b)
                let beta = try LIMEExplainer.fit(masks: masks, weights: Array(weights[(b * s)..<((b + 1) * s)]), outputs: y, draws: s, groups: g, outputsPerDraw: d, ridge: ridge)
                for (k, group) in groups.enumerated() {
                    for i in 0..<d { for j in group { out[(b * d + i) * n + j] = beta[(k + 1) * d + i] } }
                }
            })
        }
        try checkFinite(out, model: model, samples: samples)
        return ChunkAttribution(values: out, phaseSeconds: ["forward+fit": Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9])
    }

    /// Weighted ridge fit; returns β `[(G+1), d]` (row 0 the intercepts).
    static func fit(masks: [Bool], weights: [Double], outputs y: UnsafeBufferPointer<Float>, draws s: Int, groups g: Int,
                    outputsPerDraw d: Int, ridge: Double) throws -> [Double] {
        let p = g + 1
        let total = weights.reduce(0, +)
        guard total > 0 else { throw AttributionError.incompatible("LIME: every perturbed sample has kernel weight 0") }
        var gram = [Double](repeating: 0, count: p * p), rhs = [Double](repeating: 0, count: p * d)
        var z = [Double](repeating: 0, count: p)
        for q in 0..<s {
            let w = weights[q] / total
            z[0] = 1
            for k in 0..<g { z[k + 1] = masks[q * g + k] ? 1 : 0 }
            for a in 0..<p where z[a] != 0 {
                for b2 in 0..<p where z[b2] != 0 { gram[a * p + b2] += w }
                for i in 0..<d { rhs[a * d + i] += w * Double(y[q * d + i]) }
            }
        }
        // A tiny jitter keeps the unpenalised intercept's system positive definite when λ = 0.
        for a in 1..<p { gram[a * p + a] += ridge }
        for a in 0..<p { gram[a * p + a] += 1e-12 }
        do {
            let solution = try choleskySolve(try Matrix64(rows: p, cols: p, scalars: gram), try Matrix64(rows: p, cols: d, scalars: rhs))
            return solution.scalars
        } catch {
            throw AttributionError.incompatible("LIME: the weighted least-squares system is singular (\(error)); increase the number of draws or the ridge penalty")
        }
    }
}
