import Foundation

/// Quadrature on [0, 1] for integrated gradients: nodes α_k and weights w_k with
/// ∫₀¹ g(α) dα ≈ Σ_k w_k g(α_k) (captum's `approximation_methods`).
///
/// | rule | α_k (k = 0…m−1) | w_k |
/// |---|---|---|
/// | `gaussLegendre` | (1 + t_k)/2, t_k the roots of P_m | v_k/2, v_k the Gauss weights on [−1, 1] |
/// | `riemannLeft` | k/m | 1/m |
/// | `riemannRight` | (k+1)/m | 1/m |
/// | `riemannMiddle` | (k+½)/m | 1/m |
/// | `riemannTrapezoid` | k/(m−1) | 1/(m−1), halved at both ends (m ≥ 2) |
///
/// Gauss–Legendre with m nodes is exact for polynomials of degree ≤ 2m − 1. The roots come
/// from Newton's method on P_m (three-term recurrence, Chebyshev initial guesses
/// cos(π(k + ¾)/(m + ½))) in Double to machine precision; v_k = 2/((1 − t²)·P_m′(t)²).
public enum IntegrationRule: String, Sendable, CaseIterable {
    case gaussLegendre = "gausslegendre"
    case riemannLeft = "riemann_left"
    case riemannRight = "riemann_right"
    case riemannMiddle = "riemann_middle"
    case riemannTrapezoid = "riemann_trapezoid"

    /// Nodes (increasing) and weights for `steps` points.
    public func nodes(_ steps: Int) throws -> (alphas: [Double], weights: [Double]) {
        guard steps >= 1 else { throw AttributionError.invalidOption("integration needs at least one step, got \(steps)") }
        let m = Double(steps)
        switch self {
        case .gaussLegendre:
            let (t, v) = IntegrationRule.legendre(steps)
            return (t.map { (1 + $0) / 2 }, v.map { $0 / 2 })
        case .riemannLeft: return ((0..<steps).map { Double($0) / m }, Array(repeating: 1 / m, count: steps))
        case .riemannRight: return ((0..<steps).map { Double($0 + 1) / m }, Array(repeating: 1 / m, count: steps))
        case .riemannMiddle: return ((0..<steps).map { (Double($0) + 0.5) / m }, Array(repeating: 1 / m, count: steps))
        case .riemannTrapezoid:
            guard steps >= 2 else { throw AttributionError.invalidOption("the trapezoid rule needs at least 2 steps, got \(steps)") }
            let h = 1 / (m - 1)
            var w = Array(repeating: h, count: steps)
            w[0] = h / 2
            w[steps - 1] = h / 2
            return ((0..<steps).map { Double($0) * h }, w)
        }
    }

    /// Gauss–Legendre roots (increasing) and weights on [−1, 1].
    static func legendre(_ m: Int) -> (roots: [Double], weights: [Double]) {
        var roots = [Double](repeating: 0, count: m), weights = [Double](repeating: 0, count: m)
        for k in 0..<((m + 1) / 2) {
            var t = cos(Double.pi * (Double(k) + 0.75) / (Double(m) + 0.5))
            var dp = 0.0
            for _ in 0..<100 {
                // P_0 = 1, P_1 = t, (j+1) P_{j+1} = (2j+1) t P_j − j P_{j−1}.
                var p0 = 1.0, p1 = t
                if m == 1 { p1 = t; p0 = 1 } else {
                    for j in 1..<m {
                        let p2 = (Double(2 * j + 1) * t * p1 - Double(j) * p0) / Double(j + 1)
                        p0 = p1
                        p1 = p2
                    }
                }
                // P_m′(t) = m (t P_m − P_{m−1}) / (t² − 1).
                dp = Double(m) * (t * p1 - p0) / (t * t - 1)
                let dt = p1 / dp
                t -= dt
                if abs(dt) < 1e-16 { break }
            }
            // Recompute P_m′ at the converged root for the weight.
            var p0 = 1.0, p1 = t
            if m > 1 { for j in 1..<m { let p2 = (Double(2 * j + 1) * t * p1 - Double(j) * p0) / Double(j + 1); p0 = p1; p1 = p2 } }
            dp = Double(m) * (t * p1 - p0) / (t * t - 1)
            let w = 2 / ((1 - t * t) * dp * dp)
            roots[m - 1 - k] = t
            roots[k] = -t
            weights[k] = w
            weights[m - 1 - k] = w
        }
        if m % 2 == 1 { roots[m / 2] = 0 }
        return (roots, weights)
    }
}
