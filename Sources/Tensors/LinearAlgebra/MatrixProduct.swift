import COpenBLAS

extension Matrix64 {
    /// `op(a) · op(b)` through `cblas_dgemm` (row-major), where `op` transposes when the flag is set.
    /// Shapes: op(a) is [m, k], op(b) is [k, n], the result [m, n]. NaNs propagate (no check).
    /// - Throws: `shapeMismatch` when the inner extents differ; `dimensionTooLarge` beyond Int32.
    public static func matmul(_ a: Matrix64, transposed ta: Bool = false,
                              _ b: Matrix64, transposed tb: Bool = false) throws(LinearAlgebraError) -> Matrix64 {
        let m = ta ? a.cols : a.rows, k = ta ? a.rows : a.cols
        let k2 = tb ? b.cols : b.rows, n = tb ? b.rows : b.cols
        guard k == k2 else {
            throw .shapeMismatch(operation: "Matrix64.matmul", details: "op(a) is \(m)×\(k) but op(b) is \(k2)×\(n)")
        }
        var out = Matrix64(rows: m, cols: n)
        if m == 0 || n == 0 || k == 0 { return out }
        let m32 = try lapackInt(m, "matmul"), n32 = try lapackInt(n, "matmul"), k32 = try lapackInt(k, "matmul")
        let lda = try lapackInt(Swift.max(a.cols, 1), "matmul"), ldb = try lapackInt(Swift.max(b.cols, 1), "matmul")
        a.scalars.withUnsafeBufferPointer { pa in
            b.scalars.withUnsafeBufferPointer { pb in
                out.scalars.withUnsafeMutableBufferPointer { pc in
                    cblas_dgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans,
                                m32, n32, k32, 1, pa.baseAddress, lda, pb.baseAddress, ldb, 0, pc.baseAddress, n32)
                }
            }
        }
        return out
    }

    /// `self · other` (see `matmul`).
    public func dot(_ other: Matrix64) throws(LinearAlgebraError) -> Matrix64 {
        try Matrix64.matmul(self, other)
    }
}
