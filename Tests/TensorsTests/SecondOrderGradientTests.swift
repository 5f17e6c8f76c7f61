import Testing
@testable import Tensors

/// Second-order checks: for chains y = f(x, θ) built from the ops a Jacobian regulariser
/// differentiates through, ∂R/∂θ and ∂R/∂x of R = ½ Σ (∂(Σ y ⊙ w)/∂x)² (inner gradient recorded
/// with `createGraph: true`) against central differences of R. See `GradientCheck` for the
/// step and tolerance.
@Suite struct SecondOrderGradientTests {
    /// x·Wᵀ: [B, D] × [H, D] → [B, H].
    static func linear(_ x: Variable, _ w: Variable) -> Variable { Variable.matmul(x, w, transposeB: true) }

    enum Activation: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case gelu, tanh, exp, log, sqrt, squared, geluDerivative1, geluDerivative2
        var testDescription: String { rawValue }

        /// log and sqrt get x, W, b in [0.5, 1.5], so x·Wᵀ + b ∈ [2.5, 10] stays in their domain
        /// under every ±h perturbation.
        var positiveDomain: Bool { self == .log || self == .sqrt }

        func callAsFunction(_ z: Variable) -> Variable {
            switch self {
            case .gelu: z.gelu()
            case .tanh: z.tanh()
            case .exp: (z * 0.5).exp()
            case .log: z.log()
            case .sqrt: z.sqrt()
            case .squared: z.squared()
            case .geluDerivative1: z.geluDerivative(order: 1)
            case .geluDerivative2: z.geluDerivative(order: 2)
            }
        }
    }

    /// y = act(x·Wᵀ + b): R's parameter gradient needs act″ (and act‴ for ∂R/∂x), and the
    /// bias gradient passes through the broadcast reduction twice.
    @Test(arguments: Activation.allCases)
    func activation(_ act: Activation) {
        var rng = Xoshiro256(seed: 61)
        let (x, w, b): (Tensor, Tensor, Tensor) = act.positiveDomain
            ? (rng.uniformTensor([3, 4], low: 0.5, high: 1.5), rng.uniformTensor([5, 4], low: 0.5, high: 1.5),
               rng.uniformTensor([5], low: 0.5, high: 1.5))
            : (rng.normalTensor([3, 4]), rng.normalTensor([5, 4], std: 0.5), rng.normalTensor([5], std: 0.5))
        expectSecondOrderGradientsMatch(input: x, parameters: [w, b]) { x, p in act(Self.linear(x, p[0]) + p[1]) }
    }

    /// Two GELU layers with biases: second derivatives compose through a hidden layer.
    @Test func twoLayerPerceptron() {
        var rng = Xoshiro256(seed: 62)
        let params = [rng.normalTensor([5, 4], std: 0.5), rng.normalTensor([5], std: 0.3),
                      rng.normalTensor([3, 5], std: 0.5), rng.normalTensor([3], std: 0.3)]
        expectSecondOrderGradientsMatch(input: rng.normalTensor([3, 4]), parameters: params) { x, p in
            (Self.linear((Self.linear(x, p[0]) + p[1]).gelu(), p[2]) + p[3]).gelu()
        }
    }

    /// Division with x in numerator and denominator, elementwise and by a broadcast column.
    /// z/(s² + 1) has large higher derivatives in s: at h = 1e-2 the ∂R/∂V quotient is off by
    /// 7e-3, and the error falls 4x per halving of h (measured 0.11, 0.029, 0.0073, 0.0018,
    /// 0.00045 for h = 4e-2 … 2.5e-3), i.e. pure O(h²) truncation, so this case uses h = 2.5e-3.
    @Test func division() {
        var rng = Xoshiro256(seed: 63)
        let params = [rng.normalTensor([5, 4], std: 0.5), rng.normalTensor([5, 4], std: 0.5)]
        expectSecondOrderGradientsMatch(input: rng.normalTensor([3, 4]), parameters: params, step: 2.5e-3) { x, p in
            let z = Self.linear(x, p[0])
            return z / (Self.linear(x, p[1]).squared() + 1)
        }
        expectSecondOrderGradientsMatch(input: rng.normalTensor([3, 4]), parameters: [params[0]]) { x, p in
            let z = Self.linear(x, p[0])
            return z / (z.squared().sum(axes: [1], keepingDimensions: true) + 1)
        }
    }

    @Test(arguments: [0, 1])
    func logSumExp(axis: Int) {
        var rng = Xoshiro256(seed: 64)
        expectSecondOrderGradientsMatch(input: rng.normalTensor([3, 4]), parameters: [rng.normalTensor([5, 4])]) { x, p in
            Self.linear(x, p[0]).logSumExp(axis: axis)
        }
    }

    /// tanh(op(X)·op(W)) with X and W stored either way: the double backward of matmul goes
    /// through all four transpose-flag combinations of its backward GEMMs.
    @Test(arguments: [false, true], [false, true])
    func matmulTransposes(transposeA: Bool, transposeB: Bool) {
        var rng = Xoshiro256(seed: 65)
        let x = rng.normalTensor(transposeA ? [4, 3] : [3, 4])
        let w = rng.normalTensor(transposeB ? [5, 4] : [4, 5], std: 0.5)
        expectSecondOrderGradientsMatch(input: x, parameters: [w]) { x, p in
            Variable.matmul(x, p[0], transposeA: transposeA, transposeB: transposeB).tanh()
        }
        // The input as the right factor: gelu(W·Xᵀ) or gelu(W·X).
        expectSecondOrderGradientsMatch(input: x, parameters: [rng.normalTensor(transposeB ? [4, 5] : [5, 4], std: 0.5)]) {
            x, p in Variable.matmul(p[0], x, transposeA: transposeB, transposeB: !transposeA).gelu()
        }
    }

    /// Column blocks of one pre-activation through different nonlinearities, re-joined along
    /// columns, then the rows re-joined along axis 0.
    @Test func sliceAndConcatenate() {
        var rng = Xoshiro256(seed: 66)
        expectSecondOrderGradientsMatch(input: rng.normalTensor([3, 4]), parameters: [rng.normalTensor([6, 4], std: 0.5)]) {
            x, p in
            let z = Self.linear(x, p[0])
            let cols = Variable.concatenate(
                [z.slice(axis: 1, 0..<2).gelu(), z.slice(axis: 1, 2..<4).tanh(), z.slice(axis: -1, 4..<6).squared()], axis: 1)
            return Variable.concatenate([cols.slice(axis: 0, 2..<3), cols.slice(axis: 0, 0..<2).exp(), cols], axis: 0)
        }
    }

    /// Two valid 1-D convolutions as unfold + GEMM, channels-last [B, L, C] (the encoder's
    /// layout), a zero-padded residual sum, and gatherRows/transposed/mean/scatterAddRows
    /// pooling. (unfold's backward is fold and vice versa, so both appear in the double backward.)
    @Test func convolution() {
        var rng = Xoshiro256(seed: 67)
        let x = rng.normalTensor([2, 6, 3])
        let params = [rng.normalTensor([4, 9], std: 0.4), rng.normalTensor([3, 8], std: 0.4)]
        expectSecondOrderGradientsMatch(input: x, parameters: params) { x, p in
            let h = Self.linear(x.unfolded(kernelSize: 3).reshaped([-1, 9]), p[0]).gelu().reshaped([2, 4, 4])
            let y = Self.linear(h.unfolded(kernelSize: 2).reshaped([-1, 8]), p[1]).tanh().reshaped([2, 3, 3])
            let skip = (x.slice(axis: 1, 0..<5) + y.padded(axis: 1, at: 1..<4, size: 5)).reshaped([10, 3])
            let pooled = skip.gatherRows([9, 0, 9, 2]).transposed().mean(axes: [1], keepingDimensions: true)
            return pooled + skip.scatterAddRows([1, 0, 1, 3, 2, 1, 0, 0, 3, 2], rowCount: 4).sum()
        }
    }

    /// CEBRA-like head: unit embeddings, cosine similarities, logSumExp over candidates.
    @Test func normalizedEmbeddingSimilarity() {
        var rng = Xoshiro256(seed: 68)
        let params = [rng.normalTensor([5, 4])]
        expectSecondOrderGradientsMatch(input: rng.normalTensor([3, 4]), parameters: params) { x, p in
            Self.linear(x, p[0]).l2NormalizedRows()
        }
        expectSecondOrderGradientsMatch(input: rng.normalTensor([4, 4]), parameters: params) { x, p in
            let y = Self.linear(x, p[0]).l2NormalizedRows()
            return (Variable.matmul(y, y, transposeB: true) / 0.5).logSumExp(axis: 1)
        }
    }

    enum PiecewiseActivation: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case relu, leakyRelu, clamped
        var testDescription: String { rawValue }
        var kinks: [Float] { self == .clamped ? [-0.5, 0.5] : [0] }

        func callAsFunction(_ z: Variable) -> Variable {
            switch self {
            case .relu: z.relu()
            case .leakyRelu: z.leakyRelu(slope: 0.1)
            case .clamped: z.clamped(-0.5, 0.5)
            }
        }
    }

    /// Piecewise-linear activations have zero second derivative, so ∂L/∂x = (mask ⊙ w)·W: R
    /// still depends on W (and b not at all) but not on x. The data are drawn (first fitting
    /// seed) so that every pre-activation is ≥ 0.1 from a kink: FD steps of h = 1e-2 move a
    /// pre-activation by at most h·max(|x|, |W|, 1) < 0.05, never across a kink.
    @Test(arguments: PiecewiseActivation.allCases)
    func piecewiseLinear(_ act: PiecewiseActivation) throws {
        var found: (Tensor, Tensor, Tensor)?
        for seed in UInt64(70)..<UInt64(400) {
            var rng = Xoshiro256(seed: seed)
            let x = rng.normalTensor([3, 4]), w = rng.normalTensor([5, 4], std: 0.5), b = rng.normalTensor([5], std: 0.3)
            let z = Tensor.matmul(x, w, transposeB: true) + b
            let margin = z.scalars.map { v in act.kinks.map { Swift.abs(v - $0) }.min()! }.min()!
            let bothSides = act.kinks.allSatisfy { k in z.scalars.contains { $0 < k } && z.scalars.contains { $0 > k } }
            if margin > 0.1 && bothSides && (x.scalars + w.scalars).allSatisfy({ Swift.abs($0) < 4 }) {
                found = (x, w, b)
                break
            }
        }
        let (x, w, b) = try #require(found)
        expectSecondOrderGradientsMatch(input: x, parameters: [w, b]) { x, p in act(Self.linear(x, p[0]) + p[1]) }

        let proj = GradientCheck.projection([3, 5], seed: 1)
        let xv = Variable(x, requiresGradient: true), wv = Variable(w, requiresGradient: true)
        let bv = Variable(b, requiresGradient: true)
        let r = jacobianPenalty(xv, [wv, bv], projection: proj) { x, p in act(Self.linear(x, p[0]) + p[1]) }
        let g = gradients(of: r, withRespectTo: [xv, wv, bv])
        #expect(r.value.scalar > 0)
        #expect(g[0].value == Tensor(zeros: [3, 4]), "∂R/∂x must vanish: the mask is locally constant")
        #expect(g[2].value == Tensor(zeros: [5]), "∂R/∂b must vanish: the bias only moves the mask")
        #expect(g[1].value.scalars.contains { $0 != 0 })
    }
}
