import Foundation
import NeuralNetworks
import Recordings
import Tensors

/// Checkpoints of a training run: encoder weights, learnable temperatures, Adam state, the
/// configuration (JSON), the step, the random-stream states and the log, so that a resumed run
/// continues bit-identically.
extension Trainer {
    public static let checkpointKind = "xcebra-training"

    public func checkpoint(extraMetadata: [String: String] = [:]) -> Checkpoint {
        let encoderJSON = (try? JSONEncoder().encode(configuration)).flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
        let recordsJSON = (try? JSONEncoder().encode(records)).flatMap { String(data: $0, encoding: .utf8) } ?? "[]"
        var meta = extraMetadata
        meta["kind"] = Trainer.checkpointKind
        meta["xcebra"] = ToolkitVersion.string
        meta["configuration"] = encoderJSON
        meta["step"] = String(step)
        meta["rng.batch"] = batchRNG.serialized.map(String.init).joined(separator: ",")
        meta["rng.projection"] = projectionRNG.serialized.map(String.init).joined(separator: ",")
        meta["records"] = recordsJSON
        meta["encoder.neurons"] = String(encoder.inputNeurons)
        return ModelState.capture(parameters: namedParameters, optimizer: optimizer, metadata: meta)
    }

    /// The configuration stored in a training checkpoint.
    public static func configuration(in ckpt: Checkpoint) throws -> TrainingConfiguration {
        guard ckpt.metadata["kind"] == checkpointKind, let json = ckpt.metadata["configuration"] else {
            throw TrainingError.incompatibleCheckpoint("it is not a training checkpoint (no configuration)")
        }
        do { return try JSONDecoder().decode(TrainingConfiguration.self, from: Data(json.utf8)) } catch {
            throw TrainingError.incompatibleCheckpoint("its configuration cannot be read (\(error))")
        }
    }

    /// A trainer restored from `ckpt` for `session` (same neurons), ready to continue.
    public static func resume(from ckpt: Checkpoint, session: Session, steps: Int? = nil) throws -> Trainer {
        var config = try configuration(in: ckpt)
        if let steps { config.steps = steps }
        if let n = ckpt.metadata["encoder.neurons"].flatMap(Int.init), n != session.neuronCount {
            throw TrainingError.incompatibleCheckpoint("the model was trained on \(n) neurons, the session has \(session.neuronCount)")
        }
        let trainer = try Trainer(configuration: config, session: session)
        try ModelState.restore(ckpt, into: trainer.namedParameters, optimizer: trainer.optimizer)
        guard let s = ckpt.metadata["step"].flatMap(Int.init),
              let b = ckpt.metadata["rng.batch"].map({ $0.split(separator: ",").compactMap { UInt64($0) } }).flatMap(Xoshiro256.init(serialized:)),
              let p = ckpt.metadata["rng.projection"].map({ $0.split(separator: ",").compactMap { UInt64($0) } }).flatMap(Xoshiro256.init(serialized:))
        else { throw TrainingError.incompatibleCheckpoint("step or random-stream state is missing") }
        trainer.step = s
        trainer.batchRNG = b
        trainer.projectionRNG = p
        if let json = ckpt.metadata["records"], let r = try? JSONDecoder().decode([TrainingRecord].self, from: Data(json.utf8)) {
            trainer.records = r
        }
        return trainer
    }

    /// An inference-only copy of a trained encoder from a checkpoint (no session needed).
    public static func encoder(from ckpt: Checkpoint) throws -> (Encoder, TrainingConfiguration) {
        let config = try configuration(in: ckpt)
        guard let n = ckpt.metadata["encoder.neurons"].flatMap(Int.init) else {
            throw TrainingError.incompatibleCheckpoint("the number of input neurons is missing")
        }
        var rng = Xoshiro256(seed: 0)
        let enc = try EncoderRegistry.make(config.model, neurons: n, outputDimension: config.outputDimension,
                                           hiddenUnits: config.hiddenUnits, using: &rng)
        try ModelState.restore(ckpt, into: enc.namedParameters.map { ("encoder.\($0.name)", $0.parameter) })
        return (enc, config)
    }
}
