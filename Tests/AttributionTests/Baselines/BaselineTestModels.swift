@testable import Attribution
import Contrastive
import NeuralNetworks
import Foundation
import Tensors

/// Models with known attributions for the baseline explainer tests.
enum BaselineTestModels {
    /// y = W x + b, W `[d, n]`.
    static func linear(n: Int, d: Int, seed: UInt64 = 1) throws -> (model: EmbeddingModel, weight: Tensor, bias: Tensor) {
        var rng = Xoshiro256(seed: seed)
        let layer = Linear(n, d, using: &rng)
        let encoder = Encoder(name: "linear", network: Sequential([layer]), inputNeurons: n, outputDimension: d,
                              offset: (0, 1), normalizesOutput: false)
        let model = try EmbeddingModel(encoder: encoder, configuration: TestModels.configuration(d: d))
        return (model, layer.weight.value, layer.bias!.value)
    }

    /// Additive model y_i = Σ_j V[i, j] · GELU(a_j x_j + c_j) + b_i: a diagonal first layer.
    static func additive(n: Int, d: Int, seed: UInt64 = 2) throws -> (model: EmbeddingModel, f: ([Float]) -> [[Double]]) {
        var rng = Xoshiro256(seed: seed)
        let first = Linear(n, n, using: &rng), second = Linear(n, d, using: &rng)
        for i in 0..<n { for j in 0..<n where i != j { first.weight.value.scalars[i * n + j] = 0 } }
        let a = (0..<n).map { Double(first.weight.value.scalars[$0 * n + $0]) }
        let c = first.bias!.value.scalars.map(Double.init), v = second.weight.value
        let encoder = Encoder(name: "additive", network: Sequential([first, GELU(), second]), inputNeurons: n, outputDimension: d,
                              offset: (0, 1), normalizesOutput: false)
        let model = try EmbeddingModel(encoder: encoder, configuration: TestModels.configuration(d: d))
        // Per-neuron terms t[i][j] = V[i, j]·GELU(a_j x_j + c_j).
        let terms: ([Float]) -> [[Double]] = { x in
            (0..<d).map { i in (0..<n).map { j in
                let z = a[j] * Double(x[j]) + c[j]
                return Double(v[i, j]) * z * 0.5 * erfc(-z / 2.0.squareRoot())
            } }
        }
        return (model, terms)
    }

    /// A registry encoder with random (untrained) weights.
    static func encoder(_ name: String, n: Int, d: Int, units: Int = 8, seed: UInt64 = 3, renormalize: Bool = false) throws -> EmbeddingModel {
        var rng = Xoshiro256(seed: seed)
        let enc = try EncoderRegistry.make(name, neurons: n, outputDimension: d, hiddenUnits: units, using: &rng)
        return try EmbeddingModel(encoder: enc, configuration: TestModels.configuration(model: name, d: d, renormalize: renormalize, units: units))
    }

    /// Random inputs `[c, n]` or `[c, W, n]`.
    static func inputs(_ model: EmbeddingModel, count c: Int, seed: UInt64 = 4) -> Tensor {
        var rng = Xoshiro256(seed: seed)
        let w = model.encoder.receptiveField
        let shape = model.encoder.isConvolutional ? [c, w, model.inputNeurons] : [c, model.inputNeurons]
        return rng.normalTensor(shape)
    }

    static func run(_ e: any Explainer, _ model: EmbeddingModel, _ x: Tensor, firstSample: Int = 0) throws -> [Double] {
        try e.attributions(of: model, inputs: x, samples: ArraySlice(Array(firstSample..<(firstSample + x.shape[0])))).values
    }

    /// y(x) `[c, d]` in Double.
    static func outputs(_ model: EmbeddingModel, _ x: Tensor) -> [Double] {
        BatchedForward.embed(model, inputs: x).map(Double.init)
    }
}

func maxAbsDifference(_ a: [Double], _ b: [Double]) -> Double {
    zip(a, b).reduce(0) { Swift.max($0, Swift.abs($1.0 - $1.1)) }
}
