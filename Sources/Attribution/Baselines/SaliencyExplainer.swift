import Dispatch
import Tensors

/// Saliency (the neuron gradient): R_b[i, j] = ∂y_i/∂x_j at x_b, the signed mean over the W
/// lags for convolutional models — the same map as `jf` (xcebra.md §7), computed by
/// `SampleJacobians`. captum's `Saliency` returns |·| by default; the map reduction
/// mean_b |R_b| applies the absolute value afterwards, so the maps agree.
/// Cost: d reverse passes per chunk (one stacked pass for the offset1 MLP).
public struct SaliencyExplainer: Explainer {
    public init() {}
    public var name: String { "saliency" }

    public func attributions(of model: EmbeddingModel, inputs: Tensor, samples: ArraySlice<Int>) throws -> ChunkAttribution {
        let t0 = DispatchTime.now().uptimeNanoseconds
        let (values, _) = SampleJacobians.compute(model, inputs: inputs, lag: .signedMean)
        if let bad = values.firstIndex(where: { !$0.isFinite }) {
            let b = bad / (model.outputDimension * model.inputNeurons)
            throw AttributionError.nonFiniteJacobian(sample: samples[samples.startIndex + b])
        }
        return ChunkAttribution(values: values, phaseSeconds: ["gradient": Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9])
    }
}
