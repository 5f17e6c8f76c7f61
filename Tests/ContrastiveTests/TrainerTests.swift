import Foundation
import NeuralNetworks
import Testing
import Tensors
@testable import Contrastive

@Suite struct TrainerTests {
    private func config(steps: Int = 30, model: String = "offset1-model-mse", d: Int = 4,
                        schedule: WeightSchedule = .constant(weight: 0.01), estimator: JacobianEstimator = .randomProjection(count: 1),
                        renormalize: Bool = false, similarity: Similarity = .euclidean) -> TrainingConfiguration {
        let c = InfoNCE(similarity: similarity, temperature: .learnable(initial: 1, minimum: 0.1))
        return TrainingConfiguration(model: model, outputDimension: d, hiddenUnits: 8,
                                     objectives: [Objective(slice: 0..<d, criterion: c, positives: .time(offset: 1)),
                                                  Objective(slice: 0..<2, criterion: c, positives: .timeDelta(delta: 1, variables: ["position"]))],
                                     renormalize: renormalize, batchSize: 32, steps: steps, learningRate: 1e-3,
                                     regularizerSchedule: schedule, regularizerEstimator: estimator, seed: 3, logEvery: 1)
    }

    @Test func sameSeedGivesBitIdenticalParameters() throws {
        let s = TestSessions.randomWalk()
        let a = try Trainer(configuration: config(), session: s)
        try a.train()
        let b = try Trainer(configuration: config(), session: s)
        try b.train()
        #expect(a.optimizer.parameters.map(\.value) == b.optimizer.parameters.map(\.value))
        #expect(a.records == b.records.map { var r = $0; r.seconds = a.records[$0.step].seconds; return r })
    }

    @Test func resumingFromACheckpointContinuesBitIdentically() throws {
        let s = TestSessions.randomWalk()
        let full = try Trainer(configuration: config(steps: 24, estimator: .exact), session: s)
        try full.train()
        let first = try Trainer(configuration: config(steps: 12, estimator: .exact), session: s)
        try first.train()
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("xcebra-resume-\(UUID()).ckpt")
        defer { try? FileManager.default.removeItem(at: url) }
        try first.checkpoint().write(to: url)
        let resumed = try Trainer.resume(from: Checkpoint(contentsOf: url), session: s, steps: 24)
        #expect(resumed.step == 12)
        try resumed.train()
        #expect(resumed.optimizer.parameters.map(\.value) == full.optimizer.parameters.map(\.value))
    }

    @Test func convolutionalModelWithRenormalisationTrainsAndTransforms() throws {
        let s = TestSessions.randomWalk(t: 300)
        var c = config(steps: 5, model: "offset10-model", d: 4, renormalize: true, similarity: .cosine)
        c.objectives = [Objective(slice: 0..<2, criterion: InfoNCE(similarity: .cosine), positives: .timeDelta(delta: 1, variables: ["position"])),
                        Objective(slice: 0..<4, criterion: InfoNCE(similarity: .cosine), positives: .time(offset: 10))]
        let t = try Trainer(configuration: c, session: s)
        try t.train()
        let e = t.transform(s.neural, chunk: 128)
        #expect(e.shape == [300, 4])
        for row in e.rows {  // blocks [0:2] and [2:4] are each unit vectors: total norm √2
            let n = row.reduce(0) { $0 + Double($1 * $1) }
            #expect(abs(n - 2) < 1e-4)
        }
    }

    @Test func regulariserIsNotComputedWhileOff() throws {
        let s = TestSessions.randomWalk()
        let t = try Trainer(configuration: config(steps: 6, schedule: .linearRampUp(on: 3, off: 5, start: 0, end: 0.1)), session: s)
        try t.train()
        #expect(t.records.map { $0.objectives[0].jacobian == nil } == [true, true, true, false, false, false])
        #expect(t.records[3].regularizerWeight == 0)
    }

    @Test func batchLargerThanSessionIsAClearError() {
        let s = TestSessions.randomWalk(t: 20)
        #expect(throws: ConfigurationError.self) { _ = try Trainer(configuration: config(), session: s) }
    }

    @Test func divergenceStopsWithTheStep() throws {
        var s = TestSessions.randomWalk()
        s.neural = s.neural * 1e30  // overflow in the first layer
        let t = try Trainer(configuration: config(steps: 3), session: s)
        #expect(throws: TrainingError.self) { try t.train() }
        #expect(t.step == 0)
    }

    @Test func trainingLowersTheLoss() throws {
        let s = TestSessions.randomWalk(t: 600)
        var c = config(steps: 150, schedule: .none)
        c.learningRate = 3e-3
        let t = try Trainer(configuration: c, session: s)
        try t.train()
        let early = t.records.prefix(10).map(\.total).reduce(0, +) / 10
        let late = t.records.suffix(10).map(\.total).reduce(0, +) / 10
        #expect(late < early - 0.1, "loss \(early) → \(late)")
    }
}
