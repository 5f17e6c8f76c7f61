import Testing
@testable import Tensors

/// `Tensor.matmul` (cblas_sgemm) against naive triple loops in Double for every transpose
/// combination, plus hand values and degenerate extents.
@Suite struct MatMulTests {
    /// op(a)·op(b) with op(a)[i, p] = ta ? a[p, i] : a[i, p], accumulated in Double.
    static func naive(_ a: Tensor, _ b: Tensor, _ ta: Bool, _ tb: Bool) -> [Double] {
        let m = ta ? a.shape[1] : a.shape[0], k = ta ? a.shape[0] : a.shape[1]
        let n = tb ? b.shape[0] : b.shape[1]
        var out = [Double](repeating: 0, count: m * n)
        for i in 0..<m {
            for j in 0..<n {
                var acc = 0.0
                for p in 0..<k { acc += Double(ta ? a[p, i] : a[i, p]) * Double(tb ? b[j, p] : b[p, j]) }
                out[i * n + j] = acc
            }
        }
        return out
    }

    /// op(A) is [5, 7], op(B) is [7, 3]: distinct extents so that a wrong leading dimension
    /// or flag either fails the shape check or scrambles values.
    @Test(arguments: [false, true], [false, true])
    func matchesNaiveLoops(transposeA: Bool, transposeB: Bool) {
        var rng = Xoshiro256(seed: 121)
        let a = rng.normalTensor(transposeA ? [7, 5] : [5, 7]), b = rng.normalTensor(transposeB ? [3, 7] : [7, 3])
        let c = Tensor.matmul(a, b, transposeA: transposeA, transposeB: transposeB)
        #expect(c.shape == [5, 3])
        let expected = Self.naive(a, b, transposeA, transposeB)
        // Float32 products of 7 N(0,1) terms: rounding ≲ 7·6e-8·|terms| ≈ 1e-6.
        #expect(zip(c.scalars, expected).allSatisfy { Swift.abs(Double($0) - $1) < 1e-5 })
    }

    @Test func handValues() {
        let a = Tensor(rows: [[1, 2], [3, 4], [5, 6]])  // [3, 2]
        let b = Tensor(rows: [[1, 0, -1], [2, 1, 0]])   // [2, 3]
        #expect(Tensor.matmul(a, b).rows == [[5, 2, -1], [11, 4, -3], [17, 6, -5]])
        #expect(Tensor.matmul(b, a).rows == [[-4, -4], [5, 8]])
        #expect(Tensor.matmul(a, a, transposeA: true).rows == [[35, 44], [44, 56]])
        #expect(Tensor.matmul(a, a, transposeB: true).rows == [[5, 11, 17], [11, 25, 39], [17, 39, 61]])
        #expect(Tensor.matmul(b, a, transposeA: true, transposeB: true).rows == [[5, 11, 17], [2, 4, 6], [-1, -3, -5]])
    }

    @Test func degenerateExtents() {
        #expect(Tensor.matmul(Tensor(zeros: [3, 0]), Tensor(zeros: [0, 2])) == Tensor(zeros: [3, 2]))
        #expect(Tensor.matmul(Tensor(zeros: [0, 4]), Tensor(zeros: [4, 2])).shape == [0, 2])
        #expect(Tensor.matmul(Tensor(rows: [[2]]), Tensor(rows: [[3]])).scalars == [6])
    }
}
