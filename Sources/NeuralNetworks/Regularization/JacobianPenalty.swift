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

extension JacobianPenalty {
    /// Squared norms of several vector–Jacobian products of one output:
    /// `sums[j] = Σ_b ‖s_{j,b}ᵀ J_b‖²` for seeds s_j `[B, C]`, as a differentiable `[m]` variable
    /// (each reverse pass is recorded, so the sums can be differentiated w.r.t. the weights).
    ///
    /// Measured alternative: stacking the m copies of the batch into one tiled pass gives taller
    /// GEMMs and a shorter tape, but was 15–20 % slower on the 6-dimensional offset1 model
    /// (more forward work), so the passes stay separate.
    public static func squaredNorms(output y: Variable, input x: Variable, seeds: [Tensor]) -> Variable {
        precondition(!seeds.isEmpty, "squaredNorms: at least one seed")
        let parts = seeds.map { seed -> Variable in
            let g = gradients(of: y, withRespectTo: [x], seed: Variable(seed), createGraph: true)[0]
            return g.squared().sum().reshaped([1])
        }
        return Variable.concatenate(parts, axis: 0)
    }

    /// One-hot seeds `[B, C]` selecting `column`.
    public static func oneHotSeed(batch b: Int, columns c: Int, column: Int) -> Tensor {
        var s = Tensor(zeros: [b, c])
        for r in 0..<b { s.scalars[r * c + column] = 1 }
        return s
    }

    /// Random seeds `[B, C]` whose rows are unit vectors supported on `slice`
    /// (v_b ~ N(0, I) on the slice, normalised; a one-column slice gives v = 1).
    public static func projectionSeed(batch b: Int, columns c: Int, slice: Range<Int>, using rng: inout Xoshiro256) -> Tensor {
        var s = Tensor(zeros: [b, c])
        for r in 0..<b {
            if slice.count == 1 { s.scalars[r * c + slice.lowerBound] = 1; continue }
            var norm = 0.0
            for k in slice {
                let z = rng.normal()
                s.scalars[r * c + k] = Float(z)
                norm += z * z
            }
            let inv = Float(1 / norm.squareRoot())
            for k in slice { s.scalars[r * c + k] *= inv }
        }
        return s
    }
}
