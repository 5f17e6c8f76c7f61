/// A⁺ of a full-rank matrix through its Gram matrix, falling back to the SVD route
/// (`pseudoInverse`) when the Gram matrix is not safely well conditioned.
///
/// **Formula.** For A m×n with m ≤ n (wide, e.g. a d×n Jacobian with d ≪ n):
/// A⁺ = Aᵀ (A Aᵀ)⁻¹, computed as (G⁻¹ A)ᵀ with G = A Aᵀ (m×m, `dgemm`) factored by Cholesky
/// (`dpotrf`/`dpotrs`). For m > n (tall): A⁺ = (AᵀA)⁻¹ Aᵀ. Both are exact when A has full
/// rank min(m, n), and cost O(min(m,n)²·max(m,n)) with a smaller constant than the SVD.
///
/// **Condition test.** Let k = min(m, n), G the k×k Gram matrix, and r̂ LAPACK's estimate
/// (`dpocon`) of the reciprocal 1-norm condition number 1/(‖G‖₁‖G⁻¹‖₁). The Cholesky route is
/// taken iff `dpotrf` succeeds and
///
///     r̂ ≥ γ = max(minimumReciprocalCondition, 100 · k · τ²),
///
/// where τ bounds the relative cutoff threshold/σ_max of `cutoff` (for `.scipyFloat32`,
/// τ = max(m,n)·1.19e-7; for `.relative(r)`, τ = r; for `.absolute(t)`, τ² = t²·√k/‖G‖₁ ≥
/// t²/σ_max²). Why this is safe:
/// - κ₂(G) = (σ_max/σ_min)², and norm equivalence gives r̂₁ ≤ k·(σ_min/σ_max)²; the estimator
///   underestimates ‖G⁻¹‖₁ by at most a small factor in practice (≤ 10 is generous), so r̂ ≥ γ
///   implies (σ_min/σ_max)² ≥ γ/(10k) ≥ 10·τ²: no singular value is near the cutoff, so the SVD
///   route would keep all of them and both routes define the same A⁺.
/// - The normal-equations error is ≈ κ₂(G)·ε₆₄·‖A⁺‖; with the default
///   `minimumReciprocalCondition` = 1e-8 (κ(G) ≲ 1e8·k) it stays ≲ 1e-8 relative, inside the
///   Moore–Penrose tolerance (1e-8 absolute + 1e-5 relative).
/// For a 6×50 Jacobian with `.scipyFloat32`: τ = 5.96e-6, γ = max(1e-8, 2.1e-8) = 2.1e-8.
///
/// - Returns: A⁺ with `route == .cholesky` (rank k, no threshold) or the SVD result.
/// - Throws: `nonFinite`, `invalidCutoff`, `lapackFailure`; never `notPositiveDefinite` (that
///   case falls back).
public func fastPseudoInverse(_ a: Matrix64, cutoff: PseudoInverseCutoff = .scipyFloat32,
                              minimumReciprocalCondition: Double = 1e-8) throws(LinearAlgebraError) -> PseudoInverse {
    try cutoff.validate("fastPseudoInverse")
    guard minimumReciprocalCondition.isFinite, minimumReciprocalCondition >= 0 else {
        throw .invalidCutoff(operation: "fastPseudoInverse", value: minimumReciprocalCondition)
    }
    try a.requireFinite("fastPseudoInverse", "A")
    let m = a.rows, n = a.cols, k = Swift.min(m, n)
    if k == 0 { return try pseudoInverse(a, cutoff: cutoff) }
    let wide = m <= n
    // G = A Aᵀ (wide) or AᵀA (tall), k×k.
    let gram = try Matrix64.matmul(a, transposed: !wide, a, transposed: wide)
    var oneNorm = 0.0
    for j in 0..<k {
        var s = 0.0
        for i in 0..<k { s += Swift.abs(gram.scalars[i * k + j]) }
        oneNorm = Swift.max(oneNorm, s)
    }
    let tauSquared: Double
    switch cutoff {
    case .scipyFloat32:
        let t = Double(Swift.max(m, n)) * Double(Float.ulpOfOne)
        tauSquared = t * t
    case .relative(let r): tauSquared = r * r
    case .absolute(let t): tauSquared = oneNorm > 0 ? t * t * Double(k).squareRoot() / oneNorm : .infinity
    }
    let gamma = Swift.max(minimumReciprocalCondition, 100 * Double(k) * tauSquared)
    let factor: CholeskyFactor
    do {
        factor = try CholeskyFactor(gram, operation: "fastPseudoInverse")
    } catch .notPositiveDefinite {
        return try pseudoInverse(a, cutoff: cutoff)
    }
    let rcond = try factor.reciprocalCondition(oneNorm: oneNorm)
    guard rcond.isFinite, rcond >= gamma else { return try pseudoInverse(a, cutoff: cutoff) }
    let x: Matrix64
    if wide {
        x = try factor.solve(a, operation: "fastPseudoInverse").transposed   // (G⁻¹A)ᵀ = Aᵀ G⁻¹
    } else {
        x = try factor.solve(a.transposed, operation: "fastPseudoInverse")   // G⁻¹ Aᵀ
    }
    return PseudoInverse(matrix: x, rank: k, threshold: nil, route: .cholesky)
}
