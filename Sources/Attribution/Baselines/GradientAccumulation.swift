import Tensors

/// The shared engine of integrated gradients, GradientSHAP and SmoothGrad: per sample b, m
/// evaluation points z_{b,k} with weights ω_{b,k} and (optionally) difference vectors Δ_{b,k};
/// the attribution is
///
///   R_b[i, j] = Σ_k ω_{b,k} · L_j( ∂y_i/∂x (z_{b,k}) ⊙ Δ_{b,k} )      (with Δ), or
///   R_b[i, j] = Σ_k ω_{b,k} · L_j( ∂y_i/∂x (z_{b,k}) )                (without Δ),
///
/// where L_j reduces the W lags of neuron j: their sum for contribution maps (so that
/// Σ_j R_b[i, j] keeps completeness) or their mean for gradient maps (as `jf`). All points of
/// several samples go through one batched gradient call (`InputGradients`), which for the
/// offset1 MLP is one stacked GEMM chain per batch.
enum GradientAccumulation {
    enum LagReduction { case sum, mean }

    /// - Parameters:
    ///   - fill: called once per point, in order k = 0…m−1 for each sample b, with buffers for
    ///     z (E elements) and Δ (E elements, ignored without `multiplyByDelta`); returns ω.
    /// - Returns: `[C, d, n]` attributions.
    static func run(_ model: EmbeddingModel, inputs: Tensor, pointsPerSample m: Int, multiplyByDelta: Bool,
                    lags: LagReduction,
                    fill: (_ b: Int, _ k: Int, _ z: UnsafeMutableBufferPointer<Float>, _ delta: UnsafeMutableBufferPointer<Float>) throws -> Double) throws -> [Double] {
        let c = inputs.shape[0], d = model.outputDimension, n = model.inputNeurons
        let e = inputs.count / Swift.max(c, 1), w = e / n
        let lagScale = lags == .mean ? 1 / Double(w) : 1
        var out = [Double](repeating: 0, count: c * d * n)
        let perBatch = Swift.max(1, InputGradients.rowsPerBatch(model, elements: e) / m)
        var z = [Float](), delta = [Float](), weights = [Double]()
        var lo = 0
        while lo < c {
            let hi = Swift.min(lo + perBatch, c)
            let rows = (hi - lo) * m
            z = [Float](repeating: 0, count: rows * e)
            delta = multiplyByDelta ? [Float](repeating: 0, count: rows * e) : [Float](repeating: 0, count: e)
            weights = [Double](repeating: 0, count: rows)
            try z.withUnsafeMutableBufferPointer { zp in
                try delta.withUnsafeMutableBufferPointer { dp in
                    for b in lo..<hi {
                        for k in 0..<m {
                            let r = (b - lo) * m + k
                            let zs = UnsafeMutableBufferPointer(rebasing: zp[(r * e)..<((r + 1) * e)])
                            let ds = multiplyByDelta ? UnsafeMutableBufferPointer(rebasing: dp[(r * e)..<((r + 1) * e)])
                                                     : UnsafeMutableBufferPointer(rebasing: dp[0..<e])
                            weights[r] = try fill(b, k, zs, ds)
                        }
                    }
                }
            }
            let shape = [rows] + inputs.shape.dropFirst()
            let (g, _) = InputGradients.compute(model, inputs: Tensor(shape: shape, scalars: z))
            g.withUnsafeBufferPointer { gp in
                delta.withUnsafeBufferPointer { dp in
                    out.withUnsafeMutableBufferPointer { o in
                        for r in 0..<rows {
                            let b = lo + r / m
                            let om = weights[r] * lagScale
                            for i in 0..<d {
                                let src = (r * d + i) * e, dst = (b * d + i) * n
                                for l in 0..<w {
                                    let s = src + l * n
                                    if multiplyByDelta {
                                        let ds = r * e + l * n
                                        for j in 0..<n { o[dst + j] += om * Double(gp[s + j] * dp[ds + j]) }
                                    } else {
                                        for j in 0..<n { o[dst + j] += om * Double(gp[s + j]) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            lo = hi
        }
        return out
    }
}
