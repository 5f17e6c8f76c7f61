import Dispatch
import Tensors

/// SmoothGrad (Smilkov et al. 2017; captum `NoiseTunnel(Saliency)` with `smoothgrad`):
///
///   R_b[i, j] = (1/S) Σ_s (1/W) Σ_w ∂y_i/∂x[w, j] (x_b + ε_s),   ε_s ~ N(0, σ_b²) per element,
///
/// a noise-averaged neuron gradient (signed lag mean, as `jf`). σ_b = `noise.level` ·
/// (max x_b − min x_b) for `.relative` (Smilkov et al. recommend 10–20 %; default 0.15) or a
/// fixed σ for `.absolute` (captum's default stdev 1.0). S = `draws`, default 5 (captum's
/// nt_samples). Noise from the per-sample generator of `SampleRandomness` (stream 3).
/// Cost: S·d reverse passes per sample, batched.
public struct SmoothGradExplainer: Explainer {
    public enum Noise: Sendable, Equatable {
        case relative(Double)
        case absolute(Double)
    }

    public var draws: Int
    public var noise: Noise
    public var seed: UInt64

    public init(draws: Int = 5, noise: Noise = .relative(0.15), seed: UInt64 = 0) {
        self.draws = draws
        self.noise = noise
        self.seed = seed
    }

    public var name: String { "smoothgrad" }

    public func attributions(of model: EmbeddingModel, inputs: Tensor, samples: ArraySlice<Int>) throws -> ChunkAttribution {
        guard draws >= 1 else { throw AttributionError.invalidOption("SmoothGrad needs ≥ 1 draw") }
        let t0 = DispatchTime.now().uptimeNanoseconds
        let c = inputs.shape[0], e = inputs.count / Swift.max(c, 1)
        var rng = Xoshiro256(seed: seed)
        var sigma = 0.0
        var current = -1
        let inv = 1 / Double(draws)
        let values = try inputs.scalars.withUnsafeBufferPointer { x in
            try GradientAccumulation.run(model, inputs: inputs, pointsPerSample: draws, multiplyByDelta: false, lags: .mean) { b, _, z, _ in
                if b != current {
                    rng = SampleRandomness.generator(seed: seed, sample: samples[samples.startIndex + b], stream: 3)
                    switch noise {
                    case .absolute(let s): sigma = s
                    case .relative(let level):
                        let row = x[(b * e)..<((b + 1) * e)]
                        sigma = level * Double((row.max() ?? 0) - (row.min() ?? 0))
                    }
                    current = b
                }
                for q in 0..<e { z[q] = x[b * e + q] + Float(rng.normal() * sigma) }
                return inv
            }
        }
        try checkFinite(values, model: model, samples: samples)
        return ChunkAttribution(values: values, phaseSeconds: ["gradient": Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9])
    }
}
