import Tensors

/// Affine map y = x·Wᵀ + b.
///
/// Shapes: x `[B, in]` → y `[B, out]`; `weight` `[out, in]` (PyTorch layout), `bias` `[out]`.
/// Initialised by `Initialization.pytorchUniform` with fan_in = in.
public final class Linear: Layer {
    public let weight: Variable
    public let bias: Variable?

    public init(_ inFeatures: Int, _ outFeatures: Int, bias: Bool = true, using rng: inout Xoshiro256) {
        weight = Variable(Initialization.pytorchUniform([outFeatures, inFeatures], fanIn: inFeatures, using: &rng),
                          requiresGradient: true, name: "weight")
        self.bias = bias ? Variable(Initialization.pytorchUniform([outFeatures], fanIn: inFeatures, using: &rng),
                                    requiresGradient: true, name: "bias") : nil
    }

    public var inFeatures: Int { weight.shape[1] }
    public var outFeatures: Int { weight.shape[0] }

    public func callAsFunction(_ x: Variable) -> Variable {
        precondition(x.rank == 2 && x.shape[1] == inFeatures, "Linear: expected [B, \(inFeatures)], got \(x.shape)")
        guard let bias else { return Variable.matmul(x, weight, transposeB: true) }
        return Variable.affine(x, weight: weight, bias: bias)
    }

    public var namedParameters: [(name: String, parameter: Variable)] {
        [("weight", weight)] + (bias.map { [("bias", $0)] } ?? [])
    }
}
