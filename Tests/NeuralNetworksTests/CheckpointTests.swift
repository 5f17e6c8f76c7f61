import Foundation
import Testing
import Tensors
@testable import NeuralNetworks

@Suite struct CheckpointTests {
    private func tempURL(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("xcebra-test-\(UUID().uuidString)-\(name)")
    }

    @Test func roundTripKeepsTensorsAndMetadata() throws {
        var rng = Xoshiro256(seed: 9)
        let ckpt = Checkpoint(tensors: [("a", rng.normalTensor([3, 4])), ("b", Tensor(7)), ("empty", Tensor(zeros: [0, 5]))],
                              metadata: ["config": "{\"d\":6}", "seed": "9"])
        let url = tempURL("rt.ckpt")
        defer { try? FileManager.default.removeItem(at: url) }
        try ckpt.write(to: url)
        #expect(try Checkpoint(contentsOf: url) == ckpt)
    }

    @Test func resumingContinuesBitIdentically() throws {
        func makeModel() throws -> (Encoder, Adam) {
            var rng = Xoshiro256(seed: 11)
            let m = try EncoderRegistry.make("offset1-model-mse", neurons: 5, outputDimension: 2, using: &rng)
            return (m, Adam(parameters: m.parameters, learningRate: 1e-2))
        }
        var data = Xoshiro256(seed: 12)
        let x = Variable(data.normalTensor([16, 5])), target = Variable(data.normalTensor([16, 2]))
        func train(_ m: Encoder, _ o: Adam, steps: Int) {
            for _ in 0..<steps {
                let loss = (m(x) - target).squared().mean()
                o.update(gradients: gradients(of: loss, withRespectTo: m.parameters).map(\.value))
            }
        }
        let (full, fullOpt) = try makeModel()
        train(full, fullOpt, steps: 40)

        let (first, firstOpt) = try makeModel()
        train(first, firstOpt, steps: 20)
        let url = tempURL("resume.ckpt")
        defer { try? FileManager.default.removeItem(at: url) }
        try ModelState.capture(model: first, optimizer: firstOpt).write(to: url)

        var other = Xoshiro256(seed: 999)  // different init, overwritten by the restore
        let resumed = try EncoderRegistry.make("offset1-model-mse", neurons: 5, outputDimension: 2, using: &other)
        let resumedOpt = Adam(parameters: resumed.parameters, learningRate: 1e-2)
        try ModelState.restore(Checkpoint(contentsOf: url), into: resumed, optimizer: resumedOpt)
        #expect(resumedOpt.step == 20)
        train(resumed, resumedOpt, steps: 20)
        #expect(resumed.parameters.map(\.value) == full.parameters.map(\.value))
    }

    @Test func badFilesGiveTypedErrors() throws {
        let good = try Checkpoint(tensors: [("w", Tensor(zeros: [4, 4]))]).encoded()
        #expect(throws: CheckpointError.notACheckpoint(path: "x")) { try Checkpoint(decoding: Data("hello world, not a checkpoint".utf8), path: "x") }
        #expect(throws: CheckpointError.self) { try Checkpoint(decoding: good.prefix(good.count - 3), path: "x") }
        var newer = good
        newer[8] = 9
        #expect(throws: CheckpointError.unsupportedVersion(path: "x", found: 9, supported: 1)) { try Checkpoint(decoding: newer, path: "x") }
        var garbled = good
        garbled[25] = 0x7B  // break the JSON header
        garbled[26] = 0x7B
        #expect(throws: CheckpointError.self) { try Checkpoint(decoding: garbled, path: "x") }
    }

    @Test func restoringIntoAnotherShapeFails() throws {
        var rng = Xoshiro256(seed: 1)
        let a = try EncoderRegistry.make("offset1-model-mse", neurons: 5, outputDimension: 2, using: &rng)
        let b = try EncoderRegistry.make("offset1-model-mse", neurons: 6, outputDimension: 2, using: &rng)
        #expect(throws: CheckpointError.self) { try ModelState.restore(ModelState.capture(model: a), into: b) }
    }
}
