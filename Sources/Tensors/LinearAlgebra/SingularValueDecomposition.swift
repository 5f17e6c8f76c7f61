import CLAPACKE

/// The thin singular value decomposition A = U · diag(s) · Vᵀ of an m×n matrix, k = min(m, n).
public struct SingularValueDecomposition: Sendable, Equatable {
    /// Left singular vectors, m×k, orthonormal columns.
    public var u: Matrix64
    /// Singular values σ_1 ≥ … ≥ σ_k ≥ 0.
    public var singularValues: [Double]
    /// Right singular vectors transposed, k×n, orthonormal rows.
    public var vt: Matrix64

    /// U · diag(s) · Vᵀ (reconstruction, for checks).
    public func reconstructed() throws(LinearAlgebraError) -> Matrix64 {
        var us = u
        let k = singularValues.count
        for i in 0..<us.rows { for j in 0..<k { us.scalars[i * k + j] *= singularValues[j] } }
        return try Matrix64.matmul(us, vt)
    }
}

/// Thin SVD of `a` by LAPACK `dgesdd` (divide and conquer, row-major, jobz = 'S').
///
/// - Returns: U (m×k), s (k, descending), Vᵀ (k×n) with k = min(m, n); an empty
///   decomposition for a matrix with a zero extent.
/// - Throws: `nonFinite` for NaN/∞ input; `lapackFailure` if the iteration does not converge.
public func svd(_ a: Matrix64) throws(LinearAlgebraError) -> SingularValueDecomposition {
    let m = a.rows, n = a.cols, k = Swift.min(m, n)
    try a.requireFinite("svd", "A")
    if k == 0 {
        return SingularValueDecomposition(u: Matrix64(rows: m, cols: 0), singularValues: [], vt: Matrix64(rows: 0, cols: n))
    }
    let m32 = try lapackInt(m, "svd"), n32 = try lapackInt(n, "svd"), k32 = try lapackInt(k, "svd")
    var work = a.scalars   // dgesdd destroys its input
    var s = [Double](repeating: 0, count: k)
    var u = [Double](repeating: 0, count: m * k)
    var vt = [Double](repeating: 0, count: k * n)
    let info = work.withUnsafeMutableBufferPointer { pa in
        s.withUnsafeMutableBufferPointer { ps in
            u.withUnsafeMutableBufferPointer { pu in
                vt.withUnsafeMutableBufferPointer { pv in
                    LAPACKE_dgesdd(xc_lapack_row_major(), CChar(UInt8(ascii: "S")), m32, n32, pa.baseAddress, n32,
                                   ps.baseAddress, pu.baseAddress, k32, pv.baseAddress, n32)
                }
            }
        }
    }
    guard info == 0 else { throw .lapackFailure(routine: "LAPACKE_dgesdd", info: Int(info)) }
    return SingularValueDecomposition(u: Matrix64(uncheckedRows: m, cols: k, scalars: u), singularValues: s,
                                      vt: Matrix64(uncheckedRows: k, cols: n, scalars: vt))
}
