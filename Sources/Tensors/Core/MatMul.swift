import COpenBLAS

/// Matrix products through OpenBLAS `cblas_sgemm` (row-major).
extension Tensor {
    /// `op(a) · op(b)` for rank-2 tensors, where `op` transposes when the flag is set.
    /// Shapes: op(a) is [m, k], op(b) is [k, n], the result [m, n].
    public static func matmul(_ a: Tensor, _ b: Tensor, transposeA ta: Bool = false, transposeB tb: Bool = false) -> Tensor {
        precondition(a.rank == 2 && b.rank == 2, "matmul: needs rank-2 operands, got \(a.shape) and \(b.shape)")
        let m = ta ? a.shape[1] : a.shape[0], k = ta ? a.shape[0] : a.shape[1]
        let k2 = tb ? b.shape[1] : b.shape[0], n = tb ? b.shape[0] : b.shape[1]
        precondition(k == k2, "matmul: inner extents differ: op(a) \(m)x\(k), op(b) \(k2)x\(n)")
        if m == 0 || n == 0 { return Tensor(zeros: [m, n]) }
        if k == 0 { return Tensor(zeros: [m, n]) }
        return Tensor(shape: [m, n]) { out in
            a.scalars.withUnsafeBufferPointer { pa in
                b.scalars.withUnsafeBufferPointer { pb in
                    cblas_sgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans,
                                Int32(m), Int32(n), Int32(k), 1, pa.baseAddress, Int32(a.shape[1]),
                                pb.baseAddress, Int32(b.shape[1]), 0, out.baseAddress, Int32(n))
                }
            }
        }
    }
}
