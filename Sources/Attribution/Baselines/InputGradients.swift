import NeuralNetworks
import Tensors

/// Gradients of every embedding dimension with respect to every input element, for a batch of
/// (possibly perturbed) inputs: the workhorse of the gradient family.
///
/// For inputs `[R, n]` or `[R, W, n]` (E = W·n elements per row) it returns G laid out
/// `[R, d, E]` with G[r, i, e] = ∂y_{r,i}/∂x_{r,e}, and the outputs y `[R, d]`. Rows are
/// independent (no encoder mixes samples), so one reverse pass per output dimension over the
/// whole batch gives row i of every per-row Jacobian (xcebra.md §7.3). Plain offset1 MLPs take
/// `StackedMLPJacobian` (the d passes stacked into one GEMM chain, one forward pass).
/// Unlike `SampleJacobians` nothing is reduced over lags: the methods multiply by (x − x0)
/// per element before summing.
enum InputGradients {
    /// Rows per call that keep G near `budget` Floats (at least one row).
    static func rowsPerBatch(_ model: EmbeddingModel, elements e: Int, budget: Int = 4_000_000) -> Int {
        Swift.max(1, budget / Swift.max(1, model.outputDimension * e))
    }

    static func compute(_ model: EmbeddingModel, inputs: Tensor) -> (gradients: [Float], outputs: Tensor) {
        let r = inputs.shape[0], d = model.outputDimension
        let e = inputs.count / Swift.max(r, 1)
        if inputs.rank == 2, let plan = StackedMLPJacobian.plan(model) {
            let (values, outputs) = StackedMLPJacobian.compute(plan, inputs: inputs, outputs: d)
            return (values.map(Float.init), outputs)
        }
        var out = [Float](repeating: 0, count: r * d * e)
        let y: Tensor = GradMode.with(enabled: true) {
            let x = Variable(inputs, requiresGradient: true)
            let y = model.embed(x)
            for i in 0..<d {
                let seed = Variable(JacobianPenalty.oneHotSeed(batch: r, columns: d, column: i))
                let g = gradients(of: y, withRespectTo: [x], seed: seed)[0].value
                g.scalars.withUnsafeBufferPointer { gp in
                    out.withUnsafeMutableBufferPointer { o in
                        for b in 0..<r {
                            let src = b * e, dst = (b * d + i) * e
                            for k in 0..<e { o[dst + k] = gp[src + k] }
                        }
                    }
                }
            }
            return y.value
        }
        return (out, y)
    }
}

/// Forward passes only (the perturbation family): the embedding `[R, d]` of many inputs,
/// evaluated in batches of at most `rowsPerCall` rows so that one GEMM serves many perturbed
/// copies at once while activations stay bounded.
enum BatchedForward {
    static func rowsPerCall(_ model: EmbeddingModel, elements e: Int) -> Int {
        // The widest activation of the offset1 family is 30·d per row; conv models hold U per
        // lag. Aim for ~8 M Floats of activations.
        Swift.max(16, 8_000_000 / Swift.max(1, e * 8 + 30 * model.outputDimension))
    }

    /// y = embed(x) for `inputs` `[R, …]`, as Float32 `[R, d]`.
    static func embed(_ model: EmbeddingModel, inputs: Tensor) -> [Float] {
        let r = inputs.shape[0], d = model.outputDimension
        let e = inputs.count / Swift.max(r, 1)
        let step = rowsPerCall(model, elements: e)
        var out = [Float](repeating: 0, count: r * d)
        GradMode.withoutGradient {
            var lo = 0
            while lo < r {
                let hi = Swift.min(lo + step, r)
                let part = lo == 0 && hi == r ? inputs : Tensor(shape: [hi - lo] + inputs.shape.dropFirst(),
                                                                 scalars: Array(inputs.scalars[(lo * e)..<(hi * e)]))
                let y = model.embed(Variable(part)).value
                out.withUnsafeMutableBufferPointer { o in
                    y.scalars.withUnsafeBufferPointer { yp in for k in 0..<yp.count { o[lo * d + k] = yp[k] } }
                }
                lo = hi
            }
        }
        return out
    }
}

