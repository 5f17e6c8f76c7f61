import Contrastive
import Foundation
import NeuralNetworks
import Tensors

/// A trained encoder as attribution sees it: the network, the embedding function used in
/// training (encoder output, then L2 normalisation of each disjoint block when the run was
/// renormalised — xcebra.md §7.2: attribute the full d-dim output after renormalisation), and
/// which behaviour variables each disjoint block was trained on.
public struct EmbeddingModel {
    public let encoder: Encoder
    public let configuration: TrainingConfiguration
    public let layout: ObjectiveLayout
    /// One entry per disjoint block, sorted by start.
    public let blocks: [BlockAssignment]

    public init(encoder: Encoder, configuration: TrainingConfiguration) throws {
        do { layout = try configuration.validate() } catch {
            throw AttributionError.incompatible("the model's training configuration is invalid: \(error)")
        }
        guard encoder.outputDimension == configuration.outputDimension else {
            throw AttributionError.incompatible("the encoder has \(encoder.outputDimension) outputs but its configuration says \(configuration.outputDimension)")
        }
        self.encoder = encoder
        self.configuration = configuration
        blocks = BlockAssignment.assign(layout: layout, objectives: configuration.objectives)
    }

    /// The model being trained (or just trained) by `trainer`; shares its weights.
    public init(trainer: Trainer) throws {
        try self.init(encoder: trainer.encoder, configuration: trainer.configuration)
    }

    /// An inference copy from a training checkpoint.
    public init(checkpoint: Checkpoint) throws {
        let (enc, config) = try Trainer.encoder(from: checkpoint)
        try self.init(encoder: enc, configuration: config)
    }

    /// A model loaded from a checkpoint file; errors name the file.
    public init(contentsOf path: String) throws {
        let ckpt: Checkpoint
        do { ckpt = try Checkpoint(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw AttributionError.incompatible("\(path): not a readable xcebra checkpoint (\(error))")
        }
        do { try self.init(checkpoint: ckpt) } catch {
            throw AttributionError.incompatible("\(path): \(error)")
        }
    }

    public var outputDimension: Int { configuration.outputDimension }
    public var inputNeurons: Int { encoder.inputNeurons }

    /// y = encoder(x), then per-block L2 normalisation when the model was trained renormalised.
    /// x is `[B, n]` (offset1) or `[B, W, n]` (convolutional); y is `[B, d]`.
    public func embed(_ x: Variable) -> Variable {
        let y = encoder(x)
        guard configuration.renormalize else { return y }
        return Variable.concatenate(layout.blocks.map { y.slice(axis: 1, $0).l2NormalizedRows() }, axis: 1)
    }

    /// True when some output block has unit norm, so each such block loses one rank of J
    /// (xcebra.md §11).
    public var normalizesOutput: Bool { encoder.normalizesOutput || configuration.renormalize }

    /// Upper bound on rank(J): d minus one per normalised block.
    public var maximumJacobianRank: Int {
        if configuration.renormalize { return outputDimension - layout.blocks.count }
        return encoder.normalizesOutput ? outputDimension - 1 : outputDimension
    }

    /// The (min, max) of a final Hardtanh clip, when the encoder ends with one.
    public var clipBounds: (lower: Float, upper: Float)? {
        guard let h = encoder.network.layers.last as? Hardtanh else { return nil }
        return (h.minValue, h.maxValue)
    }
}
