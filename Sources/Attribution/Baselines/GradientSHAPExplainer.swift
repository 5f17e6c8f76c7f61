import Dispatch
import Tensors

/// GradientSHAP (Lundberg & Lee 2017; captum `GradientShap`), per output dimension:
///
///   R_b[i, j] = (1/S) Σ_s Σ_w (x̃_s − x0_s)[w, j] · ∂y_i/∂x[w, j] (x0_s + α_s (x̃_s − x0_s)),
///
/// with, for each of the S draws (default 5, as captum and CEBRA): a baseline x0_s
/// (`zero`, or CEBRA's `shuffle`: a fresh shuffled input per draw), the noisy input
/// x̃_s = x_b + ε, ε ~ N(0, σ²) per element (σ = `noiseStd`, default 0 as in CEBRA), and
/// α_s ~ U(0, 1). In expectation over α this is integrated gradients along the line to x0_s.
/// All draws come from the per-sample generator of `SampleRandomness` (stream 2).
/// Cost: S·d reverse passes per sample, batched.
public struct GradientSHAPExplainer: Explainer {
    public var draws: Int
    public var noiseStd: Double
    public var baseline: InputBaseline
    public var seed: UInt64

    public init(draws: Int = 5, noiseStd: Double = 0, baseline: InputBaseline = .zero, seed: UInt64 = 0) {
        self.draws = draws
        self.noiseStd = noiseStd
        self.baseline = baseline
        self.seed = seed
    }

    public var name: String { "gradient-shap" }

    public func attributions(of model: EmbeddingModel, inputs: Tensor, samples: ArraySlice<Int>) throws -> ChunkAttribution {
        guard draws >= 1, noiseStd >= 0 else { throw AttributionError.invalidOption("GradientSHAP needs ≥ 1 draw and a noise std ≥ 0") }
        let t0 = DispatchTime.now().uptimeNanoseconds
        let c = inputs.shape[0], e = inputs.count / Swift.max(c, 1)
        var x0 = [Float](repeating: 0, count: e)
        var rng = Xoshiro256(seed: seed)
        var current = -1
        let inv = 1 / Double(draws)
        let values = try inputs.scalars.withUnsafeBufferPointer { x in
            try GradientAccumulation.run(model, inputs: inputs, pointsPerSample: draws, multiplyByDelta: true, lags: .sum) { b, _, z, delta in
                if b != current {
                    rng = SampleRandomness.generator(seed: seed, sample: samples[samples.startIndex + b], stream: 2)
                    current = b
                }
                try x0.withUnsafeMutableBufferPointer { try baseline.fill($0, using: &rng) }
                let a = Float(rng.uniform())
                for q in 0..<e {
                    let noisy = noiseStd > 0 ? x[b * e + q] + Float(rng.normal() * noiseStd) : x[b * e + q]
                    let dx = noisy - x0[q]
                    delta[q] = dx
                    z[q] = x0[q] + a * dx
                }
                return inv
            }
        }
        try checkFinite(values, model: model, samples: samples)
        return ChunkAttribution(values: values, phaseSeconds: ["gradient": Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9])
    }
}
