import Foundation
import Tensors

/// Feature ablation for a plain offset1 MLP (the `StackedMLPJacobian.plan` family: Linear
/// layers with elementwise GELU / Hardtanh / Tanh between them, no normalisation), using that
/// the first layer is linear. Setting the neurons of group g of sample x to the baseline x0
/// moves the first pre-activation by a rank-|g| term:
///
///   a₁(x̃_g) = W₁x̃_g + b₁ = a₁(x) + Σ_{j∈g} (x0_j − x_j)·W₁[:, j],
///
/// so a₁(x) `[C, H₁]` is one GEMM for all samples, each of the G ablated copies costs H₁·|g|
/// multiply-adds instead of an n×H₁ product, and only the layers after the first run on the
/// (G + 1)·C copies: as GEMMs on blocks of copies in two reused buffers, with the forward-only
/// GELU (no slope). The result is R_b[i, j] = y_i(x_b) − y_i(x̃_{b,g(j)}), as the brute-force
/// definition, up to float32 rounding of the reordered first layer (tested).
///
/// A group whose neurons already sit at the baseline in a sample (a silent bin of spike counts
/// with baseline 0) gets no copy: x̃ = x, so its attribution is exactly 0. On binned spike data,
/// where most bins of most units are 0, this skips most of the work.
///
/// Cost for the synthetic-demo model (50 → 180 → 180 → 60 → 6) with 50 singleton groups:
/// 43.6 k multiply-adds per copy (layers 2–4) instead of 52.6 k, plus H₁·G adds per sample.
enum MLPAblation {
    /// Copies per GEMM: activations of two buffers stay within a few MB (L2/L3) while the
    /// GEMMs are still tall enough to run at full speed.
    static let rowsPerBlock = 4_096

    /// Attributions `[C, d, n]` for inputs x `[C, n]` and per-sample baselines x0 `[C, n]`.
    /// `plan` must start with a linear layer (checked by the caller via `StackedMLPJacobian.plan`).
    static func attributions(plan: [StackedMLPJacobian.Step], inputs x: UnsafeBufferPointer<Float>,
                             baselines x0: UnsafeBufferPointer<Float>, samples c: Int, neurons n: Int,
                             groups: [[Int]], outputs d: Int) -> [Double] {
        guard case .linear(let w1, let b1) = plan.first, w1.shape == [w1.shape[0], n] else {
            preconditionFailure("MLPAblation: the plan must start with a Linear layer on \(n) inputs")
        }
        let h1 = w1.shape[0], p = groups.count + 1
        var out = [Double](repeating: 0, count: c * d * n)
        guard c > 0 else { return out }

        // a₁(x) for every sample, and W₁'s columns as contiguous rows (W₁ᵀ, [n, H₁]).
        var a1 = [Float](repeating: 0, count: c * h1)
        a1.withUnsafeMutableBufferPointer { a in
            if let b1 { b1.scalars.withUnsafeBufferPointer { bp in for r in 0..<c { for k in 0..<h1 { a[r * h1 + k] = bp[k] } } } }
            w1.scalars.withUnsafeBufferPointer { w in
                BufferGEMM.multiply(m: c, n: h1, k: n, x.baseAddress!, lda: n, w.baseAddress!, ldb: n, transposeB: true,
                                    into: a.baseAddress!, ldc: h1, beta: b1 == nil ? 0 : 1)
            }
        }
        var w1t = [Float](repeating: 0, count: n * h1)
        w1.scalars.withUnsafeBufferPointer { w in for k in 0..<h1 { for j in 0..<n { w1t[j * h1 + k] = w[k * n + j] } } }

        let widest = plan.reduce(h1) { m, step in
            if case .linear(let w, _) = step { return Swift.max(m, w.shape[0]) }
            return m
        }
        let geluFollows: Bool
        if plan.count > 1, case .gelu = plan[1] { geluFollows = true } else { geluFollows = false }
        let perBlock = Swift.max(1, rowsPerBlock / p)
        let maxRows = Swift.min(perBlock, c) * p
        var bufferA = [Float](repeating: 0, count: maxRows * widest), bufferB = bufferA
        var rowOf = [Int](repeating: -1, count: Swift.min(perBlock, c) * p)  // copy → row of the block, −1: none
        bufferA.withUnsafeMutableBufferPointer { pa in
            bufferB.withUnsafeMutableBufferPointer { pb in
                a1.withUnsafeBufferPointer { a in
                    w1t.withUnsafeBufferPointer { wt in
                        var lo = 0
                        let fusedGELU = geluFollows && groups.allSatisfy { $0.count == 1 }
                        while lo < c {
                            let hi = Swift.min(lo + perBlock, c)
                            // Layer 1 of every copy: the sample's a₁ plus the group's rank-|g| term,
                            // with the GELU that follows fused in when the groups are single neurons.
                            // A group already at its baseline gets no copy (its attribution is 0).
                            var rows = 0
                            for b in lo..<hi {
                                let base = UnsafeBufferPointer(rebasing: a[(b * h1)..<((b + 1) * h1)])
                                let xb = UnsafeBufferPointer(rebasing: x[(b * n)..<((b + 1) * n)])
                                let x0b = UnsafeBufferPointer(rebasing: x0[(b * n)..<((b + 1) * n)])
                                for q in 0..<p {
                                    let changes = q == 0 || !NeuronGroups.isAtBaseline(groups[q - 1], xb, x0b, neurons: n)
                                    rowOf[(b - lo) * p + q] = changes ? rows : -1
                                    guard changes else { continue }
                                    let row = UnsafeMutableBufferPointer(rebasing: pa[(rows * h1)..<((rows + 1) * h1)])
                                    rows += 1
                                    if fusedGELU {
                                        let j = q > 0 ? groups[q - 1][0] : 0
                                        let s = q > 0 ? x0[b * n + j] - x[b * n + j] : 0
                                        FastMath.gelu(base, plus: s, times: UnsafeBufferPointer(rebasing: wt[(j * h1)..<((j + 1) * h1)]), row)
                                        continue
                                    }
                                    for k in 0..<h1 { row[k] = base[k] }
                                    guard q > 0 else { continue }
                                    for j in groups[q - 1] {
                                        let s = x0[b * n + j] - x[b * n + j]
                                        if s == 0 { continue }
                                        for k in 0..<h1 { row[k] += s * wt[j * h1 + k] }
                                    }
                                }
                            }
                            let (y, width) = forward(plan.dropFirst(fusedGELU ? 2 : 1), rows: rows, width: h1, current: pa, spare: pb)
                            precondition(width == d, "MLPAblation: the network ends with \(width) outputs, expected \(d)")
                            out.withUnsafeMutableBufferPointer { o in
                                for b in lo..<hi {
                                    let r0 = rowOf[(b - lo) * p]
                                    for (g, group) in groups.enumerated() {
                                        let rg = rowOf[(b - lo) * p + g + 1]
                                        guard rg >= 0 else { continue }
                                        for i in 0..<d {
                                            let delta = Double(y[r0 * d + i]) - Double(y[rg * d + i])
                                            for j in group { o[(b * d + i) * n + j] = delta }
                                        }
                                    }
                                }
                            }
                            lo = hi
                        }
                    }
                }
            }
        }
        return out
    }

    /// Runs `steps` on `rows` rows of `width` values held in `current`, ping-ponging with
    /// `spare`; returns the buffer holding the output and its width. A Linear layer's bias is
    /// added in the pass of the GELU or clip that follows it (one pass over the activations
    /// instead of two).
    static func forward(_ steps: ArraySlice<StackedMLPJacobian.Step>, rows: Int, width: Int,
                        current: UnsafeMutableBufferPointer<Float>, spare: UnsafeMutableBufferPointer<Float>)
        -> (UnsafeMutableBufferPointer<Float>, Int) {
        var cur = current, other = spare, w = width
        var index = steps.startIndex
        while index < steps.endIndex {
            let count = rows * w
            switch steps[index] {
            case .linear(let weight, let bias):
                let m = weight.shape[0]
                precondition(weight.shape[1] == w, "MLPAblation: a Linear layer takes \(weight.shape[1]) inputs, got \(w)")
                let next = index + 1 < steps.endIndex ? steps[index + 1] : nil
                var fused = false
                if bias != nil, let next {
                    switch next {
                    case .gelu, .clip: fused = true
                    default: break
                    }
                }
                if let bias, !fused {
                    bias.scalars.withUnsafeBufferPointer { bp in for r in 0..<rows { for k in 0..<m { other[r * m + k] = bp[k] } } }
                }
                weight.scalars.withUnsafeBufferPointer { wp in
                    BufferGEMM.multiply(m: rows, n: m, k: w, UnsafePointer(cur.baseAddress!), lda: w, wp.baseAddress!, ldb: w,
                                        transposeB: true, into: other.baseAddress!, ldc: m, beta: bias == nil || fused ? 0 : 1)
                }
                swap(&cur, &other)
                w = m
                if fused, let bias, let next {
                    bias.scalars.withUnsafeBufferPointer { bp in
                        switch next {
                        case .gelu:
                            for r in 0..<rows {
                                FastMath.gelu(UnsafeBufferPointer(rebasing: cur[(r * m)..<((r + 1) * m)]), plus: 1, times: bp,
                                              UnsafeMutableBufferPointer(rebasing: other[(r * m)..<((r + 1) * m)]))
                            }
                            swap(&cur, &other)
                        case .clip(let lo, let hi):
                            for r in 0..<rows { for k in 0..<m { cur[r * m + k] = Swift.min(Swift.max(cur[r * m + k] + bp[k], lo), hi) } }
                        default: break
                        }
                    }
                    index += 1
                }
            case .gelu:
                FastMath.gelu(UnsafeBufferPointer(rebasing: cur[0..<count]), UnsafeMutableBufferPointer(rebasing: other[0..<count]))
                swap(&cur, &other)
            case .clip(let lo, let hi):
                for k in 0..<count { cur[k] = Swift.min(Swift.max(cur[k], lo), hi) }
            case .tanh:
                for k in 0..<count { cur[k] = Foundation.tanh(cur[k]) }
            }
            index += 1
        }
        return (cur, w)
    }
}
