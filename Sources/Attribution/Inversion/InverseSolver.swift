/// How each per-sample Jacobian J_b (d × n) is inverted (xcebra.md §7.5); the result X_b
/// (n × d) is stored transposed, d × n.
public enum InverseSolver: String, Sendable, CaseIterable, Codable {
    /// Minimum-norm least squares of J X = I_d (LAPACK `dgelsd`, float64); σ_i ≤ rcond·σ_max
    /// count as zero with rcond = 2.22e-16 (float64 ε, SciPy's default). Equals J⁺ at full
    /// row rank; on rank-deficient J (normalised outputs) it amplifies the noise direction.
    case lsq
    /// J⁺ from the SVD keeping σ_i > max(d, n)·1.19e-7·σ_max (SciPy `pinv` for float32 input;
    /// n = 50 → 5.96e-6·σ_max). Prefer it for normalised models.
    case svd

    /// The relative singular-value cutoff τ (threshold = τ·σ_max) for a d × n Jacobian.
    public func relativeCutoff(rows d: Int, cols n: Int) -> Double {
        switch self {
        case .lsq: return Double.ulpOfOne
        case .svd: return Double(Swift.max(d, n)) * Double(Float.ulpOfOne)
        }
    }
}

/// Which algorithm computes the inverse.
public enum InversionRoute: String, Sendable, CaseIterable, Codable {
    /// For d ≤ n: Xᵀ = (J Jᵀ)⁻¹ J by Cholesky when the Gram matrix is safely well conditioned
    /// (then every σ_i is far above either cutoff and both solvers define J⁺), else the exact
    /// LAPACK route of the solver. See `GramInverse`.
    case fast
    /// Always the solver's LAPACK routine per sample (`dgelsd` or `dgesdd`).
    case exact
}
