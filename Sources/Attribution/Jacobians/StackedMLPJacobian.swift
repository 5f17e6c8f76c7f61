import NeuralNetworks
import Tensors

/// Per-sample Jacobians of an offset1 MLP (Linear layers with elementwise GELU / Hardtanh /
/// Tanh between them, no normalisation), with the d reverse passes of `SampleJacobians`
/// stacked into one.
///
/// For y = L_K ∘ σ_{K−1} ∘ … ∘ σ_1 ∘ L_1 (x), J_b = W_K · D_{K−1,b} · W_{K−1} ⋯ D_{1,b} · W_1 with
/// D_{l,b} = diag σ_l′(a_{l,b}). The d seeds of the reverse passes are stacked as the rows of
/// G₀ = [e_0 … e_{d−1}] per sample (a `[C·d, d]` matrix); each layer then costs one GEMM on
/// `C·d` rows, G ← (G ⊙ D_b) · W, instead of d GEMMs on C rows, and each σ′ is evaluated once
/// instead of d times. The result, `[C·d, n]`, is already the `[C, d, n]` layout. The
/// arithmetic is that of the d reverse passes (same products, same float32 rounding order
/// per GEMM row), so the two paths agree to float32 rounding (tested).
///
/// Cost for the synthetic-demo model (50 → 180 → 180 → 60 → 6): ≈ 0.31 M multiply-adds per
/// sample in the reverse GEMMs and 0.05 M forward, i.e. ≈ 73 GFLOP per 100,000 samples, which
/// is the floor of this route; measured 1.19 s CPU on one core for 100,000 samples (GEMMs
/// dominate once GELU and its slope run as a vectorised loop).
enum StackedMLPJacobian {
    enum Step {
        case linear(weight: Tensor, bias: Tensor?)
        case gelu
        case clip(Float, Float)
        case tanh
    }

    /// The layer plan, or nil when the model is not a plain MLP without normalisation.
    static func plan(_ model: EmbeddingModel) -> [Step]? {
        guard !model.encoder.isConvolutional, !model.configuration.renormalize else { return nil }
        var steps: [Step] = []
        for layer in model.encoder.network.layers {
            switch layer {
            case let l as Linear: steps.append(.linear(weight: l.weight.value, bias: l.bias?.value))
            case is GELU: steps.append(.gelu)
            case let h as Hardtanh: steps.append(.clip(h.minValue, h.maxValue))
            case is Tanh: steps.append(.tanh)
            default: return nil
            }
        }
        return steps
    }

    /// Jacobians `[C, d, n]` (Double) and outputs `[C, d]` for inputs `[C, n]`.
    static func compute(_ plan: [Step], inputs: Tensor, outputs d: Int) -> (values: [Double], outputs: Tensor) {
        let c = inputs.shape[0]
        var a = inputs
        var slopes: [Tensor?] = []
        for step in plan {
            switch step {
            case .linear(let w, let b):
                a = Tensor.matmul(a, w, transposeB: true)
                if let b { a = a + b }
                slopes.append(nil)
            case .gelu:
                var out = Tensor(zeros: a.shape), s = Tensor(zeros: a.shape)
                a.scalars.withUnsafeBufferPointer { x in
                    out.scalars.withUnsafeMutableBufferPointer { o in
                        s.scalars.withUnsafeMutableBufferPointer { sp in FastMath.geluAndSlope(x, o, sp) }
                    }
                }
                a = out
                slopes.append(s)
            case .clip(let lo, let hi):
                slopes.append(a.map { $0 > lo && $0 < hi ? 1 : 0 })
                a = a.clamped(lo, hi)
            case .tanh:
                a = a.tanh()
                slopes.append(a.map { 1 - $0 * $0 })
            }
        }
        var g = Tensor(zeros: [c * d, d])
        for b in 0..<c { for i in 0..<d { g.scalars[(b * d + i) * d + i] = 1 } }
        for (step, slope) in zip(plan, slopes).reversed() {
            if case .linear(let w, _) = step {
                g = Tensor.matmul(g, w)
            } else if let slope {
                let m = slope.shape[1]
                g.scalars.withUnsafeMutableBufferPointer { gp in
                    slope.scalars.withUnsafeBufferPointer { sp in
                        for b in 0..<c {
                            for i in 0..<d {
                                let row = (b * d + i) * m
                                for k in 0..<m { gp[row + k] *= sp[b * m + k] }
                            }
                        }
                    }
                }
            }
        }
        return (g.scalars.map(Double.init), a)
    }
}
