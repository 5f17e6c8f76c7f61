import COpenBLAS

/// C ← α·op(A)·op(B) + β·C on caller-owned row-major Float32 buffers (one `cblas_sgemm`), for
/// hot loops that reuse their activation buffers instead of allocating a `Tensor` per product.
/// Shapes: op(A) is [m, k], op(B) is [k, n], C is [m, n] with leading dimensions lda, ldb, ldc
/// (the row lengths of A, B and C as stored).
public enum BufferGEMM {
    public static func multiply(m: Int, n: Int, k: Int,
                                _ a: UnsafePointer<Float>, lda: Int, transposeA: Bool = false,
                                _ b: UnsafePointer<Float>, ldb: Int, transposeB: Bool = false,
                                into c: UnsafeMutablePointer<Float>, ldc: Int,
                                alpha: Float = 1, beta: Float = 0) {
        precondition(m >= 0 && n >= 0 && k >= 0 && m <= Int(Int32.max) && n <= Int(Int32.max) && k <= Int(Int32.max),
                     "BufferGEMM: extents \(m)x\(k)·\(k)x\(n) outside 0…Int32.max")
        guard m > 0, n > 0 else { return }
        cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }
}
