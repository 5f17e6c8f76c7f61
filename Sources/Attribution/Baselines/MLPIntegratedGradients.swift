import Foundation
import Tensors

/// Integrated gradients for a plain offset1 MLP (the `StackedMLPJacobian.plan` family), with
/// the two linear ends of the network taken out of the sum over path points.
///
/// For y = L_K ∘ σ_{K−1} ∘ … ∘ σ_1 ∘ L_1 and the straight path z_k = x0 + α_k·Δ (Δ = x − x0):
/// - the first pre-activation is affine in α: a₁(z_k) = (W₁x0 + b₁) + α_k·(W₁Δ), two GEMMs per
///   sample instead of one per point;
/// - the Jacobian is J(z_k) = G_k·W₁ with G_k = W_K·D_{K−1,k}·W_{K−1} ⋯ D_{1,k} (`[d, H₁]`, the
///   d reverse passes stacked as in `StackedMLPJacobian`), so
///
///     R[i, j] = Δ_j · Σ_k ω_k J(z_k)[i, j] = Δ_j · ((Σ_k ω_k G_k) · W₁)[i, j],
///
///   one product with W₁ per sample instead of one per point. Σ_k ω_k G_k is accumulated in
///   Double and multiplied by W₁ in Double.
///
/// Cost for the synthetic-demo model (50 → 180 → 180 → 60 → 6) per point: 43.6 k multiply-adds
/// forward (layers 2–4) and 0.26 M reverse, instead of 52.6 k and 0.31 M. Equal to the
/// per-point route up to float32 rounding (tested).
enum MLPIntegratedGradients {
    /// Points (samples × steps) per block: the stacked reverse pass holds d rows per point.
    static let rowsPerBlock = 2_048

    /// Attributions `[C, d, n]` for inputs x `[C, n]`, per-sample baselines x0 `[C, n]` and the
    /// quadrature (α_k, ω_k).
    static func attributions(plan: [StackedMLPJacobian.Step], inputs x: UnsafeBufferPointer<Float>,
                             baselines x0: UnsafeBufferPointer<Float>, samples c: Int, neurons n: Int,
                             alphas: [Double], weights: [Double], outputs d: Int) throws -> [Double] {
        guard case .linear(let w1, let b1) = plan.first, w1.shape == [w1.shape[0], n] else {
            preconditionFailure("MLPIntegratedGradients: the plan must start with a Linear layer on \(n) inputs")
        }
        let h1 = w1.shape[0], m = alphas.count
        guard c > 0, m > 0 else { return [Double](repeating: 0, count: c * d * n) }

        // Δ = x − x0, base = W₁x0 + b₁ and slope = W₁Δ per sample ([C, H₁] each).
        var delta = [Float](repeating: 0, count: c * n)
        for k in 0..<(c * n) { delta[k] = x[k] - x0[k] }
        var base = [Float](repeating: 0, count: c * h1), along = base
        w1.scalars.withUnsafeBufferPointer { w in
            base.withUnsafeMutableBufferPointer { bp in
                if let b1 { b1.scalars.withUnsafeBufferPointer { bias in for r in 0..<c { for k in 0..<h1 { bp[r * h1 + k] = bias[k] } } } }
                BufferGEMM.multiply(m: c, n: h1, k: n, x0.baseAddress!, lda: n, w.baseAddress!, ldb: n, transposeB: true,
                                    into: bp.baseAddress!, ldc: h1, beta: b1 == nil ? 0 : 1)
            }
            delta.withUnsafeBufferPointer { dp in
                along.withUnsafeMutableBufferPointer { ap in
                    BufferGEMM.multiply(m: c, n: h1, k: n, dp.baseAddress!, lda: n, w.baseAddress!, ldb: n, transposeB: true,
                                        into: ap.baseAddress!, ldc: h1)
                }
            }
        }

        // Widths after each step, and which steps keep a slope (the nonlinearities).
        var widths: [Int] = [], wdt = h1
        for step in plan.dropFirst() {
            if case .linear(let w, _) = step { wdt = w.shape[0] }
            widths.append(wdt)
        }
        precondition(wdt == d, "MLPIntegratedGradients: the network ends with \(wdt) outputs, expected \(d)")
        let widest = widths.reduce(h1, Swift.max)
        let perBlock = Swift.max(1, rowsPerBlock / m)
        let maxRows = Swift.min(perBlock, c) * m
        var act = [Float](repeating: 0, count: maxRows * widest), spare = act
        var slopes: [[Float]] = plan.dropFirst().enumerated().map { idx, step in
            if case .linear = step { return [] }
            return [Float](repeating: 0, count: maxRows * widths[idx])
        }
        var g = [Float](repeating: 0, count: maxRows * d * widest), gSpare = g
        var sum = [Double](repeating: 0, count: c * d * h1)  // Σ_k ω_k G_k, [C·d, H₁]

        var lo = 0
        while lo < c {
            let hi = Swift.min(lo + perBlock, c), rows = (hi - lo) * m
            act.withUnsafeMutableBufferPointer { ap in
                spare.withUnsafeMutableBufferPointer { sp in
                    // Forward: a₁ of every point, then the layers after the first, keeping slopes.
                    for b in lo..<hi {
                        for k in 0..<m {
                            let row = ((b - lo) * m + k) * h1, a = Float(alphas[k])
                            for q in 0..<h1 { ap[row + q] = base[b * h1 + q] + a * along[b * h1 + q] }
                        }
                    }
                    var cur = ap, other = sp, w = h1
                    for (idx, step) in plan.dropFirst().enumerated() {
                        let count = rows * w
                        switch step {
                        case .linear(let weight, let bias):
                            let out = weight.shape[0]
                            if let bias {
                                bias.scalars.withUnsafeBufferPointer { bp in for r in 0..<rows { for q in 0..<out { other[r * out + q] = bp[q] } } }
                            }
                            weight.scalars.withUnsafeBufferPointer { wp in
                                BufferGEMM.multiply(m: rows, n: out, k: w, UnsafePointer(cur.baseAddress!), lda: w, wp.baseAddress!, ldb: w,
                                                    transposeB: true, into: other.baseAddress!, ldc: out, beta: bias == nil ? 0 : 1)
                            }
                            swap(&cur, &other)
                            w = out
                        case .gelu:
                            slopes[idx].withUnsafeMutableBufferPointer { s in
                                FastMath.geluAndSlope(UnsafeBufferPointer(rebasing: cur[0..<count]), UnsafeMutableBufferPointer(rebasing: other[0..<count]),
                                                      UnsafeMutableBufferPointer(rebasing: s[0..<count]))
                            }
                            swap(&cur, &other)
                        case .clip(let lo, let hi):
                            slopes[idx].withUnsafeMutableBufferPointer { s in
                                for q in 0..<count {
                                    let v = cur[q]
                                    s[q] = v > lo && v < hi ? 1 : 0
                                    cur[q] = Swift.min(Swift.max(v, lo), hi)
                                }
                            }
                        case .tanh:
                            slopes[idx].withUnsafeMutableBufferPointer { s in
                                for q in 0..<count {
                                    let v = Foundation.tanh(cur[q])
                                    cur[q] = v
                                    s[q] = 1 - v * v
                                }
                            }
                        }
                    }
                }
            }
            // Reverse, d passes stacked: G ← e_i per point's row i, then (G ⊙ D)·W down to D₁.
            g.withUnsafeMutableBufferPointer { gp in
                gSpare.withUnsafeMutableBufferPointer { gs in
                    var cur = gp, other = gs, w = d
                    for q in 0..<(rows * d * d) { cur[q] = 0 }
                    for r in 0..<rows { for i in 0..<d { cur[(r * d + i) * d + i] = 1 } }
                    for idx in stride(from: plan.count - 2, through: 0, by: -1) {
                        switch plan[idx + 1] {
                        case .linear(let weight, _):
                            let inWidth = weight.shape[1]
                            weight.scalars.withUnsafeBufferPointer { wp in
                                BufferGEMM.multiply(m: rows * d, n: inWidth, k: w, UnsafePointer(cur.baseAddress!), lda: w,
                                                    wp.baseAddress!, ldb: inWidth, into: other.baseAddress!, ldc: inWidth)
                            }
                            swap(&cur, &other)
                            w = inWidth
                        default:
                            slopes[idx].withUnsafeBufferPointer { s in
                                for r in 0..<rows {
                                    for i in 0..<d {
                                        let row = (r * d + i) * w
                                        for q in 0..<w { cur[row + q] *= s[r * w + q] }
                                    }
                                }
                            }
                        }
                    }
                    precondition(w == h1, "MLPIntegratedGradients: the reverse pass ends with width \(w), expected \(h1)")
                    // Σ_k ω_k G_k per sample, in Double.
                    sum.withUnsafeMutableBufferPointer { sp in
                        for b in lo..<hi {
                            for k in 0..<m {
                                let om = weights[k], src = ((b - lo) * m + k) * d * h1, dst = b * d * h1
                                for q in 0..<(d * h1) { sp[dst + q] += om * Double(cur[src + q]) }
                            }
                        }
                    }
                }
            }
            lo = hi
        }

        // R = Δ ⊙ ((Σ_k ω_k G_k)·W₁), all samples in one Double product.
        let j: Matrix64
        do {
            j = try Matrix64.matmul(Matrix64(rows: c * d, cols: h1, scalars: sum), Matrix64(w1))
        } catch {
            throw AttributionError.incompatible("integrated gradients: the product with the first layer failed (\(error))")
        }
        var out = j.scalars
        for b in 0..<c { for i in 0..<d { for q in 0..<n { out[(b * d + i) * n + q] *= Double(delta[b * n + q]) } } }
        return out
    }
}
