import Tensors

/// A differentiable function with named trainable parameters.
///
/// Layers are reference types whose parameters are `Variable`s with `requiresGradient`, so an
/// optimiser updates them in place and every caller of the layer sees the new values.
public protocol Layer: AnyObject {
    /// Applies the layer. Shapes are documented per layer.
    func callAsFunction(_ x: Variable) -> Variable
    /// Trainable parameters with stable dotted names (PyTorch-like: "0.weight", "2.bias").
    var namedParameters: [(name: String, parameter: Variable)] { get }
}

extension Layer {
    public var namedParameters: [(name: String, parameter: Variable)] { [] }
    /// The parameters in `namedParameters` order.
    public var parameters: [Variable] { namedParameters.map(\.parameter) }
    /// Total number of scalar parameters.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.value.count } }
}
