import Tensors

/// 1-D convolution (cross-correlation), valid padding, stride 1, dilation 1:
/// y[b, t, o] = bias[o] + Σᵢ Σⱼ W[o, i, j] · x[b, t + j, i].
///
/// Layout is channels-last: x `[B, L, C_in]` → y `[B, L − k + 1, C_out]` (neurons are channels,
/// time is the middle axis). The weight is stored lag-major as `[C_out, k, C_in]`, so that the
/// convolution is one `unfolded` (a contiguous im2col) and one GEMM; PyTorch's `[C_out, C_in, k]`
/// layout converts with `pytorchLayoutWeight` / `init(pytorchWeight:)`.
/// Initialised by `Initialization.pytorchUniform` with fan_in = C_in · k.
public final class Conv1d: Layer {
    public let weight: Variable
    public let bias: Variable
    public let kernelSize: Int

    public init(_ inChannels: Int, _ outChannels: Int, kernelSize: Int, using rng: inout Xoshiro256) {
        precondition(kernelSize >= 1, "Conv1d: kernel size must be ≥ 1")
        let fanIn = inChannels * kernelSize
        self.kernelSize = kernelSize
        weight = Variable(Initialization.pytorchUniform([outChannels, kernelSize, inChannels], fanIn: fanIn, using: &rng),
                          requiresGradient: true, name: "weight")
        bias = Variable(Initialization.pytorchUniform([outChannels], fanIn: fanIn, using: &rng), requiresGradient: true, name: "bias")
    }

    public var inChannels: Int { weight.shape[2] }
    public var outChannels: Int { weight.shape[0] }

    public func callAsFunction(_ x: Variable) -> Variable {
        precondition(x.rank == 3 && x.shape[2] == inChannels && x.shape[1] >= kernelSize,
                     "Conv1d: expected [B, L ≥ \(kernelSize), \(inChannels)], got \(x.shape)")
        let b = x.shape[0], lo = x.shape[1] - kernelSize + 1
        let cols = x.unfolded(kernelSize: kernelSize).reshaped([b * lo, kernelSize * inChannels])
        let w = weight.reshaped([outChannels, kernelSize * inChannels])
        let y = Variable.matmul(cols, w, transposeB: true) + bias
        return y.reshaped([b, lo, outChannels])
    }

    public var namedParameters: [(name: String, parameter: Variable)] { [("weight", weight), ("bias", bias)] }

    /// The weight in PyTorch's `[C_out, C_in, k]` layout.
    public var pytorchLayoutWeight: Tensor {
        let o = outChannels, c = inChannels, k = kernelSize
        var out = Tensor(zeros: [o, c, k])
        for oi in 0..<o { for j in 0..<k { for i in 0..<c {
            out.scalars[(oi * c + i) * k + j] = weight.value.scalars[(oi * k + j) * c + i]
        } } }
        return out
    }

    /// Sets the weight from PyTorch's `[C_out, C_in, k]` layout.
    public func setWeight(pytorchLayout w: Tensor) {
        let o = outChannels, c = inChannels, k = kernelSize
        precondition(w.shape == [o, c, k], "Conv1d.setWeight: expected [\(o), \(c), \(k)], got \(w.shape)")
        for oi in 0..<o { for j in 0..<k { for i in 0..<c {
            weight.value.scalars[(oi * k + j) * c + i] = w.scalars[(oi * c + i) * k + j]
        } } }
    }
}
