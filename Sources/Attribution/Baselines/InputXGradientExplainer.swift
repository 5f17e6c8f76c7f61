import Dispatch
import Tensors

/// Input × gradient: R_b[i, j] = Σ_w x_b[w, j] · ∂y_i/∂x[w, j] (sum over the W lags; W = 1
/// for offset1 models). Equals integrated gradients with baseline 0 for a model that is
/// linear and bias-free. Cost: d reverse passes per chunk.
public struct InputXGradientExplainer: Explainer {
    public init() {}
    public var name: String { "input-x-gradient" }

    public func attributions(of model: EmbeddingModel, inputs: Tensor, samples: ArraySlice<Int>) throws -> ChunkAttribution {
        let t0 = DispatchTime.now().uptimeNanoseconds
        let c = inputs.shape[0], e = inputs.count / Swift.max(c, 1)
        let values = try inputs.scalars.withUnsafeBufferPointer { x in
            try GradientAccumulation.run(model, inputs: inputs, pointsPerSample: 1, multiplyByDelta: true, lags: .sum) { b, _, z, delta in
                for k in 0..<e { z[k] = x[b * e + k]; delta[k] = x[b * e + k] }
                return 1
            }
        }
        try checkFinite(values, model: model, samples: samples)
        return ChunkAttribution(values: values, phaseSeconds: ["gradient": Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9])
    }
}

/// Throws `nonFiniteJacobian` naming the first sample whose attributions are NaN or ±∞.
func checkFinite(_ values: [Double], model: EmbeddingModel, samples: ArraySlice<Int>) throws {
    if let bad = values.firstIndex(where: { !$0.isFinite }) {
        let b = bad / (model.outputDimension * model.inputNeurons)
        throw AttributionError.nonFiniteJacobian(sample: samples[samples.startIndex + b])
    }
}
