import Foundation
import NeuralNetworks
import Tensors

/// DeepLIFT's Rescale rule (Shrikumar et al. 2017) for the layers of our encoders, as a
/// surrogate forward pass whose ordinary gradient is the DeepLIFT multiplier.
///
/// Each layer is run twice: on the input x (recorded for autodiff) and on the reference x0
/// (values only). A layer's multiplier m = "Δoutput / Δinput" is built into the recorded pass so
/// that reverse-mode AD of the result yields the chain of multipliers, and
/// R = (x − x0) ⊙ m satisfies summation-to-delta, Σ_e R_e = y(x) − y(x0), exactly up to float
/// rounding (every rule below is an exact secant identity):
///
/// - Linear, Conv1d, the skip connection's crop and sum: linear, so m is the layer itself
///   (plain autodiff through the recorded pass).
/// - Elementwise g (GELU, Tanh, Hardtanh): Rescale, m = (g(z) − g(z0)) / (z − z0), computed
///   in Double; when |z − z0| ≤ 1e-6·(1 + |z|) the ratio is ill-conditioned and the gradient
///   g′((z + z0)/2) is used (the DeepLIFT/captum fallback). The recorded output is
///   m·z + const with const = g(z) − m·z (a constant), so its value is g(z) and its
///   derivative m.
/// - L2 normalisation y = u·r(q), q = Σ_k u_k², r = q^{−1/2} (DeepLIFT defines no rule for
///   it; captum falls back to the gradient and loses summation-to-delta). We use the exact
///   product and chain secants Δ(u_i r) = Δu_i (r + r0)/2 + (u_i + u0_i)/2 · Δr and
///   Δr = ρ·Δq with ρ = (r − r0)/(q − q0) (fallback r′(q̄) = −½ q̄^{−3/2}) and
///   Δq = Σ_k (u_k + u0_k) Δu_k, i.e. the multiplier matrix
///   M_ik = δ_ik (r + r0)/2 + ρ (u_i + u0_i)(u_k + u0_k)/2.
///   Per-block renormalisation of the embedding (xcebra.md §2) applies the same rule per block.
enum DeepLIFTRescale {
    /// The recorded output `[B, d]` (gradient = multipliers) for inputs x and references x0.
    static func output(_ model: EmbeddingModel, x: Variable, reference: Tensor) throws -> Variable {
        var (y, y0) = try propagate(model.encoder.network, x, reference)
        if y.rank == 3 {
            y = y.reshaped([y.shape[0], y.shape[2]])
            y0 = y0.reshaped([y0.shape[0], y0.shape[2]])
        }
        guard model.configuration.renormalize else { return y }
        let parts = model.layout.blocks.map { normalize(y.slice(axis: 1, $0), y0.slice(axis: 1, $0)).0 }
        return Variable.concatenate(parts, axis: 1)
    }

    static func propagate(_ layer: any Layer, _ x: Variable, _ ref: Tensor) throws -> (Variable, Tensor) {
        switch layer {
        case let s as Sequential:
            var pair = (x, ref)
            for l in s.layers { pair = try propagate(l, pair.0, pair.1) }
            return pair
        case is Linear, is Conv1d:
            return (layer(x), GradMode.withoutGradient { layer(Variable(ref)).value })
        case let s as SkipBlock:
            let l = x.shape[1]
            let (inner, innerRef) = try propagate(s.inner, x, ref)
            return (x.slice(axis: 1, s.crop..<(l - s.crop)) + inner, ref.slice(axis: 1, s.crop..<(l - s.crop)) + innerRef)
        case is GELU:
            return elementwise(x, ref, g: { $0 * 0.5 * erfc(-$0 / 2.0.squareRoot()) },
                               dg: { 0.5 * erfc(-$0 / 2.0.squareRoot()) + $0 * exp(-$0 * $0 / 2) / (2 * Double.pi).squareRoot() })
        case is Tanh:
            return elementwise(x, ref, g: { Foundation.tanh($0) }, dg: { 1 - Foundation.tanh($0) * Foundation.tanh($0) })
        case let h as Hardtanh:
            let lo = Double(h.minValue), hi = Double(h.maxValue)
            return elementwise(x, ref, g: { Swift.min(Swift.max($0, lo), hi) }, dg: { $0 > lo && $0 < hi ? 1 : 0 })
        case is L2Normalize:
            return normalize(x, ref)
        default:
            throw AttributionError.incompatible("DeepLIFT has no rule for the layer \(type(of: layer)); supported: Linear, Conv1d, GELU, Tanh, Hardtanh, SkipBlock, L2Normalize")
        }
    }

    /// Rescale rule for an elementwise nonlinearity.
    static func elementwise(_ x: Variable, _ ref: Tensor, g: (Double) -> Double, dg: (Double) -> Double) -> (Variable, Tensor) {
        let z = x.value
        var slope = Tensor(zeros: z.shape), offset = Tensor(zeros: z.shape), y0 = Tensor(zeros: z.shape)
        z.scalars.withUnsafeBufferPointer { zp in
            ref.scalars.withUnsafeBufferPointer { rp in
                slope.scalars.withUnsafeMutableBufferPointer { sp in
                    offset.scalars.withUnsafeMutableBufferPointer { op in
                        y0.scalars.withUnsafeMutableBufferPointer { yp in
                            for k in 0..<zp.count {
                                let a = Double(zp[k]), b = Double(rp[k])
                                let ga = g(a), gb = g(b)
                                let m = Swift.abs(a - b) > 1e-6 * (1 + Swift.abs(a)) ? (ga - gb) / (a - b) : dg((a + b) / 2)
                                sp[k] = Float(m)
                                op[k] = Float(ga - m * a)
                                yp[k] = Float(gb)
                            }
                        }
                    }
                }
            }
        }
        return (x * Variable(slope) + Variable(offset), y0)
    }

    /// The exact secant rule for y = u/‖u‖ over the last axis; rank 3 `[B, 1, k]` (the last
    /// conv layer's output) is handled as `[B·L, k]`, one row per (sample, position).
    static func normalize(_ u: Variable, _ ref: Tensor) -> (Variable, Tensor) {
        if u.rank == 3 {
            let (y, y0) = normalize(u.reshaped([u.shape[0] * u.shape[1], u.shape[2]]), ref.reshaped([u.shape[0] * u.shape[1], u.shape[2]]))
            return (y.reshaped(u.shape), y0.reshaped(u.shape))
        }
        let b = u.shape[0], k = u.shape[u.rank - 1]
        let uv = u.value
        var scale = Tensor(zeros: [b, 1]), c = Tensor(zeros: [b, k]), v = Tensor(zeros: [b, k])
        var y = Tensor(zeros: [b, k]), y0 = Tensor(zeros: [b, k])
        for s in 0..<b {
            var q = 0.0, q0 = 0.0
            for i in 0..<k {
                let a = Double(uv.scalars[s * k + i]), a0 = Double(ref.scalars[s * k + i])
                q += a * a
                q0 += a0 * a0
            }
            let r = 1 / q.squareRoot(), r0 = 1 / q0.squareRoot()
            let rho = Swift.abs(q - q0) > 1e-6 * q ? (r - r0) / (q - q0) : -0.5 * pow((q + q0) / 2, -1.5)
            scale.scalars[s] = Float((r + r0) / 2)
            for i in 0..<k {
                let a = Double(uv.scalars[s * k + i]), a0 = Double(ref.scalars[s * k + i])
                c.scalars[s * k + i] = Float(rho * (a + a0) / 2)
                v.scalars[s * k + i] = Float(a + a0)
                y.scalars[s * k + i] = Float(a * r)
                y0.scalars[s * k + i] = Float(a0 * r0)
            }
        }
        let linear = u * Variable(scale) + Variable(c) * (u * Variable(v)).sum(axes: [1], keepingDimensions: true)
        // A constant shift makes the recorded value the true y without changing the multipliers.
        return (linear + Variable(y - linear.value), y0)
    }
}
