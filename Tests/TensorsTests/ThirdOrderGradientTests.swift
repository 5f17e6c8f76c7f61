import Foundation
import Testing
@testable import Tensors

/// Gradients of gradients of gradients through the GELU derivative chain.
///
/// f(x) = Σᵢ GELU(a·xᵢ) is separable, so each repeated gradient of the sum is elementwise:
/// g₁ = a·GELU′(ax), g₂ = ∂(Σ g₁)/∂x = a²·GELU″(ax), g₃ = a³·GELU‴(ax), g₄ = a⁴·GELU⁗(ax).
/// Each level is recorded (`createGraph: true`) so that the next can differentiate it, which is
/// what `geluDerivative(order:)` promises for any order.
@Suite struct ThirdOrderGradientTests {
    static let a: Float = 0.8
    static let points: [Float] = [-3.1, -1.7, -0.9, -0.2, 0.4, 1.1, 2.3, 3.6]

    /// [g₁, …, g_depth] at `x`, each computed by differentiating the sum of the previous one.
    static func repeatedGradients(at x: Tensor, depth: Int) -> [Tensor] {
        GradMode.with(enabled: true) {
            let xv = Variable(x, requiresGradient: true)
            var current = (xv * a).gelu().sum()
            var out: [Tensor] = []
            for level in 1...depth {
                let g = gradients(of: current, withRespectTo: [xv], createGraph: level < depth)[0]
                out.append(g.value)
                current = g.sum()
            }
            return out
        }
    }

    /// GELU⁽ⁿ⁾(t) in Double: Φ-based for n ≤ 1, φ(t)·Pₙ(t) with P₂ = 2 − t², P₃ = t³ − 4t,
    /// P₄ = −t⁴ + 7t² − 4.
    static func geluDerivative(_ n: Int, _ t: Double) -> Double {
        let phi = 0.3989422804014327 * Foundation.exp(-0.5 * t * t)
        let cdf = 0.5 * Foundation.erfc(-t / 2.0.squareRoot())
        switch n {
        case 1: return cdf + t * phi
        case 2: return phi * (2 - t * t)
        case 3: return phi * (t * t * t - 4 * t)
        default: return phi * (-t * t * t * t + 7 * t * t - 4)
        }
    }

    /// Every level against the closed form (Float32 evaluation: ~1e-6 absolute error).
    @Test func closedForms() {
        let x = Tensor(shape: [Self.points.count], scalars: Self.points)
        let levels = Self.repeatedGradients(at: x, depth: 4)
        for (k, g) in levels.enumerated() {
            let n = k + 1
            for (p, got) in zip(Self.points, g.scalars) {
                let t = Double(Self.a * p)
                let expected = Foundation.pow(Double(Self.a), Double(n)) * Self.geluDerivative(n, t)
                #expect(Swift.abs(Double(got) - expected) < 5e-6, "level \(n) at x = \(p): \(got) vs \(expected)")
            }
        }
    }

    /// The third gradient against central differences of the (autodiff) second gradient, and
    /// the second against differences of the first: consistency that does not rely on the
    /// closed forms. Tolerance as first-order checks (`GradientCheck`).
    @Test func finiteDifferencesOfLowerOrders() {
        let x = Tensor(shape: [Self.points.count], scalars: Self.points)
        let levels = Self.repeatedGradients(at: x, depth: 3)
        for order in 2...3 {
            // Because the function is separable, coordinate i of level order−1 depends on xᵢ only,
            // so the difference quotient of Σᵢ (level order−1)ᵢ is the diagonal we want.
            let numeric = FiniteDifferences.gradient(of: { t in
                Self.repeatedGradients(at: t[0], depth: order - 1)[order - 2].scalars.reduce(0.0) { $0 + Double($1) }
            }, at: [x], input: 0)
            let error = FiniteDifferences.relativeError(levels[order - 1].scalars.map(Double.init), numeric)
            #expect(error < GradientCheck.firstOrderTolerance, "order \(order): relative error \(error)")
        }
    }

    /// A non-separable third-order quantity: ∂/∂W of Σ (∂²L/∂x²)-diagonal for L = Σ w ⊙ gelu(x·Wᵀ),
    /// i.e. the parameter gradient of a Hessian-diagonal penalty, against finite differences.
    @Test func parameterGradientOfHessianDiagonal() {
        var rng = Xoshiro256(seed: 91)
        let x0 = rng.normalTensor([2, 3]), w0 = rng.normalTensor([4, 3], std: 0.6)
        let proj = GradientCheck.projection([2, 4], seed: 92)
        // The elementwise Hessian diagonal needs one backward per coordinate, so the scalar
        // penalty is H = Σ_ij ∂²L/∂x_ij² computed as Σ_ij ∂(∂L/∂x)_ij/∂x_ij.
        func hessianTrace(_ w: Variable) -> Variable {
            let x = Variable(x0, requiresGradient: true)
            let l = (Variable.matmul(x, w, transposeB: true).gelu() * Variable(proj)).sum()
            let gx = gradients(of: l, withRespectTo: [x], createGraph: true)[0]
            var trace: Variable?
            for i in 0..<x0.count {
                var e = Tensor(zeros: x0.shape)
                e.scalars[i] = 1
                let row = gradients(of: (gx * Variable(e)).sum(), withRespectTo: [x], createGraph: true)[0]
                let d = (row * Variable(e)).sum()
                trace = trace.map { $0 + d } ?? d
            }
            return trace!
        }
        let w = Variable(w0, requiresGradient: true)
        let analytic = gradients(of: hessianTrace(w), withRespectTo: [w])[0].value.scalars.map(Double.init)
        let numeric = FiniteDifferences.gradient(of: { t in
            Double(GradMode.with(enabled: true) { hessianTrace(Variable(t[0], requiresGradient: true)).value.scalar })
        }, at: [w0], input: 0)
        let error = FiniteDifferences.relativeError(analytic, numeric)
        #expect(error < GradientCheck.secondOrderTolerance, "relative error \(error)")
    }
}
