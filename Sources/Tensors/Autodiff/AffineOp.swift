import COpenBLAS

extension Variable {
    /// Affine map y = x·Wᵀ + b as one GEMM: the output is filled with the bias rows and
    /// `cblas_sgemm` accumulates into it (β = 1), instead of a GEMM into zeros followed by a
    /// broadcast add over the whole `[B, out]` output.
    ///
    /// Shapes: x `[B, in]`, W `[out, in]`, b `[out]` → `[B, out]`.
    /// Backward, with upstream G: ∂x = G·W, ∂W = Gᵀ·x, ∂b = Σ_rows G — differentiable ops, so
    /// higher orders stay exact.
    public static func affine(_ x: Variable, weight w: Variable, bias b: Variable) -> Variable {
        precondition(x.rank == 2 && w.rank == 2 && b.rank == 1 && x.shape[1] == w.shape[1] && b.shape[0] == w.shape[0],
                     "affine: expected x [B, in], W [out, in], b [out]; got \(x.shape), \(w.shape), \(b.shape)")
        let rows = x.shape[0], inner = x.shape[1], outs = w.shape[0]
        let out = Tensor(shape: [rows, outs]) { y in
            // The bias rows by doubling: log₂(B) large copies instead of B short ones.
            guard rows > 0, outs > 0 else { return }
            b.value.scalars.withUnsafeBufferPointer { bias in y.baseAddress!.update(from: bias.baseAddress!, count: outs) }
            var filled = 1
            while filled < rows {
                let n = Swift.min(filled, rows - filled)
                (y.baseAddress! + filled * outs).update(from: y.baseAddress!, count: n * outs)
                filled += n
            }
            guard inner > 0 else { return }
            x.value.scalars.withUnsafeBufferPointer { px in
                w.value.scalars.withUnsafeBufferPointer { pw in
                    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(outs), Int32(inner), 1,
                                px.baseAddress, Int32(inner), pw.baseAddress, Int32(inner), 1, y.baseAddress, Int32(outs))
                }
            }
        }
        return record(out, [x, w, b]) { g, need in
            [need[0] ? matmul(g, w) : nil,
             need[1] ? matmul(g, x, transposeA: true) : nil,
             need[2] ? g.sum(axes: [0]) : nil]
        }
    }
}
