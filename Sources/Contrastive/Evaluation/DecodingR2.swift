/// The coefficient of determination every decoder here reports, pooled over the k outputs:
///
///     R² = 1 − Σ_t Σ_j (y_tj − ŷ_tj)² / Σ_t Σ_j (y_tj − ȳ_j)²
///
/// over the scored rows t, with ȳ_j the mean of output j over those rows (0 when the target is
/// constant there). Pooling weights the outputs by their variance, so (cos, sin) of an angle
/// count as one variable.
public enum DecodingR2 {
    /// R² against `y` (row-major `[T, k]`) on `rows`, with `predicted(r, j)` the prediction of
    /// output j for sample `rows[r]`.
    public static func pooled(y: [Double], k: Int, rows: [Int], predicted: (_ position: Int, _ output: Int) -> Double) -> Double {
        var mean = [Double](repeating: 0, count: k)
        for t in rows { for j in 0..<k { mean[j] += y[t * k + j] } }
        for j in 0..<k { mean[j] /= Double(max(rows.count, 1)) }
        var ssRes = 0.0, ssTot = 0.0
        for (r, t) in rows.enumerated() {
            for j in 0..<k {
                let residual = y[t * k + j] - predicted(r, j)
                ssRes += residual * residual
                ssTot += (y[t * k + j] - mean[j]) * (y[t * k + j] - mean[j])
            }
        }
        return ssTot > 0 ? 1 - ssRes / ssTot : 0
    }
}
