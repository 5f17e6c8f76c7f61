import Dispatch
import NeuralNetworks
import Tensors

/// DeepLIFT with the Rescale rule (Shrikumar et al. 2017; captum `NeuronDeepLift`), per output
/// dimension: R_b[i, j] = Σ_w (x_b − x0)[w, j] · m_i[w, j], with the multipliers m_i of
/// `DeepLIFTRescale` (lags summed), so that Σ_j R_b[i, j] = y_i(x_b) − y_i(x0)
/// (summation-to-delta). Baseline zero by default ([P2]); mean or shuffled (one draw per
/// sample, `SampleRandomness` stream 4) as options.
/// Cost: two forward passes (x and x0) and d reverse passes per chunk.
public struct DeepLIFTExplainer: Explainer {
    public var baseline: InputBaseline
    public var seed: UInt64

    public init(baseline: InputBaseline = .zero, seed: UInt64 = 0) {
        self.baseline = baseline
        self.seed = seed
    }

    public var name: String { "deeplift" }

    public func attributions(of model: EmbeddingModel, inputs: Tensor, samples: ArraySlice<Int>) throws -> ChunkAttribution {
        let t0 = DispatchTime.now().uptimeNanoseconds
        let c = inputs.shape[0], d = model.outputDimension, n = model.inputNeurons
        let e = inputs.count / Swift.max(c, 1), w = e / n
        let reference = Tensor(shape: inputs.shape, scalars: try baseline.rows(samples: samples.prefix(c), elements: e, seed: seed, stream: 4))
        var out = [Double](repeating: 0, count: c * d * n)
        try GradMode.with(enabled: true) {
            let x = Variable(inputs, requiresGradient: true)
            let y = try DeepLIFTRescale.output(model, x: x, reference: reference)
            for i in 0..<d {
                let seedVar = Variable(JacobianPenalty.oneHotSeed(batch: c, columns: d, column: i))
                let m = gradients(of: y, withRespectTo: [x], seed: seedVar)[0].value
                m.scalars.withUnsafeBufferPointer { mp in
                    inputs.scalars.withUnsafeBufferPointer { xp in
                        reference.scalars.withUnsafeBufferPointer { rp in
                            for b in 0..<c {
                                let dst = (b * d + i) * n
                                for l in 0..<w {
                                    let s = b * e + l * n
                                    for j in 0..<n { out[dst + j] += Double((xp[s + j] - rp[s + j]) * mp[s + j]) }
                                }
                            }
                        }
                    }
                }
            }
        }
        try checkFinite(out, model: model, samples: samples)
        return ChunkAttribution(values: out, phaseSeconds: ["deeplift": Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9])
    }
}
