import Testing
import Tensors
@testable import Dimensionality

@Suite struct ConsistencyTests {
    @Test func anEmbeddingAndALinearTransformOfItAreFullyConsistent() throws {
        var rng = Xoshiro256(seed: 2)
        let x = rng.normalTensor([400, 3])
        let a = Tensor(rows: [[1, 2, 0], [0, 1, -1], [3, 0, 1]])  // invertible
        var y = GradMode.withoutGradient { Variable.matmul(Variable(x), Variable(a)).value }
        for i in 0..<400 { for j in 0..<3 { y[i, j] += Float(j) - 5 } }
        #expect(abs(try Consistency.r2(from: x, to: y) - 1) < 1e-6)
        #expect(abs(try Consistency.r2(from: y, to: x) - 1) < 1e-6)
        #expect(abs(try Consistency.symmetricR2(x, y) - 1) < 1e-6)
    }

    @Test func aProjectionIsConsistentOneWayOnly() throws {
        var rng = Xoshiro256(seed: 3)
        let x = rng.normalTensor([500, 4])
        let y = x.slice(axis: 1, 0..<2)
        #expect(abs(try Consistency.r2(from: x, to: y) - 1) < 1e-6)
        // Columns 2, 3 of x are independent of y: their R² ≈ 0, columns 0, 1 give 1 → mean ≈ 0.5.
        #expect(abs(try Consistency.r2(from: y, to: x) - 0.5) < 0.03)
    }

    @Test func independentEmbeddingsAreInconsistent() throws {
        var rng = Xoshiro256(seed: 5)
        let r2 = try Consistency.r2(from: rng.normalTensor([2_000, 3]), to: rng.normalTensor([2_000, 3]))
        #expect(r2 < 0.01 && r2 >= 0)
    }

    @Test func pairwiseNeedsTwoEmbeddings() throws {
        var rng = Xoshiro256(seed: 6)
        let e = rng.normalTensor([50, 2])
        #expect(throws: DimensionalityError.self) { try Consistency.pairwise([e]) }
        #expect(try Consistency.pairwise([e, e, e]).count == 3)
        #expect(throws: DimensionalityError.self) { try Consistency.r2(from: e, to: rng.normalTensor([40, 2])) }
    }
}
