import Testing
import Tensors
@testable import NeuralNetworks

@Suite struct LayerTests {
    @Test func linearInitialisationStaysInPyTorchBound() {
        var rng = Xoshiro256(seed: 3)
        let l = Linear(400, 30, using: &rng)
        let bound: Float = 1 / 20
        #expect(l.weight.value.scalars.allSatisfy { abs($0) <= bound })
        #expect(l.bias!.value.scalars.allSatisfy { abs($0) <= bound })
        // uniform on [-b, b] has variance b²/3
        let w = l.weight.value.scalars.map(Double.init)
        let varW = w.reduce(0) { $0 + $1 * $1 } / Double(w.count)
        #expect(abs(varW - Double(bound * bound) / 3) < 0.05 * Double(bound * bound) / 3)
    }

    @Test func linearComputesAffineMap() {
        var rng = Xoshiro256(seed: 1)
        let l = Linear(3, 2, using: &rng)
        l.weight.value = Tensor(rows: [[1, 2, 3], [-1, 0, 1]])
        l.bias!.value = Tensor(shape: [2], scalars: [0.5, -0.5])
        let y = l(Variable(Tensor(rows: [[1, 1, 1], [0, 2, -1]])))
        #expect(y.value.rows == [[6.5, -0.5], [1.5, -1.5]])
    }

    @Test func conv1dMatchesDirectCrossCorrelation() {
        var rng = Xoshiro256(seed: 2)
        let conv = Conv1d(3, 4, kernelSize: 3, using: &rng)
        let x = rng.normalTensor([2, 7, 3])
        let y = conv(Variable(x)).value
        #expect(y.shape == [2, 5, 4])
        let w = conv.pytorchLayoutWeight  // [o, i, j]
        for b in 0..<2 { for t in 0..<5 { for o in 0..<4 {
            var acc = Double(conv.bias.value.scalars[o])
            for i in 0..<3 { for j in 0..<3 { acc += Double(w[o, i, j]) * Double(x[b, t + j, i]) } }
            #expect(abs(Double(y[b, t, o]) - acc) < 1e-5)
        } } }
    }

    @Test func conv1dPyTorchLayoutRoundTrips() {
        var rng = Xoshiro256(seed: 5)
        let conv = Conv1d(3, 2, kernelSize: 2, using: &rng)
        let w = rng.normalTensor([2, 3, 2])
        conv.setWeight(pytorchLayout: w)
        #expect(conv.pytorchLayoutWeight == w)
    }

    @Test func skipBlockCropsAndAdds() {
        var rng = Xoshiro256(seed: 4)
        let inner = Sequential([Conv1d(4, 4, kernelSize: 3, using: &rng), GELU()])
        let block = SkipBlock(inner)
        let x = rng.normalTensor([1, 6, 4])
        let y = block(Variable(x)).value
        let expected = x.slice(axis: 1, 1..<5) + inner(Variable(x)).value
        #expect(y == expected)
        #expect(block.namedParameters.map(\.name) == ["inner.0.weight", "inner.0.bias"])
    }

    @Test func hardtanhAndNormalize() {
        let x = Variable(Tensor(rows: [[3, -4], [0.5, 0]]))
        #expect(Hardtanh(min: -1, max: 2)(x).value.rows == [[2, -1], [0.5, 0]])
        let n = L2Normalize()(Variable(Tensor(rows: [[3, 4]]))).value
        #expect(n.rows == [[0.6, 0.8]])
    }
}
