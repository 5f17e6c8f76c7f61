import Tensors

/// A bias-free multilayer perceptron `g: R^inputs → R^outputs`, the xCEBRA benchmark's mixing map.
///
/// `g(z) = W_L σ(W_{L−1} σ( … σ(W_1 z)))` with `σ(u) = u` for u ≥ 0 and `slope · u` otherwise
/// (LeakyReLU, slope 0.2 by default). Every `W_l` is `[out_l, in_l]` row-major with orthonormal
/// columns (`W_lᵀ W_l = I`, Householder QR of a seeded standard-Gaussian matrix), which needs
/// `out_l ≥ in_l`. Each layer is then injective, σ is a bijection, so g is injective; with no
/// biases g(0) = 0. Computation is in Double.
public struct MixingNetwork: Sendable, Equatable {
    /// Layer widths `[inputs, hidden…, outputs]`.
    public let widths: [Int]
    /// `weights[l]` is `[widths[l+1], widths[l]]` row-major.
    public let weights: [[Double]]
    /// Negative-side slope of the LeakyReLU between layers.
    public let negativeSlope: Double

    /// Draws the weights from `rng` layer by layer (row-major Gaussian, then QR).
    /// - Throws: `SimulationError.invalidParameter` when a layer would be narrower than its input.
    public init(widths: [Int], negativeSlope: Double = 0.2, rng: inout Xoshiro256) throws {
        try require(widths.count >= 2, "mixing.widths", widths, "at least an input and an output width")
        for l in 0..<(widths.count - 1) {
            try require(widths[l] > 0 && widths[l + 1] >= widths[l], "mixing.widths", widths,
                        "positive, non-decreasing widths (orthonormal columns need out ≥ in for injectivity)")
        }
        try require(negativeSlope > 0 && negativeSlope.isFinite, "mixing.negativeSlope", negativeSlope,
                    "a positive slope (zero would make g non-injective)")
        var ws = [[Double]]()
        for l in 0..<(widths.count - 1) {
            let (m, n) = (widths[l + 1], widths[l])
            var g = [Double](repeating: 0, count: m * n)
            for i in 0..<g.count { g[i] = rng.normal() }
            ws.append(orthonormalColumns(g, rows: m, columns: n))
        }
        self.widths = widths
        self.weights = ws
        self.negativeSlope = negativeSlope
    }

    public var inputCount: Int { widths[0] }
    public var outputCount: Int { widths[widths.count - 1] }

    /// g(z) for one input vector of length `inputCount`.
    public func callAsFunction(_ z: [Double]) -> [Double] {
        var h = z
        for l in 0..<weights.count {
            h = Self.apply(weights[l], rows: widths[l + 1], columns: widths[l], h)
            if l < weights.count - 1 { for i in h.indices where h[i] < 0 { h[i] *= negativeSlope } }
        }
        return h
    }

    /// The Jacobian ∂g/∂z at `z`, `[outputCount, inputCount]` row-major:
    /// `J = W_L D_{L−1} W_{L−1} … D_1 W_1` with `D_l = diag(σ'(pre-activation of layer l))`
    /// (σ' = 1 or `negativeSlope`; at exactly 0 the right derivative 1 is used).
    public func jacobian(at z: [Double]) -> [Double] {
        var h = z
        var j = [Double](repeating: 0, count: inputCount * inputCount)
        for i in 0..<inputCount { j[i * inputCount + i] = 1 }   // running product, [width_l, inputs]
        for l in 0..<weights.count {
            let (m, n) = (widths[l + 1], widths[l])
            h = Self.apply(weights[l], rows: m, columns: n, h)
            var nj = [Double](repeating: 0, count: m * inputCount)
            for r in 0..<m {
                for k in 0..<n {
                    let w = weights[l][r * n + k]
                    if w == 0 { continue }
                    for c in 0..<inputCount { nj[r * inputCount + c] += w * j[k * inputCount + c] }
                }
            }
            if l < weights.count - 1 {
                for r in 0..<m where h[r] < 0 {
                    h[r] *= negativeSlope
                    for c in 0..<inputCount { nj[r * inputCount + c] *= negativeSlope }
                }
            }
            j = nj
        }
        return j
    }

    static func apply(_ w: [Double], rows m: Int, columns n: Int, _ x: [Double]) -> [Double] {
        var y = [Double](repeating: 0, count: m)
        for r in 0..<m {
            var s = 0.0
            for k in 0..<n { s += w[r * n + k] * x[k] }
            y[r] = s
        }
        return y
    }
}
