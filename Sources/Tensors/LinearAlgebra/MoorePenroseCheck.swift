/// Which of the four Moore–Penrose conditions a candidate inverse X of J satisfies.
public struct MoorePenroseConditions: Sendable, Equatable {
    /// J X J ≈ J.
    public var jxjEqualsJ: Bool
    /// X J X ≈ X.
    public var xjxEqualsX: Bool
    /// (J X)ᵀ ≈ J X.
    public var jxSymmetric: Bool
    /// (X J)ᵀ ≈ X J.
    public var xjSymmetric: Bool
    /// All four hold, i.e. X = J⁺ within tolerance.
    public var all: Bool { jxjEqualsJ && xjxEqualsX && jxSymmetric && xjSymmetric }
}

/// Checks the Moore–Penrose conditions for J (m×n) and X (n×m), elementwise with NumPy's
/// `allclose` rule |a − b| ≤ atol + rtol·|b|, where b is the right-hand side of each condition
/// (J, X, J X, X J). Products use `dgemm` in float64. NaN anywhere makes a condition fail.
///
/// - Throws: `shapeMismatch` when X is not n×m.
public func moorePenroseCheck(_ j: Matrix64, _ x: Matrix64, atol: Double = 1e-8,
                              rtol: Double = 1e-5) throws(LinearAlgebraError) -> MoorePenroseConditions {
    guard x.rows == j.cols, x.cols == j.rows else {
        throw .shapeMismatch(operation: "moorePenroseCheck",
                             details: "J is \(j.rows)×\(j.cols) so X must be \(j.cols)×\(j.rows), got \(x.rows)×\(x.cols)")
    }
    let jx = try Matrix64.matmul(j, x)     // m×m
    let xj = try Matrix64.matmul(x, j)     // n×n
    let jxj = try Matrix64.matmul(jx, j)   // m×n
    let xjx = try Matrix64.matmul(xj, x)   // n×m
    func close(_ a: Matrix64, _ b: Matrix64) -> Bool {
        for i in 0..<a.scalars.count {
            let bi = b.scalars[i]
            // Written so that NaN fails the comparison.
            if !(Swift.abs(a.scalars[i] - bi) <= atol + rtol * Swift.abs(bi)) { return false }
        }
        return true
    }
    return MoorePenroseConditions(jxjEqualsJ: close(jxj, j), xjxEqualsX: close(xjx, x),
                                  jxSymmetric: close(jx.transposed, jx), xjSymmetric: close(xj.transposed, xj))
}
