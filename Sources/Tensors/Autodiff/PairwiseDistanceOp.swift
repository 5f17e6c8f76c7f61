import COpenBLAS

extension Variable {
    /// All-pairs negative squared distances, S_ij = −‖a_i − b_j‖² = 2a_i·b_j − ‖a_i‖² − ‖b_j‖².
    ///
    /// Shapes: a `[B, C]`, b `[M, C]` → `[B, M]`. One GEMM (α = 2) and one pass that subtracts
    /// the squared norms, instead of three broadcast passes over the `[B, M]` matrix and their
    /// backward passes (InfoNCE's hot spot with B = M = 512).
    ///
    /// Backward, with upstream G: ∂a = 2·G·b − 2·diag(G·1)·a, ∂b = 2·Gᵀ·a − 2·diag(Gᵀ·1)·b,
    /// written with differentiable ops so higher orders stay exact. Caveat: like the unfused
    /// form, the expansion cancels when ‖a_i‖² ≫ ‖a_i − b_j‖² (far-from-origin embeddings);
    /// S is then accurate to about ε·‖a_i‖² absolutely.
    public static func negativeSquaredDistances(_ a: Variable, _ b: Variable) -> Variable {
        precondition(a.rank == 2 && b.rank == 2 && a.shape[1] == b.shape[1],
                     "negativeSquaredDistances: expected [B, C] and [M, C], got \(a.shape) and \(b.shape)")
        let rows = a.shape[0], cols = b.shape[0], c = a.shape[1]
        let na = a.value.rowSquaredNorms(), nb = b.value.rowSquaredNorms()
        let out = Tensor(shape: [rows, cols]) { o in
            guard rows > 0, cols > 0 else { return }
            if c == 0 {
                for i in 0..<o.count { o[i] = 0 }
                return
            }
            a.value.scalars.withUnsafeBufferPointer { pa in
                b.value.scalars.withUnsafeBufferPointer { pb in
                    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(cols), Int32(c), 2,
                                pa.baseAddress, Int32(c), pb.baseAddress, Int32(c), 0, o.baseAddress, Int32(cols))
                }
            }
            for i in 0..<rows {
                let row = o.baseAddress! + i * cols, ni = na[i]
                for j in 0..<cols { row[j] -= ni + nb[j] }
            }
        }
        return record(out, [a, b]) { g, need in
            let ga: Variable? = need[0] ? (matmul(g, b) - g.sum(axes: [1], keepingDimensions: true) * a) * 2 : nil
            let gb: Variable? = need[1] ? (matmul(g, a, transposeA: true) - g.sum(axes: [0]).reshaped([cols, 1]) * b) * 2 : nil
            return [ga, gb]
        }
    }
}

extension Tensor {
    /// ‖row_i‖² of a rank-2 tensor, in Float (one value per row).
    func rowSquaredNorms() -> [Float] {
        let n = shape[1]
        return (0..<shape[0]).map { i in
            var s: Float = 0
            for j in 0..<n { let v = scalars[i * n + j]; s += v * v }
            return s
        }
    }
}
