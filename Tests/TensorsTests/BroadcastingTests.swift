import Testing
@testable import Tensors

/// NumPy broadcasting on `Tensor`: shape rule, hand-computed results, and every fast path of
/// `Tensor.broadcasting` against a naive index-by-index reference.
@Suite struct BroadcastingTests {
    @Test func broadcastShape() {
        #expect(Tensor.broadcastShape([3, 4], [3, 4]) == [3, 4])
        #expect(Tensor.broadcastShape([3, 4], [4]) == [3, 4])
        #expect(Tensor.broadcastShape([4], [3, 4]) == [3, 4])
        #expect(Tensor.broadcastShape([3, 1], [1, 4]) == [3, 4])
        #expect(Tensor.broadcastShape([], [2, 3]) == [2, 3])
        #expect(Tensor.broadcastShape([2, 3], []) == [2, 3])
        #expect(Tensor.broadcastShape([5], [1]) == [5])
        #expect(Tensor.broadcastShape([1], [1, 1, 1]) == [1, 1, 1])
        #expect(Tensor.broadcastShape([2, 1, 4], [3, 1]) == [2, 3, 4])
        #expect(Tensor.broadcastShape([0, 3], [3]) == [0, 3])
        #expect(Tensor.broadcastShape([0], [1]) == [0])
    }

    @Test func handComputedResults() {
        let m = Tensor(rows: [[1, 2, 3], [4, 5, 6]])
        // row bias [N] on [M, N]
        #expect((m + Tensor(shape: [3], scalars: [10, 20, 30])).rows == [[11, 22, 33], [14, 25, 36]])
        // column [M, 1]
        #expect((m - Tensor(rows: [[1], [2]])).rows == [[0, 1, 2], [2, 3, 4]])
        // outer product [M, 1] × [1, N]
        #expect((Tensor(rows: [[1], [2]]) * Tensor(rows: [[1, 2, 3]])).rows == [[1, 2, 3], [2, 4, 6]])
        // scalar on either side, and division by a broadcast row
        #expect((Tensor(2) * m).rows == [[2, 4, 6], [8, 10, 12]])
        #expect((m / Tensor(shape: [1], scalars: [2])).rows == [[0.5, 1, 1.5], [2, 2.5, 3]])
        #expect((Tensor(12) / Tensor(shape: [3], scalars: [1, 2, 3])).scalars == [12, 6, 4])
        // rank 3: [2, 1, 2] + [3, 1] → [2, 3, 2], out[i, j, k] = a[i, 0, k] + b[j, 0]
        let a = Tensor(shape: [2, 1, 2], scalars: [1, 2, 3, 4])
        let b = Tensor(rows: [[10], [20], [30]])
        let c = a + b
        #expect(c.shape == [2, 3, 2])
        #expect(c.scalars == [11, 12, 21, 22, 31, 32, 13, 14, 23, 24, 33, 34])
        // a one-element operand of higher rank lifts the result's rank
        let d = Tensor(shape: [3], scalars: [1, 2, 3]) + Tensor(shape: [1, 1], scalars: [1])
        #expect(d.shape == [1, 3] && d.scalars == [2, 3, 4])
    }

    /// out[idx] = op(a[idx mod a], b[idx mod b]) computed one element at a time.
    static func naive(_ a: Tensor, _ b: Tensor, _ op: (Float, Float) -> Float) -> Tensor {
        let shape = Tensor.broadcastShape(a.shape, b.shape)
        let n = Tensor.count(of: shape)
        func source(_ t: Tensor, _ flat: Int) -> Float {
            var rem = flat, offset = 0, step = 1
            for ax in stride(from: shape.count - 1, through: 0, by: -1) {
                let i = rem % shape[ax]
                rem /= shape[ax]
                let tAx = ax - (shape.count - t.rank)
                if tAx >= 0 {
                    if t.shape[tAx] != 1 { offset += i * step }
                    step *= t.shape[tAx]
                }
            }
            return t.scalars[offset]
        }
        return Tensor(shape: shape, scalars: (0..<n).map { op(source(a, $0), source(b, $0)) })
    }

    /// Each pair in both orders: equal shapes, scalar operands of rank 0 / 1 / higher rank,
    /// trailing-suffix operands, and general cases (leading-axis, middle-axis, both broadcast),
    /// plus an empty extent.
    @Test(arguments: [
        ([2, 3], [2, 3]), ([2, 3], []), ([2, 3], [1]), ([3], [1, 1, 1]), ([1], [2, 1, 3]),
        ([2, 3], [3]), ([4, 2, 3], [2, 3]), ([4, 2, 3], [1, 3]), ([2, 3], [2, 1]), ([1, 3], [2, 1]),
        ([2, 1, 3], [4, 1]), ([2, 3, 4], [2, 1, 4]), ([1, 3, 1], [2, 1, 4]), ([5, 1], [1]), ([0, 3], [3]),
        ([33, 5], [33, 1]),
    ])
    func matchesNaiveReference(_ sa: [Int], _ sb: [Int]) {
        var rng = Xoshiro256(seed: 101)
        let a = rng.normalTensor(sa), b = rng.signedTensor(sb, low: 0.5, high: 2)
        for (x, y) in [(a, b), (b, a)] {
            #expect(x + y == Self.naive(x, y, +))
            #expect(x - y == Self.naive(x, y, -))
            #expect(x * y == Self.naive(x, y, *))
        }
        #expect(a / b == Self.naive(a, b, /))
    }

    @Test func broadcastToAndSumToShape() {
        let row = Tensor(shape: [3], scalars: [1, 2, 3])
        #expect(row.broadcast(to: [2, 3]).rows == [[1, 2, 3], [1, 2, 3]])
        let col = Tensor(rows: [[1], [2]])
        #expect(col.broadcast(to: [2, 3]).rows == [[1, 1, 1], [2, 2, 2]])
        let s = Tensor(5).broadcast(to: [2, 2])
        #expect(s.shape == [2, 2] && s.scalars == [5, 5, 5, 5])
        let c3 = Tensor(shape: [2, 1], scalars: [1, 2]).broadcast(to: [2, 2, 3])
        #expect(c3.scalars == [1, 1, 1, 2, 2, 2, 1, 1, 1, 2, 2, 2])

        let m = Tensor(shape: [2, 2, 3], scalars: (1...12).map(Float.init))
        #expect(m.sum(toShape: [3]).scalars == [22, 26, 30])  // 1+4+7+10, 2+5+8+11, 3+6+9+12
        let rows = m.sum(toShape: [2, 1])
        #expect(rows.shape == [2, 1] && rows.scalars == [30, 48])  // 1+2+3+7+8+9, 4+5+6+10+11+12
        let middle = m.sum(toShape: [2, 1, 3])
        #expect(middle.shape == [2, 1, 3] && middle.scalars == [5, 7, 9, 17, 19, 21])
        let all = m.sum(toShape: [])
        #expect(all.shape == [] && all.scalar == 78)
        #expect(m.sum(toShape: [2, 2, 3]) == m)
    }

    /// sum(toShape:) is the adjoint of broadcast(to:): ⟨broadcast(u), v⟩ = ⟨u, sum(v)⟩.
    @Test(arguments: [([3, 1], [2, 3, 4]), ([4], [3, 4]), ([], [2, 3]), ([1, 3, 1], [2, 3, 5])])
    func adjointIdentity(_ small: [Int], _ large: [Int]) {
        var rng = Xoshiro256(seed: 102)
        let u = rng.normalTensor(small), v = rng.normalTensor(large)
        let lhs = GradientCheck.dot(v, u.broadcast(to: large))
        let rhs = GradientCheck.dot(u, v.sum(toShape: small))
        #expect(Swift.abs(lhs - rhs) < 1e-5 * Swift.max(1, Swift.abs(lhs)))
    }
}
