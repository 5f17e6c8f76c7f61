import Testing
@testable import Tensors

/// The fused −‖a_i − b_j‖²: values by hand, first-order gradients by central differences, and
/// the parameter gradient of its input-Jacobian norm (the regulariser's second order).
@Suite struct PairwiseDistanceTests {
    @Test func valuesByHand() {
        let a = Variable(Tensor(rows: [[0, 0], [1, 2]]))
        let b = Variable(Tensor(rows: [[1, 0], [3, 4], [1, 2]]))
        let s = Variable.negativeSquaredDistances(a, b).value
        #expect(s.shape == [2, 3])
        #expect(s.scalars == [-1, -25, -5, -4, -8, 0])
    }

    @Test func matchesTheUnfusedExpansion() {
        var rng = Xoshiro256(seed: 70)
        let a = Variable(rng.normalTensor([7, 3])), b = Variable(rng.normalTensor([5, 3]))
        let fused = Variable.negativeSquaredDistances(a, b).value
        let dot = Variable.matmul(a, b, transposeB: true)
        let unfused = (dot * 2 - a.squared().sum(axes: [1], keepingDimensions: true)
                       - b.squared().sum(axes: [1]).reshaped([1, 5])).value
        for (x, y) in zip(fused.scalars, unfused.scalars) { #expect(Swift.abs(x - y) < 1e-5) }
    }

    @Test func firstOrderGradients() {
        var rng = Xoshiro256(seed: 71)
        expectGradientsMatch([rng.normalTensor([4, 3]), rng.normalTensor([6, 3])]) { v in
            Variable.negativeSquaredDistances(v[0], v[1])
        }
    }

    @Test func secondOrderThroughALinearMap() {
        var rng = Xoshiro256(seed: 72)
        let other = rng.normalTensor([5, 3])
        expectSecondOrderGradientsMatch(input: rng.normalTensor([4, 4]), parameters: [rng.normalTensor([3, 4])]) { x, p in
            Variable.negativeSquaredDistances(Variable.matmul(x, p[0], transposeB: true), Variable(other)).tanh()
        }
    }
}
