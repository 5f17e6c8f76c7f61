import Testing
@testable import Tensors

/// First-order checks of the shape and indexing ops: reshaped, slice, padded, concatenate,
/// gatherRows, scatterAddRows, transposed, unfolded, folded and l2NormalizedRows.
@Suite struct ShapeGradientTests {
    @Test(arguments: [[6, -1], [-1], [4, 3, 2], [2, 3, 4]])
    func reshaped(_ shape: [Int]) {
        var rng = Xoshiro256(seed: 41)
        expectGradientsMatch([rng.normalTensor([2, 3, 4])]) { v in v[0].reshaped(shape) }
    }

    /// A strict sub-range of each axis of a [3, 4, 5] input, plus the full range (which returns
    /// the input itself) and a negative axis.
    @Test(arguments: [(0, 1..<3), (1, 0..<2), (2, 2..<5), (-1, 1..<4), (1, 0..<4), (2, 3..<4)])
    func slice(axis: Int, range: Range<Int>) {
        var rng = Xoshiro256(seed: 42)
        expectGradientsMatch([rng.normalTensor([3, 4, 5])]) { v in v[0].slice(axis: axis, range) }
    }

    @Test(arguments: [(0, 1..<3, 5), (1, 2..<4, 6), (2, 0..<5, 7), (-1, 2..<7, 7)])
    func padded(axis: Int, range: Range<Int>, size: Int) {
        var rng = Xoshiro256(seed: 43)
        var shape = [3, 2, 5]
        shape[axis < 0 ? axis + 3 : axis] = range.count
        expectGradientsMatch([rng.normalTensor(shape)]) { v in v[0].padded(axis: axis, at: range, size: size) }
    }

    /// Three parts of different extents (1, 2, 3) along each axis of a rank-3 layout.
    @Test(arguments: [0, 1, 2, -1])
    func concatenate(axis: Int) {
        var rng = Xoshiro256(seed: 44)
        let parts = [1, 2, 3].map { n in
            var shape = [2, 3, 4]
            shape[axis < 0 ? axis + 3 : axis] = n
            return rng.normalTensor(shape)
        }
        expectGradientsMatch(parts) { v in Variable.concatenate(v, axis: axis) }
    }

    /// Repeated indices (row 2 three times) must accumulate; row 1 is never gathered and
    /// gets a zero gradient. Rank 3 checks that a "row" is a whole trailing block.
    @Test func gatherRows() {
        var rng = Xoshiro256(seed: 45)
        let indices = [2, 0, 2, 3, 2]
        expectGradientsMatch([rng.normalTensor([4, 3])]) { v in v[0].gatherRows(indices) }
        expectGradientsMatch([rng.normalTensor([4, 2, 3])]) { v in v[0].gatherRows(indices) }
        let x = Variable(rng.normalTensor([4, 3]), requiresGradient: true)
        let g = gradients(of: x.gatherRows(indices).sum(), withRespectTo: [x])[0].value
        #expect(g.rows == [[1, 1, 1], [0, 0, 0], [3, 3, 3], [1, 1, 1]])
    }

    @Test func scatterAddRows() {
        var rng = Xoshiro256(seed: 46)
        let indices = [1, 3, 1, 0, 1]
        expectGradientsMatch([rng.normalTensor([5, 3])]) { v in v[0].scatterAddRows(indices, rowCount: 4) }
        expectGradientsMatch([rng.normalTensor([5, 2, 2])]) { v in v[0].scatterAddRows(indices, rowCount: 6) }
    }

    @Test(arguments: [[3, 5], [5, 3], [1, 4], [4, 4]])
    func transposed(_ shape: [Int]) {
        var rng = Xoshiro256(seed: 47)
        expectGradientsMatch([rng.normalTensor(shape)]) { v in v[0].transposed() }
    }

    @Test(arguments: [1, 2, 3, 6])
    func unfolded(kernelSize k: Int) {
        var rng = Xoshiro256(seed: 48)
        expectGradientsMatch([rng.normalTensor([2, 6, 3])]) { v in v[0].unfolded(kernelSize: k) }
    }

    @Test(arguments: [1, 2, 3])
    func folded(kernelSize k: Int) {
        var rng = Xoshiro256(seed: 49)
        let length = 5, channels = 2
        expectGradientsMatch([rng.normalTensor([2, length - k + 1, k * channels])]) { v in
            v[0].folded(kernelSize: k, length: length)
        }
    }

    /// Rows of norm ≈ 1…3: the Jacobian (I − yyᵀ)/‖x‖ has no singularity nearby.
    @Test(arguments: [[4, 5], [2, 3, 4], [3, 1]])
    func l2NormalizedRows(_ shape: [Int]) {
        var rng = Xoshiro256(seed: 50)
        var x = rng.normalTensor(shape)
        x.scalars[0] += 1.5  // keeps the [3, 1] case's first row off zero
        for i in 0..<x.count where Swift.abs(x.scalars[i]) < 0.3 { x.scalars[i] = 0.3 }
        expectGradientsMatch([x]) { v in v[0].l2NormalizedRows() }
    }

    /// Unit rows, and a gradient orthogonal to each row (rescaling x does not change y).
    @Test func l2NormalizedRowsValues() {
        let x = Variable(Tensor(rows: [[3, 4], [-1, 0], [1, 1]]), requiresGradient: true)
        let y = x.l2NormalizedRows()
        let expected: [[Float]] = [[0.6, 0.8], [-1, 0], [0.70710677, 0.70710677]]
        for (row, e) in zip(y.value.rows, expected) {
            #expect(zip(row, e).allSatisfy { Swift.abs($0 - $1) < 1e-6 })
        }
        let w = Variable(Tensor(rows: [[1, -2], [0.5, 3], [2, 1]]))
        let g = gradients(of: (y * w).sum(), withRespectTo: [x])[0].value
        for (gr, xr) in zip(g.rows, x.value.rows) {
            #expect(Swift.abs(gr[0] * xr[0] + gr[1] * xr[1]) < 1e-6)
        }
    }
}
