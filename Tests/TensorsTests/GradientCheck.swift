import Testing
@testable import Tensors

/// Finite-difference harness shared by the gradient tests.
///
/// First order: every op is checked through the scalar projection L(x) = Σᵢ wᵢ·op(x)ᵢ with a
/// fixed random w ~ N(0, 1) of the output's shape, so every output element (and every
/// element of every input's gradient) contributes with a distinct weight: a gradient routed to
/// the wrong element, summed twice or dropped changes ∂L/∂x.
///
/// Second order: for a chain y = f(x, θ) the Jacobian penalty R(x, θ) = ½ Σ (∂(Σ y ⊙ w)/∂x)²
/// is built with `createGraph: true`, and ∂R/∂θ and ∂R/∂x from a second backward pass are
/// compared with central differences of R.
///
/// Step and tolerances (Float32, ε = 6e-8; see `FiniteDifferences`): the central quotient has
/// truncation error h²/6·|f‴| and rounding error ≈ ε·|f|/h. Only the output elements that
/// depend on the perturbed coordinate change between f(x+h) and f(x−h) (all other elements are
/// computed bit-identically and cancel), so with h = 1e-2 and O(1) values the rounding term is
/// ~1e-5 and the truncation term ~2e-5·|f‴|. A relative tolerance of 2e-3 (scale: the largest
/// numeric gradient) leaves a ≥ 10x margin for first order; R contains first derivatives
/// computed in Float32 and one more derivative order in its truncation term, so second-order
/// checks use 5e-3. A wrong backward rule produces O(1) relative errors, far above both.
enum GradientCheck {
    /// Default first-order relative tolerance (see the type's doc comment).
    static let firstOrderTolerance = 2e-3
    /// Default second-order relative tolerance (see the type's doc comment).
    static let secondOrderTolerance = 5e-3

    /// A fixed random projection of `shape`.
    static func projection(_ shape: [Int], seed: UInt64) -> Tensor {
        var rng = Xoshiro256(seed: seed)
        return rng.normalTensor(shape)
    }

    /// Σ w ⊙ y accumulated in Double.
    static func dot(_ w: Tensor, _ y: Tensor) -> Double {
        var acc = 0.0
        for i in 0..<y.count { acc += Double(w.scalars[i]) * Double(y.scalars[i]) }
        return acc
    }
}

/// Checks the first-order gradients of `op` with respect to each of `inputs`.
///
/// Also checks that recording does not change the forward value, that every gradient has its
/// input's shape and is finite, and that `createGraph: true` (backward rules recorded as ops)
/// yields the same gradient as `createGraph: false` (backward rules run on constants).
func expectGradientsMatch(
    _ inputs: [Tensor], tolerance: Double = GradientCheck.firstOrderTolerance, step: Float = 1e-2,
    seed: UInt64 = 0x5eed, _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation,
    _ op: ([Variable]) -> Variable
) {
    let reference = GradMode.withoutGradient { op(inputs.map { Variable($0) }).value }
    let w = GradientCheck.projection(reference.shape, seed: seed)
    func loss(_ t: [Tensor]) -> Double {
        GradientCheck.dot(w, GradMode.withoutGradient { op(t.map { Variable($0) }).value })
    }

    var analytic: [[Tensor]] = []
    for createGraph in [false, true] {
        let vars = inputs.map { Variable($0, requiresGradient: true) }
        let y = op(vars)
        #expect(y.value == reference, "recording changed the forward value", sourceLocation: sourceLocation)
        let l = (y * Variable(w)).sum()
        let grads = gradients(of: l, withRespectTo: vars, createGraph: createGraph)
        analytic.append(grads.map(\.value))
    }
    for (i, input) in inputs.enumerated() {
        let g = analytic[0][i], gRecorded = analytic[1][i]
        #expect(g.shape == input.shape, "gradient shape of input \(i)", sourceLocation: sourceLocation)
        #expect(g.isFinite, "non-finite gradient of input \(i)", sourceLocation: sourceLocation)
        guard g.shape == input.shape, gRecorded.shape == input.shape else { continue }
        let numeric = FiniteDifferences.gradient(of: loss, at: inputs, input: i, step: step)
        let error = FiniteDifferences.relativeError(g.scalars.map(Double.init), numeric)
        #expect(error < tolerance, "input \(i): relative error \(error) \(comment.map { "(\($0))" } ?? "")",
                sourceLocation: sourceLocation)
        let recordedError = FiniteDifferences.relativeError(
            gRecorded.scalars.map(Double.init), g.scalars.map(Double.init))
        #expect(recordedError < 1e-5, "input \(i): createGraph changed the gradient by \(recordedError)",
                sourceLocation: sourceLocation)
    }
}

/// R(x, θ) = ½ Σ (∂(Σ w ⊙ f(x, θ))/∂x)², with the inner gradient recorded (`createGraph`).
func jacobianPenalty(_ x: Variable, _ parameters: [Variable], projection w: Tensor, createGraph: Bool = true,
                     _ f: (Variable, [Variable]) -> Variable) -> Variable {
    let l = (f(x, parameters) * Variable(w)).sum()
    let gx = gradients(of: l, withRespectTo: [x], createGraph: createGraph)[0]
    return gx.squared().sum() * 0.5
}

/// Checks ∂R/∂θ (each parameter) and ∂R/∂x of the Jacobian penalty of `f` against central
/// differences of R, where each R evaluation itself runs a `createGraph: true` backward pass.
func expectSecondOrderGradientsMatch(
    input x: Tensor, parameters: [Tensor], tolerance: Double = GradientCheck.secondOrderTolerance,
    step: Float = 1e-2, seed: UInt64 = 0x5eed, sourceLocation: SourceLocation = #_sourceLocation,
    _ f: (Variable, [Variable]) -> Variable
) {
    let outShape = GradMode.withoutGradient { f(Variable(x), parameters.map { Variable($0) }).value.shape }
    let w = GradientCheck.projection(outShape, seed: seed)
    func penaltyValue(_ t: [Tensor]) -> Double {
        GradMode.with(enabled: true) {
            let xv = Variable(t[0], requiresGradient: true)
            let ps = t.dropFirst().map { Variable($0, requiresGradient: true) }
            return Double(jacobianPenalty(xv, ps, projection: w, f).value.scalar)
        }
    }

    let xv = Variable(x, requiresGradient: true)
    let ps = parameters.map { Variable($0, requiresGradient: true) }
    let r = jacobianPenalty(xv, ps, projection: w, f)
    #expect(r.requiresGradient, "penalty not recorded", sourceLocation: sourceLocation)
    // The penalty's value must not depend on whether its inner backward pass was recorded.
    let rConstant = jacobianPenalty(Variable(x, requiresGradient: true), parameters.map { Variable($0, requiresGradient: true) },
                                    projection: w, createGraph: false, f)
    #expect(Swift.abs(r.value.scalar - rConstant.value.scalar) <= 1e-5 * Swift.max(1, Swift.abs(r.value.scalar)),
            "R with createGraph true \(r.value.scalar) vs false \(rConstant.value.scalar)", sourceLocation: sourceLocation)

    let grads = gradients(of: r, withRespectTo: ps + [xv])
    let all = [x] + parameters
    // Gradients come back as [θ₀, θ₁, …, x]; finite differences index inputs as [x, θ₀, …].
    for (k, g) in grads.enumerated() {
        let index = k < parameters.count ? k + 1 : 0
        let name = index == 0 ? "x" : "θ\(index - 1)"
        #expect(g.shape == all[index].shape && g.value.isFinite, "∂R/∂\(name) shape or finiteness",
                sourceLocation: sourceLocation)
        guard g.shape == all[index].shape else { continue }
        let numeric = FiniteDifferences.gradient(of: penaltyValue, at: all, input: index, step: step)
        let error = FiniteDifferences.relativeError(g.value.scalars.map(Double.init), numeric)
        #expect(error < tolerance, "∂R/∂\(name): relative error \(error)", sourceLocation: sourceLocation)
    }
}

/// Test inputs that keep at least `margin` away from every point in `kinks`, so that a central
/// difference with step h < margin never straddles a kink (ReLU at 0, clamp bounds). Kinks must
/// be at least 2·margin apart.
func awayFromKinks(_ t: Tensor, kinks: [Float], margin: Float) -> Tensor {
    t.map { v in
        var x = v
        for k in kinks where Swift.abs(x - k) < margin { x = x < k ? k - margin : k + margin }
        return x
    }
}

extension Xoshiro256 {
    /// Values in ±[low, high] with random signs (divisors kept away from zero).
    mutating func signedTensor(_ shape: [Int], low: Float, high: Float) -> Tensor {
        var t = uniformTensor(shape, low: low, high: high)
        for i in 0..<t.count where uniform() < 0.5 { t.scalars[i] = -t.scalars[i] }
        return t
    }
}
