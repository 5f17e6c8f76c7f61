import Testing
import Tensors
@testable import NeuralNetworks

/// Second-order checks: ∂R/∂θ for R = ½·mean_b ‖∂f/∂x‖²_F, computed by double backward, against
/// central differences of R itself.
@Suite struct JacobianPenaltyTests {
    /// Explicit per-sample Jacobians by one backward pass per (sample, output) pair.
    private func explicitPenalty(_ model: Encoder, _ x: Tensor) -> Double {
        let b = x.shape[0]
        var total = 0.0
        for s in 0..<b {
            let xs = Variable(x.gatherRows([s]), requiresGradient: true)
            let y = model(xs)
            for i in 0..<y.shape[1] {
                var seed = Tensor(zeros: y.shape)
                seed.scalars[i] = 1
                let g = gradients(of: y, withRespectTo: [xs], seed: Variable(seed))[0].value
                total += g.scalars.reduce(0) { $0 + Double($1 * $1) }
            }
        }
        return 0.5 * total / Double(b)
    }

    private func penalty(_ model: Encoder, _ x: Tensor) -> Variable {
        let xv = Variable(x, requiresGradient: true)
        return JacobianPenalty.exact(output: model(xv), input: xv)
    }

    /// Checks a random subset of parameter coordinates of every parameter tensor.
    private func checkParameterGradient(_ model: Encoder, _ x: Tensor, coordinatesPerTensor: Int, tolerance: Double, step h: Float = 1e-2) {
        let r = penalty(model, x)
        let grads = gradients(of: r, withRespectTo: model.parameters).map(\.value)
        var pick = Xoshiro256(seed: 77)
        for (k, p) in model.parameters.enumerated() {
            let coords = (0..<coordinatesPerTensor).map { _ in pick.uniformInt(below: p.value.count) }
            let original = p.value
            let numeric: [Double] = coords.map { i in
                p.value.scalars[i] = original.scalars[i] + h
                let up = Double(penalty(model, x).value.scalar)
                p.value.scalars[i] = original.scalars[i] - h
                let down = Double(penalty(model, x).value.scalar)
                p.value = original
                return (up - down) / (2 * Double(h))
            }
            let analytic = coords.map { Double(grads[k].scalars[$0]) }
            let err = FiniteDifferences.relativeError(analytic, numeric)
            #expect(err < tolerance, "parameter \(k) (\(p.shape)): relative error \(err)")
        }
    }

    @Test func exactPenaltyEqualsExplicitJacobians() throws {
        var rng = Xoshiro256(seed: 5)
        let model = try EncoderRegistry.make("offset1-model-mse", neurons: 10, outputDimension: 3, using: &rng)
        let x = rng.normalTensor([6, 10])
        let r = Double(penalty(model, x).value.scalar)
        #expect(abs(r - explicitPenalty(model, x)) < 1e-5 * max(1, r))
    }

    @Test func randomProjectionIsUnbiased() throws {
        var rng = Xoshiro256(seed: 6)
        let model = try EncoderRegistry.make("offset1-model-mse", neurons: 8, outputDimension: 4, using: &rng)
        let x = rng.normalTensor([16, 8])
        let exact = Double(penalty(model, x).value.scalar)
        var draws = Xoshiro256(seed: 7)
        var acc = 0.0
        let n = 400
        for _ in 0..<n {
            let xv = Variable(x, requiresGradient: true)
            acc += Double(JacobianPenalty.randomProjection(output: model(xv), input: xv, using: &draws).value.scalar)
        }
        // per-draw relative spread is < 1 for C = 4 and 16 samples, so 400 draws give ~5% s.e.
        #expect(abs(acc / Double(n) - exact) < 0.1 * exact)
    }

    /// The reference architecture: 50 → 180 → 180 → 60 → 6 GELU MLP.
    @Test func mlpSecondOrderGradientMatchesFiniteDifferences() throws {
        var rng = Xoshiro256(seed: 1)
        let model = try EncoderRegistry.make("offset1-model-mse", neurons: 50, outputDimension: 6, using: &rng)
        let x = rng.normalTensor([4, 50])
        checkParameterGradient(model, x, coordinatesPerTensor: 6, tolerance: 3e-3)
    }

    @Test func convSecondOrderGradientMatchesFiniteDifferences() throws {
        var rng = Xoshiro256(seed: 2)
        let model = try EncoderRegistry.make("offset5-model", neurons: 6, outputDimension: 3, hiddenUnits: 8, using: &rng)
        let x = rng.normalTensor([3, 5, 6])
        // The normalised conv model is strongly curved: the error shrinks as h² (0.16 at h = 3e-2,
        // 0.017 at 1e-2, < 3e-3 at 3e-3), so a smaller step is used here.
        checkParameterGradient(model, x, coordinatesPerTensor: 6, tolerance: 3e-3, step: 3e-3)
    }
}
