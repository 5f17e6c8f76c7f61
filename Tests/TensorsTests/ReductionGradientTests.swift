import Foundation
import Testing
@testable import Tensors

/// First-order checks of sum, mean and logSumExp over every axis, and of matmul with every
/// transpose combination.
@Suite struct ReductionGradientTests {
    struct Axes: Sendable, CustomTestStringConvertible {
        let axes: [Int]?
        let keep: Bool
        var testDescription: String { "axes \(axes.map { "\($0)" } ?? "all"), keep \(keep)" }
    }

    /// Each single axis (and −1), a pair of non-adjacent axes, and all axes, with and without
    /// kept dimensions, on a [2, 3, 4] input (distinct extents catch axis mix-ups).
    static let axisCases: [Axes] = [[0], [1], [2], [-1], [0, 2], nil].flatMap { a in
        [false, true].map { Axes(axes: a, keep: $0) }
    }

    @Test(arguments: axisCases)
    func sum(_ c: Axes) {
        var rng = Xoshiro256(seed: 31)
        expectGradientsMatch([rng.normalTensor([2, 3, 4])]) { v in v[0].sum(axes: c.axes, keepingDimensions: c.keep) }
    }

    @Test(arguments: axisCases)
    func mean(_ c: Axes) {
        var rng = Xoshiro256(seed: 32)
        expectGradientsMatch([rng.normalTensor([2, 3, 4])]) { v in v[0].mean(axes: c.axes, keepingDimensions: c.keep) }
    }

    /// logSumExp over each axis. The inputs have std 2 so that the softmax weights (the
    /// gradient) are far from uniform; one slice is shifted by +30 to exercise the max
    /// subtraction (exp(30) ≈ 1e13 still fits Float32, but the shifted slice dominates).
    @Test(arguments: [0, 1, 2, -1], [false, true])
    func logSumExp(axis: Int, keep: Bool) {
        var rng = Xoshiro256(seed: 33)
        var x = rng.normalTensor([2, 3, 4], std: 2)
        for j in 0..<4 { x[1, 2, j] += 30 }
        // Near 32 half a Float32 ulp is 2e-6, so each affected output adds ≈ 2e-6/2h = 1e-4 of
        // rounding noise to the quotient: still well inside the default tolerance.
        expectGradientsMatch([x]) { v in v[0].logSumExp(axis: axis, keepingDimensions: keep) }
    }

    /// Values: log(1 + 3) = log 4 by hand; rows of ±1000 where a naive Σ exp overflows or
    /// underflows in Float32 (lse = 1000 + log 2, and −1000 + log 2); a −∞ entry contributes
    /// nothing; a kept axis keeps its extent 1.
    @Test func logSumExpValues() {
        let x = Variable(Tensor(rows: [[0, Float(Foundation.log(3.0))], [1000, 1000], [-1000, -1000], [-.infinity, 2]]))
        let lse = x.logSumExp(axis: 1).value
        let expected: [Float] = [Float(Foundation.log(4.0)), 1000 + Float(Foundation.log(2.0)),
                                 -1000 + Float(Foundation.log(2.0)), 2]
        #expect(lse.shape == [4])
        for (got, e) in zip(lse.scalars, expected) {
            #expect(Swift.abs(got - e) <= 1e-6 * Swift.max(1, Swift.abs(e)), "\(got) vs \(e)")
        }
        let kept = Variable(Tensor(rows: [[0, 0], [1, 1]])).logSumExp(axis: 0, keepingDimensions: true).value
        #expect(kept.shape == [1, 2])
        #expect(kept.scalars.allSatisfy { Swift.abs($0 - Float(Foundation.log(1 + Foundation.exp(1.0)))) < 1e-6 })
        // the gradient is the softmax along the axis, finite even at ±1000
        let v = Variable(x.value.slice(axis: 0, 1..<3), requiresGradient: true)
        #expect(gradients(of: v.logSumExp(axis: 1).sum(), withRespectTo: [v])[0].value.scalars == [0.5, 0.5, 0.5, 0.5])
    }

    @Test(arguments: [false, true], [false, true])
    func matmul(transposeA: Bool, transposeB: Bool) {
        // op(A) is [3, 4] and op(B) is [4, 5]: all extents differ, so a wrong flag cannot type-check.
        var rng = Xoshiro256(seed: 34)
        let a = rng.normalTensor(transposeA ? [4, 3] : [3, 4])
        let b = rng.normalTensor(transposeB ? [5, 4] : [4, 5])
        expectGradientsMatch([a, b]) { v in
            Variable.matmul(v[0], v[1], transposeA: transposeA, transposeB: transposeB)
        }
    }

    /// The same variable as both factors (xᵀx and x·xᵀ): both backward branches accumulate.
    @Test(arguments: [false, true])
    func matmulSelfProduct(transposeA: Bool) {
        var rng = Xoshiro256(seed: 35)
        expectGradientsMatch([rng.normalTensor([3, 4])]) { v in
            Variable.matmul(v[0], v[0], transposeA: transposeA, transposeB: !transposeA)
        }
    }
}
