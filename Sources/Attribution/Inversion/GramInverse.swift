/// The fast exact pseudo-inverse of one wide Jacobian (d ≤ n), in pure Swift on float64:
///
///     Xᵀ = G⁻¹ J,   G = J Jᵀ (d × d),   so X = Jᵀ (J Jᵀ)⁻¹ = J⁺ when rank J = d.
///
/// G is factored by Cholesky (G = L Lᵀ) and inverted explicitly (d ≤ ~20, so d³ is nothing next
/// to the d²n of the Gram matrix), which gives the exact 1-norm reciprocal condition number
/// r = 1 / (‖G‖₁ ‖G⁻¹‖₁). The route is accepted iff the factorisation succeeds and
///
///     r ≥ γ = max(1e-8, 100·d·τ²)
///
/// with τ the solver's relative cutoff. Why this is exact: ‖·‖₁ ≥ ‖·‖₂/√d gives
/// ‖G‖₁‖G⁻¹‖₁ ≥ κ₂(G)/d, so r ≥ γ ⇒ κ₂(G) = (σ_max/σ_min)² ≤ d/γ ⇒ σ_min/σ_max ≥ 10τ: no σ is
/// near the cutoff, so `lsq` and `svd` both keep all d of them and define the same J⁺. The
/// normal-equations error is ≈ κ₂(G)·ε₆₄ ≤ 1e8·d·2.2e-16 relative, inside the Moore–Penrose
/// tolerance. (Same rule as `Tensors.fastPseudoInverse`, which uses LAPACK's `dpocon`
/// estimate; the exact r here is never larger, so this route is at least as conservative.)
struct GramInverse {
    let d: Int
    let n: Int
    let gamma: Double
    /// Scratch (reused across samples: no allocation per sample).
    private var gram: [Double]
    private var lower: [Double]
    private var inverse: [Double]

    init(rows d: Int, cols n: Int, relativeCutoff tau: Double) {
        self.d = d
        self.n = n
        gamma = Swift.max(1e-8, 100 * Double(d) * tau * tau)
        gram = [Double](repeating: 0, count: d * d)
        lower = [Double](repeating: 0, count: d * d)
        inverse = [Double](repeating: 0, count: d * d)
    }

    /// Writes Xᵀ (d × n) into `out` and returns r, or returns nil (leaving `out` untouched)
    /// when G is not positive definite or r < γ. `conditionOut` receives ‖G‖₁‖G⁻¹‖₁ (∞ when the
    /// factorisation fails).
    mutating func invert(_ j: UnsafeBufferPointer<Double>, into out: UnsafeMutableBufferPointer<Double>,
                         condition conditionOut: inout Double) -> Double? {
        let d = self.d, n = self.n
        conditionOut = .infinity
        return gram.withUnsafeMutableBufferPointer { g in
            lower.withUnsafeMutableBufferPointer { l in
                inverse.withUnsafeMutableBufferPointer { v -> Double? in
                    // G = J Jᵀ (symmetric; both triangles filled).
                    for a in 0..<d {
                        for b in 0...a {
                            var s = 0.0
                            for k in 0..<n { s += j[a * n + k] * j[b * n + k] }
                            g[a * d + b] = s
                            g[b * d + a] = s
                        }
                    }
                    // Cholesky G = L Lᵀ.
                    for a in 0..<d {
                        for b in 0...a {
                            var s = g[a * d + b]
                            for k in 0..<b { s -= l[a * d + k] * l[b * d + k] }
                            if a == b {
                                guard s > 0, s.isFinite else { return nil }
                                l[a * d + a] = s.squareRoot()
                            } else {
                                l[a * d + b] = s / l[b * d + b]
                            }
                        }
                    }
                    // L⁻¹ (lower) into the upper-left of v, column by column, then G⁻¹ = L⁻ᵀ L⁻¹.
                    for c in 0..<d {
                        for a in 0..<d {
                            if a < c { v[a * d + c] = 0; continue }
                            var s = a == c ? 1.0 : 0.0
                            for k in c..<a { s -= l[a * d + k] * v[k * d + c] }
                            v[a * d + c] = s / l[a * d + a]
                        }
                    }
                    // G⁻¹[a, b] = Σ_k L⁻¹[k, a]·L⁻¹[k, b], k ≥ max(a, b); reuse l for the result.
                    for a in 0..<d {
                        for b in 0...a {
                            var s = 0.0
                            for k in a..<d { s += v[k * d + a] * v[k * d + b] }
                            l[a * d + b] = s
                            l[b * d + a] = s
                        }
                    }
                    var normG = 0.0, normInv = 0.0
                    for c in 0..<d {
                        var sg = 0.0, si = 0.0
                        for a in 0..<d { sg += Swift.abs(g[a * d + c]); si += Swift.abs(l[a * d + c]) }
                        normG = Swift.max(normG, sg)
                        normInv = Swift.max(normInv, si)
                    }
                    let kappa = normG * normInv
                    conditionOut = kappa
                    let r = 1 / kappa
                    guard r.isFinite, r >= gamma else { return nil }
                    // Xᵀ = G⁻¹ J.
                    for a in 0..<d {
                        let row = a * n
                        for k in 0..<n { out[row + k] = 0 }
                        for b in 0..<d {
                            let w = l[a * d + b]
                            let src = b * n
                            for k in 0..<n { out[row + k] += w * j[src + k] }
                        }
                    }
                    return r
                }
            }
        }
    }
}
