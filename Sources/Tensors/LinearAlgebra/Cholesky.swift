import CLAPACKE

/// Solves A X = B for symmetric positive definite A by Cholesky: `dpotrf` (A = L Lᵀ, lower
/// triangle of A is read) then `dpotrs`.
///
/// - Parameters:
///   - a: A, n×n symmetric positive definite (only its lower triangle is used).
///   - b: B, n×r.
/// - Returns: X, n×r.
/// - Throws: `notPositiveDefinite` (with the failing leading-minor order) when A is not positive
///   definite; `shapeMismatch`; `nonFinite`.
public func choleskySolve(_ a: Matrix64, _ b: Matrix64) throws(LinearAlgebraError) -> Matrix64 {
    let factor = try CholeskyFactor(a, operation: "choleskySolve")
    return try factor.solve(b, operation: "choleskySolve")
}

/// The lower Cholesky factor of a symmetric positive definite matrix, stored as LAPACK leaves
/// it (row-major, only the lower triangle meaningful). Shared by `choleskySolve` and the Gram
/// route of `fastPseudoInverse`.
struct CholeskyFactor {
    let n: Int
    let factor: [Double]

    init(_ a: Matrix64, operation: String) throws(LinearAlgebraError) {
        guard a.rows == a.cols else {
            throw .shapeMismatch(operation: operation, details: "A must be square, got \(a.rows)×\(a.cols)")
        }
        try a.requireFinite(operation, "A")
        n = a.rows
        var f = a.scalars
        if n > 0 {
            let n32 = try lapackInt(n, operation)
            let info = f.withUnsafeMutableBufferPointer { p in
                LAPACKE_dpotrf(xc_lapack_row_major(), CChar(UInt8(ascii: "L")), n32, p.baseAddress, n32)
            }
            if info > 0 { throw .notPositiveDefinite(operation: operation, leadingMinor: Int(info)) }
            guard info == 0 else { throw .lapackFailure(routine: "LAPACKE_dpotrf", info: Int(info)) }
        }
        factor = f
    }

    /// X with A X = B (B n×r).
    func solve(_ b: Matrix64, operation: String) throws(LinearAlgebraError) -> Matrix64 {
        guard b.rows == n else {
            throw .shapeMismatch(operation: operation, details: "A is \(n)×\(n) but B is \(b.rows)×\(b.cols); B needs \(n) rows")
        }
        try b.requireFinite(operation, "B")
        var x = b.scalars
        if n == 0 || b.cols == 0 { return b }
        let n32 = try lapackInt(n, operation), r32 = try lapackInt(b.cols, operation)
        let info = factor.withUnsafeBufferPointer { pf in
            x.withUnsafeMutableBufferPointer { px in
                LAPACKE_dpotrs(xc_lapack_row_major(), CChar(UInt8(ascii: "L")), n32, r32, pf.baseAddress, n32,
                               px.baseAddress, r32)
            }
        }
        guard info == 0 else { throw .lapackFailure(routine: "LAPACKE_dpotrs", info: Int(info)) }
        return Matrix64(uncheckedRows: n, cols: b.cols, scalars: x)
    }

    /// LAPACK's estimate (`dpocon`) of the reciprocal 1-norm condition number
    /// 1 / (‖A‖₁ ‖A⁻¹‖₁) of the factored matrix, given ‖A‖₁.
    func reciprocalCondition(oneNorm: Double) throws(LinearAlgebraError) -> Double {
        if n == 0 { return 1 }
        let n32 = try lapackInt(n, "reciprocalCondition")
        var rcond = 0.0
        let info = factor.withUnsafeBufferPointer { pf in
            LAPACKE_dpocon(xc_lapack_row_major(), CChar(UInt8(ascii: "L")), n32, pf.baseAddress, n32, oneNorm, &rcond)
        }
        guard info == 0 else { throw .lapackFailure(routine: "LAPACKE_dpocon", info: Int(info)) }
        return rcond
    }
}
