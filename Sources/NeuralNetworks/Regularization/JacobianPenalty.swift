import Tensors

/// The Jacobian regulariser R = ½ · (1/B) Σ_b ‖J_b‖²_F with J_b = ∂y_b/∂x_b, for an output
/// y `[B, C]` computed sample-wise from an input x (the input must be a `Variable` with
/// `requiresGradient`; models must not mix samples, which holds for every encoder here).
///
/// The returned value is a differentiable function of the parameters (the backward passes are
/// recorded), so its gradient w.r.t. the weights is a double backward.
public enum JacobianPenalty {
    /// Exact: C reverse passes seeded with one-hot columns eᵢ;
    /// R = ½ Σᵢ ‖∇ₓ(Σ_b y_{b,i})‖² / B.
    public static func exact(output y: Variable, input x: Variable) -> Variable {
        precondition(y.rank == 2, "JacobianPenalty: output must be [B, C], got \(y.shape)")
        let b = y.shape[0], c = y.shape[1]
        var total: Variable?
        for i in 0..<c {
            var seed = Tensor(zeros: [b, c])
            for r in 0..<b { seed.scalars[r * c + i] = 1 }
            let g = gradients(of: y, withRespectTo: [x], seed: Variable(seed), createGraph: true)[0]
            let term = g.squared().sum()
            total = total.map { $0 + term } ?? term
        }
        return total! * (0.5 / Float(b))
    }

    /// Unbiased random-projection estimate: for each of `projections` draws, v_b ~ N(0, I_C)
    /// normalised to unit length per sample (C = 1: v = 1), then
    /// R̂ = ½ · C / (n_proj · B) · Σ_p Σ_b ‖v_bᵀ J_b‖², with E[v vᵀ] = I/C.
    public static func randomProjection(output y: Variable, input x: Variable, projections: Int = 1,
                                        using rng: inout Xoshiro256) -> Variable {
        precondition(y.rank == 2 && projections >= 1, "JacobianPenalty: output [B, C] and ≥ 1 projection")
        let b = y.shape[0], c = y.shape[1]
        var total: Variable?
        for _ in 0..<projections {
            var v = Tensor(zeros: [b, c])
            for r in 0..<b {
                if c == 1 { v.scalars[r] = 1; continue }
                var norm: Double = 0
                for k in 0..<c {
                    let z = rng.normal()
                    v.scalars[r * c + k] = Float(z)
                    norm += z * z
                }
                let inv = Float(1 / norm.squareRoot())
                for k in 0..<c { v.scalars[r * c + k] *= inv }
            }
            let g = gradients(of: y, withRespectTo: [x], seed: Variable(v), createGraph: true)[0]
            let term = g.squared().sum()
            total = total.map { $0 + term } ?? term
        }
        return total! * (0.5 * Float(c) / Float(projections * b))
    }
}
