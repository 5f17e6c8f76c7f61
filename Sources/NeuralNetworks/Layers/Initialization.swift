import Tensors

/// PyTorch's default initialisation of `Linear` and `Conv1d`: weights and biases drawn from
/// U(−1/√fan_in, 1/√fan_in), with fan_in = in_features, or in_channels · kernel_size.
/// (Kaiming-uniform with a = √5 reduces to this bound for the weights.)
public enum Initialization {
    public static func pytorchUniform(_ shape: [Int], fanIn: Int, using rng: inout Xoshiro256) -> Tensor {
        let bound = 1 / Float(fanIn).squareRoot()
        return rng.uniformTensor(shape, low: -bound, high: bound)
    }
}
