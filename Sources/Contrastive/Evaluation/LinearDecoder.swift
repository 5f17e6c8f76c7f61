import Tensors

/// Ordinary least squares with an intercept, fitted in Float64: the linear read-out used to
/// check which embedding block carries which variable (xcebra.md §10's R² diagnostic).
public struct LinearDecoder: Sendable {
    /// Coefficients `[p + 1, k]` (last row: intercept).
    public let coefficients: Matrix64

    /// Fits Y ≈ [X, 1]·W on rows `rows` of X `[T, p]` and Y `[T, k]` (row-major Double).
    public init(x: [Double], p: Int, y: [Double], k: Int, rows: [Int]) throws {
        var a = [Double](repeating: 1, count: rows.count * (p + 1))
        var b = [Double](repeating: 0, count: rows.count * k)
        for (r, t) in rows.enumerated() {
            for j in 0..<p { a[r * (p + 1) + j] = x[t * p + j] }
            for j in 0..<k { b[r * k + j] = y[t * k + j] }
        }
        coefficients = try leastSquares(Matrix64(rows: rows.count, cols: p + 1, scalars: a), Matrix64(rows: rows.count, cols: k, scalars: b),
                                        rcond: 1e-10).solution
    }

    /// Coefficient of determination on `rows`, pooled over the k outputs:
    /// R² = 1 − Σ(y − ŷ)² / Σ(y − ȳ)², with ȳ the per-column mean over those rows.
    public func r2(x: [Double], p: Int, y: [Double], k: Int, rows: [Int]) -> Double {
        var mean = [Double](repeating: 0, count: k)
        for t in rows { for j in 0..<k { mean[j] += y[t * k + j] } }
        for j in 0..<k { mean[j] /= Double(max(rows.count, 1)) }
        var ssRes = 0.0, ssTot = 0.0
        for t in rows {
            for j in 0..<k {
                var pred = coefficients[p, j]
                for i in 0..<p { pred += x[t * p + i] * coefficients[i, j] }
                ssRes += (y[t * k + j] - pred) * (y[t * k + j] - pred)
                ssTot += (y[t * k + j] - mean[j]) * (y[t * k + j] - mean[j])
            }
        }
        return ssTot > 0 ? 1 - ssRes / ssTot : 0
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
