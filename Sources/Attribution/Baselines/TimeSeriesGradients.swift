import Tensors

/// Gradient attributions of a `TimeSeriesModel`, the base methods for Temporal Saliency
/// Rescaling (the encoder-level gradient family lives with the other baselines; these work on any
/// window model). The target is Σ_k f_k, so use `TimeSeriesModel.selecting(output:)` for one
/// output; samples are independent, so one reverse pass gives every sample's gradient.
///
/// - `.saliency`: |∂f/∂x| (captum's default `abs=True`);
/// - `.integratedGradients(steps)`: (x − x₀) ⊙ (1/S)Σ_{s} ∇f(x₀ + α_s(x − x₀)), x₀ = 0, with
///   the midpoint Riemann nodes α_s = (s + ½)/S;
/// - `.inputTimesGradient`: x ⊙ ∇f.
public struct TimeSeriesGradient: TimeSeriesAttribution {
    public enum Method: Sendable, Equatable {
        case saliency
        case integratedGradients(steps: Int)
        case inputTimesGradient
    }

    public var method: Method

    public init(_ method: Method) { self.method = method }

    public var name: String {
        switch method {
        case .saliency: return "saliency"
        case .integratedGradients: return "integrated-gradients"
        case .inputTimesGradient: return "input-x-gradient"
        }
    }

    public func attribute(_ x: Tensor, model: TimeSeriesModel, using rng: inout Xoshiro256) throws -> Tensor {
        try model.validate(x, method: name)
        func grad(_ at: Tensor) -> Tensor {
            let v = Variable(at, requiresGradient: true)
            return gradients(of: model(v).sum(), withRespectTo: [v])[0].value
        }
        switch method {
        case .saliency: return grad(x).abs()
        case .inputTimesGradient: return grad(x) * x
        case .integratedGradients(let steps):
            guard steps >= 1 else { throw AttributionError.invalidOption("integrated gradients: steps must be ≥ 1") }
            var acc = Tensor(zeros: x.shape)
            for s in 0..<steps { acc.addScaled(grad(x * ((Float(s) + 0.5) / Float(steps))), 1 / Float(steps)) }
            return acc * x
        }
    }
}
