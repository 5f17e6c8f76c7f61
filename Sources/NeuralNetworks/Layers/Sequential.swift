import Tensors

/// Layers applied in order; parameters are named "<index>.<name>" as in PyTorch's nn.Sequential.
public final class Sequential: Layer {
    public let layers: [any Layer]

    public init(_ layers: [any Layer]) { self.layers = layers }

    public func callAsFunction(_ x: Variable) -> Variable {
        layers.reduce(x) { $1($0) }
    }

    public var namedParameters: [(name: String, parameter: Variable)] {
        layers.enumerated().flatMap { i, layer in layer.namedParameters.map { ("\(i).\($0.name)", $0.parameter) } }
    }
}
