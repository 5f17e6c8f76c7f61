import Foundation
import Testing
@testable import Tensors

/// First-order checks of the elementwise functions: exp, log, squared, sqrt, tanh, the
/// piecewise-linear activations (away from their kinks) and GELU with its derivatives.
@Suite struct UnaryGradientTests {
    enum SmoothOp: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case exp, log, squared, sqrt, tanh, gelu
        var testDescription: String { rawValue }

        /// log and sqrt take inputs in [0.5, 2]: there |f‴| ≤ 16, so the h = 1e-2 truncation
        /// error stays below 3e-4 of the gradient.
        var positiveDomain: Bool { self == .log || self == .sqrt }

        func callAsFunction(_ x: Variable) -> Variable {
            switch self {
            case .exp: x.exp()
            case .log: x.log()
            case .squared: x.squared()
            case .sqrt: x.sqrt()
            case .tanh: x.tanh()
            case .gelu: x.gelu()
            }
        }
    }

    @Test(arguments: SmoothOp.allCases)
    func smooth(_ op: SmoothOp) {
        var rng = Xoshiro256(seed: 21)
        let x = op.positiveDomain ? rng.uniformTensor([3, 5], low: 0.5, high: 2) : rng.normalTensor([3, 5])
        expectGradientsMatch([x]) { v in op(v[0]) }
    }

    /// Every derivative order that a third-order gradient can reach, on points spread over
    /// [−4, 4] where the polynomials Pₙ and the Gaussian factor both matter.
    @Test(arguments: 1...4)
    func geluDerivative(order: Int) {
        var rng = Xoshiro256(seed: 22)
        let x = rng.uniformTensor([2, 8], low: -4, high: 4)
        expectGradientsMatch([x]) { v in v[0].geluDerivative(order: order) }
    }

    enum KinkedOp: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case relu, leakyRelu, clamped
        var testDescription: String { rawValue }

        var kinks: [Float] { self == .clamped ? [-1, 1] : [0] }

        func callAsFunction(_ x: Variable) -> Variable {
            switch self {
            case .relu: x.relu()
            case .leakyRelu: x.leakyRelu(slope: 0.2)
            case .clamped: x.clamped(-1, 1)
            }
        }
    }

    /// Inputs kept ≥ 0.05 (5h) from every kink so no central difference straddles one; the
    /// draws have std 1.5 so that both sides of every kink (including clamp saturation on
    /// both ends) are populated.
    @Test(arguments: KinkedOp.allCases)
    func piecewiseLinear(_ op: KinkedOp) throws {
        var rng = Xoshiro256(seed: 23)
        let x = awayFromKinks(rng.normalTensor([4, 6], std: 1.5), kinks: op.kinks, margin: 0.05)
        for k in op.kinks {
            try #require(x.scalars.contains { $0 < k } && x.scalars.contains { $0 > k }, "both sides of \(k)")
        }
        expectGradientsMatch([x]) { v in op(v[0]) }
    }

    /// Hand values of the piecewise gradients, including the conventions at the kinks:
    /// ReLU′(0) = 0, leaky slope below 0, and Hardtanh′ = 0 at and outside the bounds
    /// (PyTorch's hardtanh_backward: a saturated output has a zero Jacobian row).
    @Test func piecewiseGradientConventions() {
        let x = Tensor(shape: [7], scalars: [-2, -1, -0.5, 0, 0.5, 1, 2])
        func grad(_ f: (Variable) -> Variable) -> [Float] {
            let v = Variable(x, requiresGradient: true)
            return gradients(of: f(v).sum(), withRespectTo: [v])[0].value.scalars
        }
        #expect(grad { $0.relu() } == [0, 0, 0, 0, 1, 1, 1])
        #expect(grad { $0.leakyRelu(slope: 0.1) } == [0.1, 0.1, 0.1, 0.1, 1, 1, 1])
        #expect(grad { $0.clamped(-1, 1) } == [0, 0, 1, 1, 1, 0, 0])
        #expect(GradMode.withoutGradient { Variable(x).clamped(-1, 1).value.scalars } == [-1, -1, -0.5, 0, 0.5, 1, 1])
        #expect(GradMode.withoutGradient { Variable(x).leakyRelu(slope: 0.1).value.scalars }
                == [-0.2, -0.1, -0.05, 0, 0.5, 1, 2])
    }

    /// GELU and its derivatives against the closed forms evaluated in Double:
    /// GELU = xΦ(x), GELU′ = Φ + xφ, GELU″ = φ(2 − x²), GELU‴ = φ(x³ − 4x), GELU⁗ = φ(−x⁴ + 7x² − 4).
    /// Float32 erfc/exp give ~1e-6 absolute accuracy at these magnitudes.
    @Test func geluClosedForms() {
        let points: [Double] = [-5, -3, -1.5, -0.7, 0, 0.3, 1, 2.2, 4]
        let x = Variable(Tensor(shape: [points.count], scalars: points.map(Float.init)))
        func phi(_ t: Double) -> Double { 0.3989422804014327 * Foundation.exp(-0.5 * t * t) }
        func cdf(_ t: Double) -> Double { 0.5 * Foundation.erfc(-t / 2.0.squareRoot()) }
        let closed: [(Double) -> Double] = [
            { $0 * cdf($0) }, { cdf($0) + $0 * phi($0) }, { phi($0) * (2 - $0 * $0) },
            { phi($0) * ($0 * $0 * $0 - 4 * $0) }, { phi($0) * (-$0 * $0 * $0 * $0 + 7 * $0 * $0 - 4) },
        ]
        for (order, f) in closed.enumerated() {
            let got = x.geluDerivative(order: order).value.scalars
            for (p, g) in zip(points, got) {
                #expect(Swift.abs(Double(g) - f(p)) < 2e-6, "GELU^(\(order))(\(p)) = \(g), expected \(f(p))")
            }
        }
        #expect(x.gelu().value == x.geluDerivative(order: 0).value)
    }
}
