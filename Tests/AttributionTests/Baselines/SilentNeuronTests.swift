@testable import Attribution
import Tensors
import Testing

/// Perturbation copies that change nothing are skipped (`PerturbationForward`'s `sameAs`): a
/// neuron silent over a sample's whole window, at baseline 0, as binned spike counts mostly are.
/// The results must equal the brute-force definitions, with exact zeros for silent neurons.
@Suite struct SilentNeuronTests {
    /// Spike-count-like inputs: each (sample, neuron) is silent over the whole window with
    /// probability ½; otherwise its lags are |N(0, 1)| or 0.
    func sparseInputs(_ model: EmbeddingModel, count c: Int, seed: UInt64) -> Tensor {
        let dense = BaselineTestModels.inputs(model, count: c, seed: seed)
        let n = model.inputNeurons, e = dense.count / c
        var rng = Xoshiro256(seed: seed + 100)
        var v = dense.scalars
        for b in 0..<c {
            for j in 0..<n {
                let silent = rng.uniformInt(below: 2) == 0
                for l in 0..<(e / n) {
                    let k = b * e + l * n + j
                    v[k] = silent || rng.uniformInt(below: 3) == 0 ? 0 : Swift.abs(v[k])
                }
            }
        }
        return Tensor(shape: dense.shape, scalars: v)
    }

    func isSilent(_ x: Tensor, sample b: Int, neuron j: Int, neurons n: Int) -> Bool {
        let e = x.count / x.shape[0]
        return (0..<(e / n)).allSatisfy { x.scalars[b * e + $0 * n + j] == 0 }
    }

    /// The generic route (a convolutional encoder): every copy built and run explicitly.
    @Test func featureAblationOnAConvolutionalModel() throws {
        let n = 6, d = 3, c = 300
        let model = try BaselineTestModels.encoder("offset10-model-mse", n: n, d: d, units: 8, seed: 5)
        #expect(model.encoder.isConvolutional)
        let x = sparseInputs(model, count: c, seed: 2)
        let r = try BaselineTestModels.run(FeatureAblationExplainer(), model, x)
        let e = x.count / c
        let y = BaselineTestModels.outputs(model, x)
        var copies: [Float] = []
        for b in 0..<c {
            for j in 0..<n {
                var row = Array(x.scalars[(b * e)..<((b + 1) * e)])
                for l in 0..<(e / n) { row[l * n + j] = 0 }
                copies += row
            }
        }
        let ya = BaselineTestModels.outputs(model, Tensor(shape: [c * n] + x.shape.dropFirst(), scalars: copies))
        var silent = 0
        for b in 0..<c { for j in 0..<n {
            let quiet = isSilent(x, sample: b, neuron: j, neurons: n)
            if quiet { silent += 1 }
            for i in 0..<d {
                let value = r[(b * d + i) * n + j]
                if quiet { #expect(value == 0) }
                #expect(Swift.abs(value - (y[b * d + i] - ya[(b * n + j) * d + i])) < 1e-5)
            }
        } }
        #expect(silent > c * n / 3 && silent < c * n * 2 / 3)
    }

    /// Shapley sampling against the definition with the explainer's own permutations
    /// (`SampleRandomness` stream 6; a zero baseline draws nothing), every prefix copy run.
    @Test(arguments: [false, true])
    func shapleySamplingMatchesItsPermutations(antithetic: Bool) throws {
        let n = 5, d = 2, c = 40, p = 4, seed: UInt64 = 9
        let model = try BaselineTestModels.encoder("offset1-model-mse", n: n, d: d, units: 12, seed: 7)
        let x = sparseInputs(model, count: c, seed: 3)
        let r = try BaselineTestModels.run(ShapleySamplingExplainer(permutations: p, antithetic: antithetic, seed: seed), model, x)
        for b in 0..<c {
            var rng = SampleRandomness.generator(seed: seed, sample: b, stream: 6)
            var orders: [[Int]] = []
            for q in 0..<p { orders.append(antithetic && q % 2 == 1 ? orders[q - 1].reversed() : rng.permutation(n)) }
            let row = Array(x.scalars[(b * n)..<((b + 1) * n)])
            var phi = [Double](repeating: 0, count: n * d)
            for order in orders {
                var prefixes: [Float] = [Float](repeating: 0, count: n)
                var current = prefixes
                for j in order {
                    current[j] = row[j]
                    prefixes += current
                }
                let y = BaselineTestModels.outputs(model, Tensor(shape: [n + 1, n], scalars: prefixes))
                for (t, j) in order.enumerated() { for i in 0..<d { phi[j * d + i] += y[(t + 1) * d + i] - y[t * d + i] } }
            }
            for j in 0..<n { for i in 0..<d {
                let value = r[(b * d + i) * n + j]
                if row[j] == 0 { #expect(value == 0) }
                #expect(Swift.abs(value - phi[j * d + i] / Double(p)) < 1e-5)
            } }
        }
    }
}
