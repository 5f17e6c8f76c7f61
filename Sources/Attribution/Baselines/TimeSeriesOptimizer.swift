import NeuralNetworks
import Tensors

/// The optimiser of a learned explanation (mask, perturbation network, trend network).
///
/// - `adam(lr)`: `NeuralNetworks.Adam` (PyTorch semantics, β = (0.9, 0.999), ε = 1e-8).
/// - `sgd(lr, momentum)`: PyTorch's SGD with momentum μ (no dampening, no Nesterov):
///   v ← μ·v + g, θ ← θ − lr·v. Dynamask's original code uses SGD(0.1, 0.9).
public enum TimeSeriesOptimizerKind: Sendable, Equatable {
    case adam(learningRate: Float)
    case sgd(learningRate: Float, momentum: Float)
}

/// Applies `TimeSeriesOptimizerKind` to a fixed parameter list.
final class TimeSeriesOptimizer {
    let parameters: [Variable]
    private let adam: Adam?
    private let learningRate: Float, momentum: Float
    private var velocity: [Tensor]

    init(_ kind: TimeSeriesOptimizerKind, parameters: [Variable]) {
        self.parameters = parameters
        switch kind {
        case .adam(let lr):
            adam = Adam(parameters: parameters, learningRate: lr)
            learningRate = lr
            momentum = 0
        case .sgd(let lr, let mu):
            adam = nil
            learningRate = lr
            momentum = mu
        }
        velocity = parameters.map { Tensor(zeros: $0.shape) }
    }

    /// One step on ∂loss/∂parameters; throws when the loss or a gradient is not finite.
    func step(loss: Variable, method: String, epoch: Int) throws {
        guard loss.value.scalars.allSatisfy(\.isFinite) else {
            throw AttributionError.incompatible("\(method): the loss became non-finite at epoch \(epoch); lower the learning rate")
        }
        let grads = gradients(of: loss, withRespectTo: parameters).map(\.value)
        guard grads.allSatisfy(\.isFinite) else {
            throw AttributionError.incompatible("\(method): a gradient became non-finite at epoch \(epoch); lower the learning rate")
        }
        if let adam { adam.update(gradients: grads); return }
        for k in parameters.indices {
            let lr = learningRate, mu = momentum
            grads[k].scalars.withUnsafeBufferPointer { g in
                velocity[k].scalars.withUnsafeMutableBufferPointer { v in
                    parameters[k].value.scalars.withUnsafeMutableBufferPointer { p in
                        for i in 0..<p.count {
                            v[i] = mu * v[i] + g[i]
                            p[i] -= lr * v[i]
                        }
                    }
                }
            }
        }
    }
}

extension Variable {
    /// σ(x) = ½(1 + tanh(x/2)), written with tanh so that it is differentiable to any order.
    func sigmoid() -> Variable { ((self * 0.5).tanh() + 1) * 0.5 }

    /// |x| as x·sign(x): gradient sign(x) (0 at 0), as PyTorch's abs.
    func absolute() -> Variable { self * Variable(value.map { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) }) }
}

extension Tensor {
    /// Projects every element onto [lower, upper] in place (projected gradient steps).
    mutating func clampInPlace(_ lower: Float, _ upper: Float) {
        scalars.withUnsafeMutableBufferPointer { p in
            for i in 0..<p.count { p[i] = Swift.min(Swift.max(p[i], lower), upper) }
        }
    }
}
