import Tensors

/// A named encoder: a network plus how it reads time.
///
/// - `offset1` models take one sample per row: input `[B, n]`.
/// - Convolutional models take windows of `receptiveField` samples: input `[B, W, n]`
///   (channels-last), centred so that a window for time t covers [t − left, t + right).
/// Output is always `[B, d]`.
public final class Encoder: Layer {
    public let name: String
    public let network: Sequential
    public let inputNeurons: Int
    public let outputDimension: Int
    /// Samples (left, right) of context: the window for time t is [t − left, t + right).
    public let offset: (left: Int, right: Int)
    /// True when the output rows have unit norm.
    public let normalizesOutput: Bool

    public init(name: String, network: Sequential, inputNeurons: Int, outputDimension: Int,
                offset: (left: Int, right: Int), normalizesOutput: Bool) {
        self.name = name
        self.network = network
        self.inputNeurons = inputNeurons
        self.outputDimension = outputDimension
        self.offset = offset
        self.normalizesOutput = normalizesOutput
    }

    /// Window length W = left + right.
    public var receptiveField: Int { offset.left + offset.right }
    public var isConvolutional: Bool { receptiveField > 1 }

    public func callAsFunction(_ x: Variable) -> Variable {
        let y = network(x)
        return y.rank == 3 ? y.reshaped([y.shape[0], y.shape[2]]) : y
    }

    public var namedParameters: [(name: String, parameter: Variable)] { network.namedParameters }
}
