import NeuralNetworks
import Tensors

/// How a convolutional encoder's Jacobian w.r.t. the whole window (d × W × n) is reduced to
/// d × n (xcebra.md §7.4). offset1 models have W = 1, so both reductions give J itself
/// (`absoluteMean` gives |J|).
public enum LagReduction: String, Sendable, CaseIterable {
    /// `jf`: J[i, j] = (1/W) Σ_w ∂y_i/∂x[w, j].
    case signedMean
    /// `jf-convabs`: J[i, j] = (1/W) Σ_w |∂y_i/∂x[w, j]|.
    case absoluteMean
}

/// Per-sample Jacobians of the embedding, J_b = ∂y_b/∂x_b, for a chunk of samples.
///
/// One forward pass over the chunk, then one reverse pass per output dimension i with seed
/// ones on column i (xcebra.md §7.3): samples are independent (no encoder mixes samples), so
/// the gradient row b is row i of J_b. Cost: d reverse passes over the chunk.
public enum SampleJacobians {
    /// - Parameters:
    ///   - inputs: `[C, n]` or `[C, W, n]`.
    /// - Returns: `values`, C·d·n Doubles laid out `[C, d, n]` (lag-reduced), and the chunk's
    ///   embedding `[C, d]`.
    ///
    /// Plain offset1 MLPs take `StackedMLPJacobian` (the same d reverse passes stacked into one
    /// GEMM chain) unless `stacked` is false.
    public static func compute(_ model: EmbeddingModel, inputs: Tensor, lag: LagReduction = .signedMean,
                               stacked: Bool = true) -> (values: [Double], outputs: Tensor) {
        let c = inputs.shape[0], d = model.outputDimension, n = model.inputNeurons
        if stacked, inputs.rank == 2, let plan = StackedMLPJacobian.plan(model) {
            var (values, outputs) = StackedMLPJacobian.compute(plan, inputs: inputs, outputs: d)
            if lag == .absoluteMean { for k in values.indices { values[k] = Swift.abs(values[k]) } }
            return (values, outputs)
        }
        let w = inputs.rank == 3 ? inputs.shape[1] : 1
        var out = [Double](repeating: 0, count: c * d * n)
        let y: Variable = GradMode.with(enabled: true) {
            let x = Variable(inputs, requiresGradient: true)
            let y = model.embed(x)
            let invW = 1 / Double(w)
            for i in 0..<d {
                let seed = Variable(JacobianPenalty.oneHotSeed(batch: c, columns: d, column: i))
                let g = gradients(of: y, withRespectTo: [x], seed: seed)[0].value
                g.scalars.withUnsafeBufferPointer { gp in
                    out.withUnsafeMutableBufferPointer { o in
                        for b in 0..<c {
                            let src = b * w * n, dst = (b * d + i) * n
                            if w == 1 {
                                for j in 0..<n { o[dst + j] = Double(gp[src + j]) }
                                if lag == .absoluteMean { for j in 0..<n { o[dst + j] = Swift.abs(o[dst + j]) } }
                                continue
                            }
                            for l in 0..<w {
                                let row = src + l * n
                                if lag == .signedMean {
                                    for j in 0..<n { o[dst + j] += Double(gp[row + j]) }
                                } else {
                                    for j in 0..<n { o[dst + j] += Double(Swift.abs(gp[row + j])) }
                                }
                            }
                            for j in 0..<n { o[dst + j] *= invW }
                        }
                    }
                }
            }
            return y
        }
        return (out, y.value)
    }
}
