import Contrastive
import Foundation
import Recordings
import Tensors

/// Small in-memory sessions and configurations for the tests.
enum TestSupport {
    /// T samples of n neurons driven by a 2-D random-walk "position" plus noise.
    static func randomWalk(t: Int = 600, neurons n: Int = 10, seed: UInt64 = 1) -> Session {
        var rng = Xoshiro256(seed: seed)
        var pos = [Double](repeating: 0, count: 2 * t)
        for i in 1..<t {
            for c in 0..<2 { pos[2 * i + c] = rng.truncatedNormal(mean: pos[2 * (i - 1) + c], std: 0.08, lower: -1, upper: 1) }
        }
        let w = rng.normalTensor([2, n])
        var x = Tensor(zeros: [t, n])
        for i in 0..<t { for j in 0..<n {
            x[i, j] = Foundation.tanh(Float(pos[2 * i]) * w[0, j] + Float(pos[2 * i + 1]) * w[1, j]) + 0.05 * Float(rng.normal())
        } }
        return Session(id: "walk", timestamps: (0..<t).map { Double($0) * 0.01 }, neural: x, neuralKind: .continuous,
                       neurons: (0..<n).map { NeuronInfo(id: Int64($0), kind: .synthetic) },
                       behaviour: [BehaviourVariable(name: "position", values: pos, columns: 2, unit: "m")],
                       provenance: Provenance(source: "test", reader: "memory"))
    }

    /// The synthetic recipe's layout {(0,d) time(1), (d−2,d) time_delta on position}, small and fast.
    static func configuration(steps: Int = 5, batch: Int = 32, heldOut: Double = 0.25) -> TrainingConfiguration {
        let euclid = InfoNCE(similarity: .euclidean, temperature: .fixed(1))
        return TrainingConfiguration(model: "offset1-model-mse-clip-5-5", outputDimension: 4,
                                     objectives: [Objective(slice: 0..<4, criterion: euclid, positives: .time(offset: 1)),
                                                  Objective(slice: 2..<4, criterion: euclid, positives: .timeDelta(delta: 1, variables: ["position"]))],
                                     batchSize: batch, steps: steps, learningRate: 1e-3, seed: 0, heldOutFraction: heldOut, logEvery: 1)
    }

    static func temporaryDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("xcebra-dim-\(UUID().uuidString)").path
    }
}
