import Testing
import Tensors
@testable import NeuralNetworks

@Suite struct EncoderRegistryTests {
    @Test func offset1ModelMSEHasCEBRAParameterCount() throws {
        var rng = Xoshiro256(seed: 0)
        let e = try EncoderRegistry.make("offset1-model-mse", neurons: 50, outputDimension: 6, using: &rng)
        #expect(e.parameterCount == 52_986)
        let y = e(Variable(rng.normalTensor([7, 50])))
        #expect(y.shape == [7, 6])
    }

    @Test func offset10ModelHasCEBRAParameterCount() throws {
        var rng = Xoshiro256(seed: 0)
        let e = try EncoderRegistry.make("offset10-model", neurons: 100, outputDimension: 14, hiddenUnits: 256, using: &rng)
        #expect(e.parameterCount == 652_814)
        #expect(e.receptiveField == 10)
        let y = e(Variable(rng.normalTensor([3, 10, 100])))
        #expect(y.shape == [3, 14])
        for row in y.value.rows {
            let norm = row.reduce(0) { $0 + Double($1 * $1) }.squareRoot()
            #expect(abs(norm - 1) < 1e-5)
        }
    }

    @Test func offset5ModelReadsFiveSamples() throws {
        var rng = Xoshiro256(seed: 0)
        let e = try EncoderRegistry.make("offset5-model", neurons: 12, outputDimension: 3, hiddenUnits: 8, using: &rng)
        #expect(e.receptiveField == 5)
        #expect(e(Variable(rng.normalTensor([2, 5, 12]))).shape == [2, 3])
    }

    @Test func clipModelClampsOutputs() throws {
        var rng = Xoshiro256(seed: 0)
        let e = try EncoderRegistry.make("offset1-model-mse-clip-1-5", neurons: 10, outputDimension: 2, using: &rng)
        let y = e(Variable(rng.normalTensor([64, 10], std: 100)))
        #expect(y.value.scalars.allSatisfy { $0 >= -1 && $0 <= 5 })
        #expect(y.value.scalars.contains { $0 == -1 || $0 == 5 })
    }

    /// The clipped conv encoder: offset10-model-mse's layers and parameters, outputs clamped to
    /// [−a, b] (asymmetric here, so a swapped a and b would show), not normalised, the same receptive field.
    @Test func clippedConvModelClampsAndKeepsTheConvLayers() throws {
        var rng = Xoshiro256(seed: 0)
        let e = try EncoderRegistry.make("offset10-model-mse-clip-1-5", neurons: 20, outputDimension: 4, hiddenUnits: 16, using: &rng)
        var plainRng = Xoshiro256(seed: 0)
        let plain = try EncoderRegistry.make("offset10-model-mse", neurons: 20, outputDimension: 4, hiddenUnits: 16, using: &plainRng)
        #expect(e.parameterCount == plain.parameterCount && e.receptiveField == 10 && !e.normalizesOutput)
        let x = Variable(rng.normalTensor([32, 10, 20], std: 50))
        let y = e(x).value.scalars, z = plain(x).value.scalars
        #expect(y.allSatisfy { $0 >= -1 && $0 <= 5 } && y.contains { $0 == -1 } && y.contains { $0 == 5 })
        #expect(zip(y, z).allSatisfy { $0 == Swift.min(Swift.max($1, -1), 5) })
    }

    @Test(arguments: ["offset2-model", "offset1-model-mse-clip-3-5", "offset1-model-mse-clip-5", "offset10-model-mse-clip-5-3",
                      "offset10-model-mse-clip-+5-5", "offset10-model-mse-clip-5--5", "offset10-model-mse-clip-5-5-5", "offset1-model-mse-clip-05-5"])
    func unknownNamesAreRejected(_ name: String) {
        var rng = Xoshiro256(seed: 0)
        #expect(throws: EncoderRegistry.RegistryError.unknownModel(name)) {
            _ = try EncoderRegistry.make(name, neurons: 4, outputDimension: 2, using: &rng)
        }
    }
}
