import Foundation
import Testing
import Tensors
@testable import Contrastive

@Suite struct InfoNCETests {
    let r = Tensor(rows: [[1, 0], [0, 1]])
    let p = Tensor(rows: [[1, 0.5], [0, 2]])
    let n = Tensor(rows: [[0, 0], [1, 1]])

    /// Hand computation: φ(a,b) = −‖a−b‖²; L = mean(−φ(r,p)) + mean_i log Σ_j e^{φ(r_i,n_j)}.
    @Test func euclideanValueMatchesHandComputation() {
        let loss = InfoNCE(similarity: .euclidean)(reference: Variable(r), positive: Variable(p), negative: Variable(n),
                                                   logInverseTemperature: nil)
        // align: ‖r0−p0‖² = 0.25, ‖r1−p1‖² = 1 → 0.625
        // row 0: φ = [−1, −1] → log(2e⁻¹) = log2 − 1; row 1: φ = [−1, −1] → same
        let expected = 0.625 + (log(2.0) - 1)
        #expect(abs(Double(loss.loss.value.scalar) - expected) < 1e-6)
        #expect(abs(Double(loss.alignment.value.scalar) - 0.625) < 1e-6)
    }

    @Test func cosineWithTemperatureMatchesHandComputation() {
        let tau = 0.5
        let loss = InfoNCE(similarity: .cosine, temperature: .fixed(tau))(
            reference: Variable(r), positive: Variable(p), negative: Variable(n), logInverseTemperature: nil)
        // φ = a·b/τ: pos = [1, 2]/0.5 = [2, 4]; row 0 negs: [0, 1]/0.5 = [0, 2]; row 1: [0, 2]
        let expected = -(2.0 + 4.0) / 2 + log(exp(0.0) + exp(2.0))
        #expect(abs(Double(loss.loss.value.scalar) - expected) < 1e-5)
    }

    /// Gradient w.r.t. the reference embeddings, by hand: for euclidean τ = 1,
    /// ∂L/∂r_i = (2/B)(r_i − p_i) + (1/B) Σ_j softmax_ij · (−2)(r_i − n_j).
    @Test func gradientMatchesHandComputation() {
        let rv = Variable(r, requiresGradient: true)
        let loss = InfoNCE(similarity: .euclidean)(reference: rv, positive: Variable(p), negative: Variable(n), logInverseTemperature: nil).loss
        let g = gradients(of: loss, withRespectTo: [rv])[0].value
        for i in 0..<2 {
            let phi = (0..<2).map { j in -((0..<2).map { Double(r[i, $0] - n[j, $0]) * Double(r[i, $0] - n[j, $0]) }.reduce(0, +)) }
            let z = phi.map(exp).reduce(0, +)
            for c in 0..<2 {
                var expected = 2.0 / 2 * Double(r[i, c] - p[i, c])
                for j in 0..<2 { expected += (exp(phi[j]) / z) * (-2.0) * Double(r[i, c] - n[j, c]) / 2 }
                #expect(abs(Double(g[i, c]) - expected) < 1e-5)
            }
        }
    }

    @Test func stabilisationKeepsLargeSimilaritiesFinite() {
        let big = Tensor(rows: [[100, 0], [0, 100]])
        let loss = InfoNCE(similarity: .cosine, temperature: .fixed(0.01))(
            reference: Variable(big), positive: Variable(big), negative: Variable(big), logInverseTemperature: nil)
        #expect(loss.loss.value.scalar.isFinite)
    }

    @Test func learnableTemperatureIsClampedAndDifferentiable() {
        let criterion = InfoNCE(similarity: .cosine, temperature: .learnable(initial: 1, minimum: 0.5))
        let theta = Variable(Tensor(shape: [1], scalars: [Float(log(1 / 0.25))]), requiresGradient: true)  // τ = 0.25 < min
        let out = criterion(reference: Variable(r), positive: Variable(p), negative: Variable(n), logInverseTemperature: theta)
        let fixed = InfoNCE(similarity: .cosine, temperature: .fixed(0.5))(
            reference: Variable(r), positive: Variable(p), negative: Variable(n), logInverseTemperature: nil)
        #expect(abs(out.loss.value.scalar - fixed.loss.value.scalar) < 1e-5)
        #expect(gradients(of: out.loss, withRespectTo: [theta])[0].value.scalar == 0)  // clamped: no gradient
        #expect(abs(criterion.currentTemperature(logInverseTemperature: theta.value.scalar) - 0.5) < 1e-6)

        let free = Variable(Tensor(shape: [1], scalars: [0]), requiresGradient: true)
        let out2 = criterion(reference: Variable(r), positive: Variable(p), negative: Variable(n), logInverseTemperature: free)
        let g = Double(gradients(of: out2.loss, withRespectTo: [free])[0].value.scalar)
        let numeric = FiniteDifferences.gradient(of: { t in
            Double(criterion(reference: Variable(r), positive: Variable(p), negative: Variable(n), logInverseTemperature: Variable(t[0])).loss.value.scalar)
        }, at: [free.value], input: 0, step: 1e-3)[0]
        #expect(abs(g - numeric) < 1e-3)
    }
}
