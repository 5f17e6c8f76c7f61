/// Differentiable matrix product `op(a)·op(b)` (one `cblas_sgemm`; gradients are two more
/// GEMMs with transpose flags, never explicit transposes).
///
/// With C = op(A)·op(B) and upstream gradient G:
/// - ∂A = G·op(B)ᵀ, or op(B)·Gᵀ when A enters transposed;
/// - ∂B = op(A)ᵀ·G, or Gᵀ·op(A) when B enters transposed.
extension Variable {
    public static func matmul(_ a: Variable, _ b: Variable, transposeA ta: Bool = false, transposeB tb: Bool = false) -> Variable {
        record(Tensor.matmul(a.value, b.value, transposeA: ta, transposeB: tb), [a, b]) { g, need in
            let ga: Variable? = need[0] ? (ta ? matmul(b, g, transposeA: tb, transposeB: true)
                                              : matmul(g, b, transposeB: !tb)) : nil
            let gb: Variable? = need[1] ? (tb ? matmul(g, a, transposeA: true, transposeB: ta)
                                              : matmul(a, g, transposeA: !ta)) : nil
            return [ga, gb]
        }
    }
}
