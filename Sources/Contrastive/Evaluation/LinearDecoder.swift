import Tensors

/// Ordinary least squares with an intercept, fitted in Float64: the linear read-out used to
/// check which embedding block carries which variable (xcebra.md §10's R² diagnostic).
public struct LinearDecoder: Sendable {
    /// Coefficients `[p + 1, k]` (last row: intercept).
    public let coefficients: Matrix64

    /// Fits Y ≈ [X, 1]·W on rows `rows` of X `[T, p]` and Y `[T, k]` (row-major Double) by
    /// minimum-norm least squares (LAPACK `dgelsd`; singular values ≤ rcond·σ_max count as zero).
    public init(x: [Double], p: Int, y: [Double], k: Int, rows: [Int], rcond: Double = 1e-10) throws {
        var a = [Double](repeating: 1, count: rows.count * (p + 1))
        var b = [Double](repeating: 0, count: rows.count * k)
        for (r, t) in rows.enumerated() {
            for j in 0..<p { a[r * (p + 1) + j] = x[t * p + j] }
            for j in 0..<k { b[r * k + j] = y[t * k + j] }
        }
        coefficients = try leastSquares(Matrix64(rows: rows.count, cols: p + 1, scalars: a), Matrix64(rows: rows.count, cols: k, scalars: b),
                                        rcond: rcond).solution
    }

    /// Coefficient of determination on `rows`, pooled over the k outputs (`DecodingR2.pooled`).
    public func r2(x: [Double], p: Int, y: [Double], k: Int, rows: [Int]) -> Double {
        DecodingR2.pooled(y: y, k: k, rows: rows) { r, j in prediction(x: x, p: p, row: rows[r], output: j) }
    }

    /// The fitted value of output `j` at row `t` of X `[T, p]`.
    @inline(__always)
    public func prediction(x: [Double], p: Int, row t: Int, output j: Int) -> Double {
        var pred = coefficients[p, j]
        for i in 0..<p { pred += x[t * p + i] * coefficients[i, j] }
        return pred
    }

    /// Held-out R² of `target` from columns `block` of `embedding` `[T, d]`: fitted on the first
    /// `trainFraction` of the samples, scored on the rest (a contiguous split, so temporal
    /// autocorrelation cannot leak from train to test).
    public static func heldOutR2(embedding: Tensor, block: Range<Int>, target: [Double], targetColumns k: Int,
                                 trainFraction: Double = 0.8) throws -> Double {
        let t = embedding.shape[0], d = embedding.shape[1], p = block.count
        var x = [Double](repeating: 0, count: t * p)
        for i in 0..<t { for (j, c) in block.enumerated() { x[i * p + j] = Double(embedding.scalars[i * d + c]) } }
        let split = Int(Double(t) * trainFraction)
        let decoder = try LinearDecoder(x: x, p: p, y: target, k: k, rows: Array(0..<split))
        return decoder.r2(x: x, p: p, y: target, k: k, rows: Array(split..<t))
    }
}
