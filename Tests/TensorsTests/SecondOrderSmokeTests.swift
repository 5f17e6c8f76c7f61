import Testing
@testable import Tensors

/// Smoke check of first and second order on a composite (full per-op checks live in the
/// *GradientTests files).
@Test func secondOrderSmoke() {
    var rng = Xoshiro256(seed: 1)
    let x0 = rng.normalTensor([3, 4])
    let w0 = rng.normalTensor([5, 4], std: 0.5)
    // R(w) = ½ Σ ‖∂/∂x Σ gelu(x wᵀ)‖²
    func penalty(_ w: Variable, _ xv: Tensor, create: Bool) -> Variable {
        let x = Variable(xv, requiresGradient: true)
        let y = Variable.matmul(x, w, transposeB: true).gelu().sum()
        let gx = gradients(of: y, withRespectTo: [x], createGraph: create)[0]
        return gx.squared().sum() * 0.5
    }
    let w = Variable(w0, requiresGradient: true)
    let r = penalty(w, x0, create: true)
    let gw = gradients(of: r, withRespectTo: [w])[0].value.scalars.map(Double.init)
    let num = FiniteDifferences.gradient(of: { t in
        Double(GradMode.with(enabled: true) { penalty(Variable(t[0], requiresGradient: true), x0, create: true).value.scalar })
    }, at: [w0], input: 0, step: 1e-2)
    #expect(FiniteDifferences.relativeError(gw, num) < 2e-3)
}
