import Foundation

/// Differentiable elementwise functions.
///
/// Where a derivative reuses the forward result (exp, sqrt, tanh) the backward rule takes the
/// stored value while not recording (first-order steps: no recomputation) and recomputes it as
/// a differentiable op while recording (`createGraph`), so higher orders stay exact.
extension Variable {
    /// The stored result as a constant when not recording, else `recompute()`.
    private static func reuse(_ stored: Tensor, _ recompute: () -> Variable) -> Variable {
        GradMode.isEnabled ? recompute() : Variable(stored)
    }

    /// eˣ.
    public func exp() -> Variable {
        let out = value.exp()
        return Variable.record(out, [self]) { g, _ in [g * Variable.reuse(out) { self.exp() }] }
    }

    /// ln x.
    public func log() -> Variable {
        Variable.record(value.log(), [self]) { g, _ in [g / self] }
    }

    /// x².
    public func squared() -> Variable {
        Variable.record(value.squared(), [self]) { g, _ in [g * self * 2] }
    }

    /// √x (derivative 1/(2√x); infinite at 0).
    public func sqrt() -> Variable {
        let out = value.sqrt()
        return Variable.record(out, [self]) { g, _ in [g / (Variable.reuse(out) { self.sqrt() } * 2)] }
    }

    /// tanh x, derivative 1 − tanh²x.
    public func tanh() -> Variable {
        let out = value.tanh()
        return Variable.record(out, [self]) { g, _ in
            let t = Variable.reuse(out) { self.tanh() }
            return [g * (1 - t * t)]
        }
    }

    /// Multiplies by a constant mask that depends on the input only through a piecewise-constant
    /// function (ReLU family, clamps): the mask's own derivative is zero almost everywhere.
    private func masked(_ out: Tensor, mask: Tensor) -> Variable {
        Variable.record(out, [self]) { g, _ in [g * Variable(mask)] }
    }

    /// max(x, 0).
    public func relu() -> Variable {
        masked(value.map { Swift.max($0, 0) }, mask: value.map { $0 > 0 ? 1 : 0 })
    }

    /// x for x > 0, slope·x otherwise.
    public func leakyRelu(slope: Float = 0.01) -> Variable {
        masked(value.map { $0 > 0 ? $0 : slope * $0 }, mask: value.map { $0 > 0 ? 1 : slope })
    }

    /// Clamp to [lower, upper] (Hardtanh). Gradient 1 strictly inside, 0 outside and at the
    /// bounds, as PyTorch's hardtanh_backward: a saturated output has zero Jacobian row.
    public func clamped(_ lower: Float, _ upper: Float) -> Variable {
        masked(value.clamped(lower, upper), mask: value.map { $0 > lower && $0 < upper ? 1 : 0 })
    }

    /// Exact GELU, x·Φ(x) with Φ the standard normal CDF (not the tanh approximation; Φ is
    /// evaluated to Float32 accuracy by `FastMath.normalCDFAndPDF`).
    ///
    /// The forward pass also stores GELU′(x) = Φ(x) + xφ(x), so a first-order backward pass costs
    /// one multiply; while recording (`createGraph`) the derivative is the differentiable
    /// `geluDerivative(order: 1)` instead.
    public func gelu() -> Variable {
        guard GradMode.isEnabled && requiresGradient else {
            // Nothing will be differentiated: skip the slope (half the cost of the op).
            return Variable(Tensor(shape: shape) { o in value.scalars.withUnsafeBufferPointer { FastMath.gelu($0, o) } })
        }
        var out = Tensor(shape: shape, unsafeUninitialized: { _ in }), slope = Tensor(shape: shape, unsafeUninitialized: { _ in })
        value.scalars.withUnsafeBufferPointer { x in
            out.scalars.withUnsafeMutableBufferPointer { o in
                slope.scalars.withUnsafeMutableBufferPointer { d in FastMath.geluAndSlope(x, o, d) }
            }
        }
        return Variable.record(out, [self]) { g, _ in
            [g * Variable.reuse(slope) { self.geluDerivative(order: 1) }]
        }
    }

    /// The `order`-th derivative of GELU, itself differentiable (order + 1), so gradients of any
    /// order are exact:
    /// - order 0: xΦ(x); order 1: Φ(x) + xφ(x);
    /// - order n ≥ 2: φ(x)·Pₙ(x) with P₂ = 2 − x² and Pₙ₊₁ = Pₙ′ − x·Pₙ
    ///   (GELU″ = φ(2 − x²), GELU‴ = φ(x³ − 4x)).
    public func geluDerivative(order: Int) -> Variable {
        precondition(order >= 0, "geluDerivative: negative order")
        let out: Tensor
        switch order {
        case 0: out = value.map { $0 * FastMath.normalCDFAndPDF($0).cdf }
        case 1:
            out = Tensor(shape: shape) { o in value.scalars.withUnsafeBufferPointer { GELUMath.slope($0, o) } }
        case 2, 3:
            out = Tensor(shape: shape) { o in value.scalars.withUnsafeBufferPointer { GELUMath.higherDerivative(order, $0, o) } }
        default:
            let p = GELUMath.polynomial(order: order)
            out = value.map { x in GELUMath.pdf(x) * GELUMath.evaluate(p, x) }
        }
        return Variable.record(out, [self]) { g, _ in [g * self.geluDerivative(order: order + 1)] }
    }
}

/// Standard normal helpers for GELU and its derivatives.
enum GELUMath {
    static let invSqrt2: Float = 0.70710678118654752
    static let invSqrt2Pi: Float = 0.39894228040143268

    @inline(__always) static func pdf(_ x: Float) -> Float { FastMath.normalPDF(x) }

    /// d = Φ(x) + xφ(x) (GELU′), as a vectorisable loop.
    static func slope(_ x: UnsafeBufferPointer<Float>, _ d: UnsafeMutableBufferPointer<Float>) {
        for i in 0..<x.count {
            let v = x[i]
            let (c, p) = FastMath.normalCDFAndPDF(v)
            d[i] = c + v * p
        }
    }

    /// GELU″ = φ(x)(2 − x²) and GELU‴ = φ(x)(x³ − 4x) as vectorisable loops (the double
    /// backward of the Jacobian regulariser evaluates GELU″ on every hidden activation).
    static func higherDerivative(_ order: Int, _ x: UnsafeBufferPointer<Float>, _ d: UnsafeMutableBufferPointer<Float>) {
        if order == 2 {
            for i in 0..<x.count {
                let v = x[i]
                d[i] = FastMath.normalPDF(v) * (2 - v * v)
            }
        } else {
            for i in 0..<x.count {
                let v = x[i]
                d[i] = FastMath.normalPDF(v) * (v * v * v - 4 * v)
            }
        }
    }

    /// Coefficients (ascending powers) of Pₙ for n ≥ 2.
    static func polynomial(order: Int) -> [Float] {
        var p: [Float] = [2, 0, -1]
        var n = 2
        while n < order {
            var next = [Float](repeating: 0, count: p.count + 1)
            for k in 1..<p.count { next[k - 1] += Float(k) * p[k] }  // P'
            for k in 0..<p.count { next[k + 1] -= p[k] }  // − x·P
            p = next
            n += 1
        }
        return p
    }

    @inline(__always) static func evaluate(_ p: [Float], _ x: Float) -> Float {
        var acc: Float = 0
        for c in p.reversed() { acc = acc * x + c }
        return acc
    }
}
