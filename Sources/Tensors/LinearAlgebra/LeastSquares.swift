import CLAPACKE

/// The minimum-norm least-squares solution of A X ≈ B.
public struct LeastSquaresSolution: Sendable, Equatable {
    /// X, n×r for A m×n and B m×r: the X of smallest ‖X‖_F among the minimisers of ‖A X − B‖_F.
    public var solution: Matrix64
    /// Effective rank: the number of singular values σ_i > rcond·σ_max.
    public var rank: Int
    /// Singular values of A, descending (k = min(m, n) of them).
    public var singularValues: [Double]
}

/// Minimum-norm least squares X = argmin ‖A X − B‖_F (smallest ‖X‖_F among minimisers) by
/// LAPACK `dgelsd` (SVD-based, divide and conquer), row-major.
///
/// Singular values σ_i ≤ `rcond`·σ_max are treated as zero. The default `rcond` = 2.22e-16 is
/// float64 machine epsilon (`Double.ulpOfOne`), SciPy's `lstsq` default. With B = I_m and A of
/// full row rank the result equals A⁺.
///
/// - Parameters:
///   - a: A, m×n.
///   - b: B, m×r.
///   - rcond: relative singular-value cutoff, finite and ≥ 0.
/// - Throws: `shapeMismatch` when B.rows ≠ A.rows; `nonFinite` for NaN/∞ in A or B;
///   `invalidCutoff`; `lapackFailure` when the SVD does not converge.
public func leastSquares(_ a: Matrix64, _ b: Matrix64, rcond: Double = Double.ulpOfOne) throws(LinearAlgebraError) -> LeastSquaresSolution {
    let m = a.rows, n = a.cols, r = b.cols
    guard b.rows == m else {
        throw .shapeMismatch(operation: "leastSquares", details: "A is \(m)×\(n) but B is \(b.rows)×\(r); B needs \(m) rows")
    }
    guard rcond.isFinite, rcond >= 0 else { throw .invalidCutoff(operation: "leastSquares", value: rcond) }
    try a.requireFinite("leastSquares", "A")
    try b.requireFinite("leastSquares", "B")
    let k = Swift.min(m, n)
    if k == 0 || r == 0 {
        return LeastSquaresSolution(solution: Matrix64(rows: n, cols: r), rank: 0, singularValues: [])
    }
    let m32 = try lapackInt(m, "leastSquares"), n32 = try lapackInt(n, "leastSquares")
    let r32 = try lapackInt(r, "leastSquares")
    // dgelsd overwrites B (max(m, n) × r) with the solution in its first n rows.
    let ldbRows = Swift.max(m, n)
    var work = a.scalars
    var rhs = [Double](repeating: 0, count: ldbRows * r)
    rhs.replaceSubrange(0..<(m * r), with: b.scalars)
    var s = [Double](repeating: 0, count: k)
    var rank: Int32 = 0
    let info = work.withUnsafeMutableBufferPointer { pa in
        rhs.withUnsafeMutableBufferPointer { pb in
            s.withUnsafeMutableBufferPointer { ps in
                LAPACKE_dgelsd(xc_lapack_row_major(), m32, n32, r32, pa.baseAddress, n32, pb.baseAddress, r32,
                               ps.baseAddress, rcond, &rank)
            }
        }
    }
    guard info == 0 else { throw .lapackFailure(routine: "LAPACKE_dgelsd", info: Int(info)) }
    return LeastSquaresSolution(solution: Matrix64(uncheckedRows: n, cols: r, scalars: Array(rhs[0..<(n * r)])),
                                rank: Int(rank), singularValues: s)
}
