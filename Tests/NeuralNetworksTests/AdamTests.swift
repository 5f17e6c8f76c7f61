import Foundation
import Testing
import Tensors
@testable import NeuralNetworks

@Suite struct AdamTests {
    @Test func firstStepsMatchHandComputation() {
        let p = Variable(Tensor(shape: [2], scalars: [1, -2]), requiresGradient: true)
        let opt = Adam(parameters: [p], learningRate: 0.1)
        opt.update(gradients: [Tensor(shape: [2], scalars: [0.5, -3])])
        // step 1: m̂ = g, v̂ = g², update = lr·g/(|g| + ε) ≈ lr·sign(g)
        #expect(abs(p.value.scalars[0] - (1 - 0.1)) < 1e-6)
        #expect(abs(p.value.scalars[1] - (-2 + 0.1)) < 1e-6)
        opt.update(gradients: [Tensor(shape: [2], scalars: [0.5, 1])])
        // step 2 for coordinate 1 by hand: m = 0.9·0.1·(−3)... computed in Double
        let m = 0.9 * (0.1 * -3.0) + 0.1 * 1.0, v = 0.999 * (0.001 * 9.0) + 0.001 * 1.0
        let expected = (-2 + 0.1) - 0.1 / (1 - 0.81) * m / (v.squareRoot() / (1 - 0.998001).squareRoot() + 1e-8)
        #expect(abs(Double(p.value.scalars[1]) - expected) < 1e-5)
    }

    @Test func weightDecayAddsL2Gradient() {
        let p = Variable(Tensor(shape: [1], scalars: [2]), requiresGradient: true)
        let q = Variable(Tensor(shape: [1], scalars: [2]), requiresGradient: true)
        let a = Adam(parameters: [p], learningRate: 0.01, weightDecay: 0.5)
        let b = Adam(parameters: [q], learningRate: 0.01)
        a.update(gradients: [Tensor(shape: [1], scalars: [1])])
        b.update(gradients: [Tensor(shape: [1], scalars: [2])])  // 1 + 0.5·2
        #expect(p.value == q.value)
    }

    /// The eight-lane update (19 elements: two SIMD blocks and a scalar tail) equals the
    /// documented formula evaluated element by element in Float32, bit for bit, over 3 steps.
    @Test func vectorisedUpdateEqualsTheScalarFormula() {
        var rng = Xoshiro256(seed: 9)
        let start = rng.normalTensor([19])
        let p = Variable(start, requiresGradient: true)
        let opt = Adam(parameters: [p], learningRate: 0.05, weightDecay: 0.1)
        var theta = start.scalars, m = [Float](repeating: 0, count: 19), v = m
        for step in 1...3 {
            let g = rng.normalTensor([19])
            opt.update(gradients: [g])
            let bc1 = 1 - Foundation.pow(Double(Float(0.9)), Double(step)), bc2 = 1 - Foundation.pow(Double(Float(0.999)), Double(step))
            let stepSize = Float(Double(Float(0.05)) / bc1), sqrtBc2 = Float(bc2.squareRoot())
            for i in 0..<19 {
                let gi = g.scalars[i] + Float(0.1) * theta[i]
                m[i] = Float(0.9) * m[i] + (1 - Float(0.9)) * gi
                v[i] = Float(0.999) * v[i] + (1 - Float(0.999)) * gi * gi
                theta[i] -= stepSize * m[i] / (v[i].squareRoot() / sqrtBc2 + Float(1e-8))
            }
            #expect(p.value.scalars == theta, "step \(step)")
        }
    }

    /// Same seed ⇒ bit-identical parameters after 100 Adam steps of a small regression.
    @Test func trainingIsBitReproducible() throws {
        func run() throws -> [Tensor] {
            var rng = Xoshiro256(seed: 42)
            let model = try EncoderRegistry.make("offset1-model-mse", neurons: 8, outputDimension: 2, using: &rng)
            let opt = Adam(parameters: model.parameters, learningRate: 1e-3)
            let x = rng.normalTensor([32, 8])
            let target = Variable(rng.normalTensor([32, 2]))
            for _ in 0..<100 {
                let loss = (model(Variable(x)) - target).squared().mean()
                opt.update(gradients: gradients(of: loss, withRespectTo: model.parameters).map(\.value))
            }
            return model.parameters.map(\.value)
        }
        let a = try run()
        let b = try run()
        #expect(a == b)
        #expect(a.allSatisfy { $0.isFinite })
    }
}
