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

/// The fused affine map x·Wᵀ + b (Linear's forward): values by hand and gradients of all three
/// operands to first and second order.
@Suite struct AffineOpTests {
    @Test func valuesByHand() {
        let x = Variable(Tensor(rows: [[1, 2], [0, -1], [3, 0]]))
        let w = Variable(Tensor(rows: [[1, 0], [1, 1], [0, 2]]))
        let b = Variable(Tensor(shape: [3], scalars: [0.5, -1, 2]))
        let y = Variable.affine(x, weight: w, bias: b).value
        #expect(y.shape == [3, 3])
        #expect(y.scalars == [1.5, 2, 6, 0.5, -2, 0, 3.5, 2, 2])
    }

    @Test func firstOrderGradients() {
        var rng = Xoshiro256(seed: 73)
        expectGradientsMatch([rng.normalTensor([5, 4]), rng.normalTensor([3, 4]), rng.normalTensor([3])]) { v in
            Variable.affine(v[0], weight: v[1], bias: v[2])
        }
    }

    @Test func secondOrderThroughTanh() {
        var rng = Xoshiro256(seed: 74)
        expectSecondOrderGradientsMatch(input: rng.normalTensor([4, 4]), parameters: [rng.normalTensor([3, 4]), rng.normalTensor([3])]) { x, p in
            Variable.affine(x, weight: p[0], bias: p[1]).tanh()
        }
    }
}
