import Contrastive
import Recordings
import Tensors

/// Which samples of a session are attributed (xcebra.md §7.1), and the model inputs for them.
///
/// - offset1 models: every valid sample t ∈ [0, T).
/// - Convolutional models: every full window, centres t ∈ [left, T − right] (T − W + 1 of
///   them), restricted to valid centres.
/// - With `limit`, a uniform draw of that many of them without replacement (partial
///   Fisher–Yates on `Xoshiro256(seed:)`), sorted by time so that chunks and time blocks are
///   contiguous. CEBRA's seed for this draw is 9712341.
public struct AttributionSamples: Sendable {
    /// Session sample (window centre) indices, increasing.
    public let indices: [Int]
    /// Number of samples T in the session (time blocks are defined on [0, T)).
    public let sessionLength: Int
    public let windows: SessionWindows

    public static let cebraSeed: UInt64 = 9_712_341

    public init(session: Session, model: EmbeddingModel, limit: Int? = nil, seed: UInt64 = AttributionSamples.cebraSeed) throws {
        guard session.neuronCount == model.inputNeurons else {
            throw AttributionError.incompatible("the model was trained on \(model.inputNeurons) neurons but session '\(session.id)' has \(session.neuronCount)")
        }
        let t = session.sampleCount
        let (left, right) = model.encoder.offset
        let range = model.encoder.isConvolutional ? left...(t - right) : 0...(t - 1)
        guard t > 0, range.lowerBound <= range.upperBound else {
            throw AttributionError.incompatible("session '\(session.id)' has \(t) samples, fewer than the model's receptive field \(model.encoder.receptiveField)")
        }
        var all = range.filter { session.valid[$0] }
        guard !all.isEmpty else { throw AttributionError.incompatible("session '\(session.id)' has no valid sample to attribute") }
        if let limit {
            guard limit >= 1 else { throw AttributionError.invalidOption("the number of samples must be ≥ 1, got \(limit)") }
            if limit < all.count {
                var rng = Xoshiro256(seed: seed)
                for i in 0..<limit {
                    let j = i + rng.uniformInt(below: all.count - i)
                    all.swapAt(i, j)
                }
                all = Array(all[0..<limit]).sorted()
            }
        }
        indices = all
        sessionLength = t
        windows = SessionWindows(neural: session.neural, offset: model.encoder.offset)
    }

    public var count: Int { indices.count }

    /// Inputs for samples `range` (positions in `indices`): `[C, n]` or `[C, W, n]`.
    public func inputs(_ range: Range<Int>) -> Tensor { windows.batch(Array(indices[range])) }

    /// Time block of each sample when [0, T) is cut into `blocks` equal contiguous pieces:
    /// block(t) = ⌊t·blocks/T⌋.
    public func timeBlock(ofPosition p: Int, blocks: Int) -> Int { indices[p] * blocks / sessionLength }
}
