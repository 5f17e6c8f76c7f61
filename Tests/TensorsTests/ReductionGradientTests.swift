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
