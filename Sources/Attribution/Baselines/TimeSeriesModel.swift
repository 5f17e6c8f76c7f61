import NeuralNetworks
import Tensors

/// A differentiable model of one window, as the time-series explainers see it:
/// x `[B, T, D]` (T time steps, D features or neurons, channels-last) → y `[B, K]`.
///
/// The mask methods (Dynamask, Extrmask, ContraLSP) preserve all K outputs at once with the
/// squared error L = mean_k (f_k(x) − f_k(Φ))²; an explanation per output (the d × n map of
/// xCEBRA) is obtained with `selecting(output:)`, one fit per output dimension
/// (baselines.md §5).
public struct TimeSeriesModel {
    public let name: String
    public let timeSteps: Int
    public let features: Int
    public let outputs: Int
    private let body: (Variable) -> Variable

    /// `body` must map `[B, timeSteps, features]` to `[B, outputs]` for every B ≥ 1.
    public init(name: String, timeSteps: Int, features: Int, outputs: Int, _ body: @escaping (Variable) -> Variable) {
        self.name = name
        self.timeSteps = timeSteps
        self.features = features
        self.outputs = outputs
        self.body = body
    }

    public func callAsFunction(_ x: Variable) -> Variable { body(x) }

    /// Forward pass without recording.
    public func evaluate(_ x: Tensor) -> Tensor { GradMode.withoutGradient { body(Variable(x)).value } }

    /// The model restricted to output k: `[B, T, D] → [B, 1]`.
    public func selecting(output k: Int) -> TimeSeriesModel {
        let f = body
        return TimeSeriesModel(name: "\(name)[\(k)]", timeSteps: timeSteps, features: features, outputs: 1) { f($0).slice(axis: 1, k..<(k + 1)) }
    }

    /// A trained encoder (after renormalisation) as a window model: convolutional encoders take
    /// their windows `[B, W, n]` directly (T = W); offset1 encoders see T = 1.
    public init(embedding model: EmbeddingModel) {
        let conv = model.encoder.isConvolutional
        let n = model.inputNeurons
        self.init(name: model.configuration.model, timeSteps: conv ? model.encoder.receptiveField : 1, features: n,
                  outputs: model.outputDimension) { x in
            conv ? model.embed(x) : model.embed(x.reshaped([x.shape[0], n]))
        }
    }

    /// An encoder (e.g. the supervised regressor's) as a window model.
    public init(encoder: Encoder) {
        let conv = encoder.isConvolutional, n = encoder.inputNeurons
        self.init(name: encoder.name, timeSteps: conv ? encoder.receptiveField : 1, features: n, outputs: encoder.outputDimension) { x in
            conv ? encoder(x) : encoder(x.reshaped([x.shape[0], n]))
        }
    }

    /// Checks that `x` is `[N, T, D]` for this model.
    func validate(_ x: Tensor, method: String) throws {
        guard x.rank == 3, x.shape[1] == timeSteps, x.shape[2] == features, x.shape[0] >= 1 else {
            throw AttributionError.incompatible("\(method): inputs must be [N ≥ 1, \(timeSteps), \(features)] for model \(name), got \(x.shape)")
        }
    }
}

/// A method that explains a `TimeSeriesModel` on a batch: attributions `[N, T, D]` for inputs
/// `[N, T, D]`, the same orientation as the input (time × feature).
public protocol TimeSeriesAttribution {
    var name: String { get }
    func attribute(_ x: Tensor, model: TimeSeriesModel, using rng: inout Xoshiro256) throws -> Tensor
}
