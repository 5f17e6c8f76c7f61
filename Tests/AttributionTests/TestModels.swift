import Attribution
import Contrastive
import Foundation
import Recordings
import Tensors
import Testing

extension Tag { @Tag static var long: Self }

/// Small sessions and untrained or briefly trained models for the attribution tests.
enum TestModels {
    /// Neurons mix a 3-d latent random walk through tanh; behaviour "b" is either that latent
    /// (informative) or an independent walk (no information about the neural data).
    static func session(t: Int, neurons n: Int, seed: UInt64, informative: Bool) -> Session {
        var rng = Xoshiro256(seed: seed)
        func walk() -> [Double] {
            var z = [Double](repeating: 0, count: t * 3)
            for i in 1..<t { for k in 0..<3 { z[i * 3 + k] = rng.truncatedNormal(mean: z[(i - 1) * 3 + k], std: 0.1, lower: -1, upper: 1) } }
            return z
        }
        let z = walk()
        let w = rng.normalTensor([3, n])
        var x = Tensor(zeros: [t, n])
        for i in 0..<t { for j in 0..<n {
            var acc: Float = 0
            for k in 0..<3 { acc += Float(z[i * 3 + k]) * w[k, j] }
            x.scalars[i * n + j] = Foundation.tanh(acc)
        } }
        let b = informative ? z : walk()
        return Session(id: "test-\(seed)", timestamps: (0..<t).map(Double.init), neural: x, neuralKind: .continuous,
                       neurons: (0..<n).map { NeuronInfo(id: Int64($0), kind: .synthetic) },
                       behaviour: [BehaviourVariable(name: "b", values: b, columns: 3, unit: "a.u.")],
                       provenance: Provenance(source: "test", reader: "memory"))
    }

    /// offset1 d = 4 (or the given model): (0,d) time, (d/2, d) time_delta on "b".
    static func configuration(model: String = "offset1-model-mse", d: Int = 4, steps: Int = 0, batch: Int = 64,
                              renormalize: Bool = false, seed: UInt64 = 0, units: Int = 8) -> TrainingConfiguration {
        let euclid = InfoNCE(similarity: renormalize ? .cosine : .euclidean, temperature: .fixed(1))
        return TrainingConfiguration(model: model, outputDimension: d, hiddenUnits: units,
                                     objectives: [Objective(slice: 0..<d, criterion: euclid, positives: .time(offset: 1)),
                                                  Objective(slice: (d / 2)..<d, criterion: euclid, positives: .timeDelta(delta: 1, variables: ["b"]))],
                                     renormalize: renormalize, batchSize: batch, steps: steps, seed: seed)
    }

    static func model(_ config: TrainingConfiguration, session: Session) throws -> EmbeddingModel {
        let trainer = try Trainer(configuration: config, session: session)
        try trainer.train()
        return try EmbeddingModel(trainer: trainer)
    }
}
