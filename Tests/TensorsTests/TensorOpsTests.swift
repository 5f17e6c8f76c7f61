import Testing
@testable import Tensors

/// Hand-computed values of the non-arithmetic `Tensor` ops: reductions, reshaping, slicing,
/// padding, concatenation, row gather/scatter, transposition and sliding windows.
@Suite struct TensorOpsTests {
    /// [[1, 2, 3], [4, 5, 6]]
    static let m = Tensor(rows: [[1, 2, 3], [4, 5, 6]])
    /// t[i, j, k] = 100i + 10j + k, shape [2, 3, 4]
    static let t: Tensor = {
        var scalars: [Float] = []
        for i in 0..<2 { for j in 0..<3 { for k in 0..<4 { scalars.append(Float(100 * i + 10 * j + k)) } } }
        return Tensor(shape: [2, 3, 4], scalars: scalars)
    }()

    @Test func sumMeanMax() {
        #expect(Self.m.sum(axes: [0]).scalars == [5, 7, 9])
        #expect(Self.m.sum(axes: [1]).scalars == [6, 15])
        #expect(Self.m.sum(axes: [-1], keepingDimensions: true).shape == [2, 1])
        let all = Self.m.sum()
        #expect(all.shape == [] && all.scalar == 21)
        #expect(Self.m.sum(keepingDimensions: true).shape == [1, 1])
        #expect(Self.m.mean(axes: [1]).scalars == [2, 5])
        #expect(Self.m.mean(axes: [0], keepingDimensions: true).rows == [[2.5, 3.5, 4.5]])
        #expect(Self.m.mean().scalar == 3.5)
        #expect(Self.m.max(axis: 0).scalars == [4, 5, 6])
        #expect(Self.m.max(axis: 1, keepingDimensions: true).rows == [[3], [6]])
        #expect(Tensor(rows: [[-3, -7], [-5, -1]]).max(axis: 1).scalars == [-3, -1])
        #expect(Self.m.sumOfAll == 21)

        // rank 3, two non-adjacent axes: Σ_{i,k} (100i + 10j + k) = 4·100 + 8·10j + 2·6
        let s = Self.t.sum(axes: [0, 2])
        #expect(s.shape == [3] && s.scalars == [412, 492, 572])
        #expect(Self.t.sum(axes: [2, 0], keepingDimensions: true).shape == [1, 3, 1])
        // mean over j of 100i + 10j + k = 100i + 10 + k
        #expect(Self.t.mean(axes: [1]).scalars == [10, 11, 12, 13, 110, 111, 112, 113])
        #expect(Self.t.max(axis: 1).scalars == [20, 21, 22, 23, 120, 121, 122, 123])
    }

    /// Each output element accumulates in Double: 10⁶ copies of 0.1f sum to 100000.0015,
    /// which rounds to 100000 in Float32 (a Float32 running sum drifts by ~1%).
    @Test func sumAccumulatesInDouble() {
        let x = Tensor(repeating: 0.1, shape: [1_000_000])
        #expect(x.sum().scalar == 100_000)
        #expect(Swift.abs(x.mean().scalar - 0.1) < 1e-8)
    }

    @Test func reshaped() {
        #expect(Self.t.reshaped([6, -1]).shape == [6, 4])
        #expect(Self.t.reshaped([-1, 3, 2]).shape == [4, 3, 2])
        #expect(Self.t.reshaped([-1]).shape == [24])
        #expect(Self.t.reshaped([4, -1]).scalars == Self.t.scalars)
        #expect(Tensor(7).reshaped([1, -1]).shape == [1, 1])
    }

    @Test func sliceAndPadded() {
        #expect(Self.m.slice(axis: 1, 1..<3).rows == [[2, 3], [5, 6]])
        #expect(Self.m.slice(axis: 0, 1..<2).rows == [[4, 5, 6]])
        #expect(Self.m.slice(axis: -1, 0..<0).shape == [2, 0])
        let mid = Self.t.slice(axis: 1, 2..<3)
        #expect(mid.shape == [2, 1, 4] && mid.scalars == [20, 21, 22, 23, 120, 121, 122, 123])
        #expect(Self.t.slice(axis: 2, 1..<3).scalars == [1, 2, 11, 12, 21, 22, 101, 102, 111, 112, 121, 122])

        #expect(Self.m.padded(axis: 1, at: 1..<4, size: 5).rows == [[0, 1, 2, 3, 0], [0, 4, 5, 6, 0]])
        #expect(Self.m.padded(axis: 0, at: 2..<4, size: 4).rows == [[0, 0, 0], [0, 0, 0], [1, 2, 3], [4, 5, 6]])
        // slice undoes padded
        #expect(Self.t.padded(axis: 1, at: 1..<4, size: 6).slice(axis: 1, 1..<4) == Self.t)
    }

    @Test func concatenate() {
        let a = Tensor(rows: [[1], [2]]), b = Tensor(rows: [[3, 4], [5, 6]]), c = Tensor(rows: [[7], [8]])
        #expect(Tensor.concatenate([a, b, c], axis: 1).rows == [[1, 3, 4, 7], [2, 5, 6, 8]])
        #expect(Tensor.concatenate([Self.m, Tensor(rows: [[7, 8, 9]])], axis: 0).rows == [[1, 2, 3], [4, 5, 6], [7, 8, 9]])
        // rank 3 along each axis: the pieces of a split reassemble the whole
        for axis in 0..<3 {
            let n = Self.t.shape[axis]
            let cuts = [0, 1, n - 1, n].filter { $0 <= n }
            let parts = zip(cuts, cuts.dropFirst()).map { Self.t.slice(axis: axis, $0..<$1) }
            #expect(Tensor.concatenate(parts, axis: axis) == Self.t, "axis \(axis)")
        }
    }

    @Test func gatherAndScatterRows() {
        let x = Tensor(rows: [[1, 2], [3, 4], [5, 6]])
        #expect(x.gatherRows([2, 0, 2]).rows == [[5, 6], [1, 2], [5, 6]])
        #expect(x.gatherRows([]).shape == [0, 2])
        #expect(Self.t.gatherRows([1, 1]).scalars == Array(Self.t.scalars[12...]) + Array(Self.t.scalars[12...]))
        // row r is added into row indices[r]; row 1 receives nothing
        #expect(x.scatterAddRows([2, 0, 2], rowCount: 4).rows == [[3, 4], [0, 0], [6, 8], [0, 0]])
        // adjoint identity ⟨gather(u), v⟩ = ⟨u, scatter(v)⟩
        var rng = Xoshiro256(seed: 111)
        let u = rng.normalTensor([5, 3]), v = rng.normalTensor([7, 3])
        let idx = [4, 0, 4, 2, 2, 1, 4]
        let lhs = GradientCheck.dot(v, u.gatherRows(idx)), rhs = GradientCheck.dot(u, v.scatterAddRows(idx, rowCount: 5))
        #expect(Swift.abs(lhs - rhs) < 1e-5)
    }

    @Test func transposed() {
        #expect(Self.m.transposed().rows == [[1, 4], [2, 5], [3, 6]])
        // Non-square and larger than one 32×32 tile with ragged edges on both axes.
        for (r, c) in [(37, 70), (70, 37), (1, 33), (64, 64)] {
            let a = Tensor(shape: [r, c], scalars: (0..<(r * c)).map(Float.init))
            let at = a.transposed()
            #expect(at.shape == [c, r])
            var ok = true
            for i in 0..<r { for j in 0..<c where at[j, i] != a[i, j] { ok = false } }
            #expect(ok, "\(r)x\(c)")
            #expect(at.transposed() == a)
        }
    }

    /// x[0] = [[0, 1], [2, 3], [4, 5], [6, 7]] (L = 4, C = 2), kernel 2 → windows of two rows
    /// flattened lag-major; fold sums each element once per window that contains it.
    @Test func unfoldedAndFolded() {
        let x = Tensor(shape: [2, 4, 2], scalars: (0..<16).map(Float.init))
        let u = x.unfolded(kernelSize: 2)
        #expect(u.shape == [2, 3, 4])
        #expect(Array(u.scalars[0..<12]) == [0, 1, 2, 3, 2, 3, 4, 5, 4, 5, 6, 7])
        #expect(Array(u.scalars[12...]) == [8, 9, 10, 11, 10, 11, 12, 13, 12, 13, 14, 15])
        #expect(x.unfolded(kernelSize: 1) == x)
        #expect(x.unfolded(kernelSize: 4).scalars == x.scalars)

        let counts = Tensor(repeating: 1, shape: [1, 3, 4]).folded(kernelSize: 2, length: 4)
        #expect(counts.shape == [1, 4, 2] && counts.scalars == [1, 1, 2, 2, 2, 2, 1, 1])
        let k3 = Tensor(repeating: 1, shape: [1, 3, 3]).folded(kernelSize: 3, length: 5)
        #expect(k3.scalars == [1, 2, 3, 2, 1])
        // fold(unfold(x)) multiplies each element by its window count
        let f = u.folded(kernelSize: 2, length: 4)
        #expect(Array(f.scalars[0..<8]) == [0, 1, 4, 6, 8, 10, 6, 7])

        // adjoint identity ⟨unfold(x), y⟩ = ⟨x, fold(y)⟩
        var rng = Xoshiro256(seed: 112)
        let a = rng.normalTensor([3, 7, 2]), b = rng.normalTensor([3, 5, 6])
        let lhs = GradientCheck.dot(b, a.unfolded(kernelSize: 3)), rhs = GradientCheck.dot(a, b.folded(kernelSize: 3, length: 7))
        #expect(Swift.abs(lhs - rhs) < 1e-5 * Swift.max(1, Swift.abs(lhs)))
    }
}
