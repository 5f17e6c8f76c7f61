/// Branch-free Float32 elementary functions that LLVM vectorises (AVX2 in release builds).
/// Polynomials are evaluated by Horner's rule with fused multiply-adds (`addingProduct`): the
/// dependency chain, which bounds the speed of these loops, is then one FMA per coefficient
/// instead of a multiply and an add (GELU measured 2.4 → 1.7 ns per element on one core).
///
/// glibc's `expf`/`erfcf` are scalar calls (3–9 ns per element); activations and InfoNCE apply
/// them to millions of elements per step. These versions are accurate to Float32 working
/// precision and cost well under 1 ns per element when vectorised.
public enum FastMath {
    /// eˣ by Cody–Waite range reduction x = n·ln2 + r (|r| ≤ ln2/2) and Cephes' degree-6 minimax
    /// polynomial for eʳ; relative error ≤ 2 ulp on [−87.3, 88.7]. Inputs are clamped to that
    /// range: eˣ underflows to ~1e-38 below it and saturates at ~3.4e38 above it.
    /// NaN input gives NaN.
    @inlinable @inline(__always)
    public static func exp(_ x: Float) -> Float {
        let result = expOfClamped(x < -87.3 ? -87.3 : (x > 88.7 ? 88.7 : x))
        return x.isNaN ? x : result
    }

    /// `exp` for x ≤ 0 (or NaN), the GELU's e^(−x²/2): the same value as `exp(x)`, without the
    /// upper clamp and the NaN select, which cannot change it there (a NaN argument still gives
    /// NaN through the polynomial). Seven fewer vector instructions of about sixty per GELU lane.
    @inlinable @inline(__always)
    static func expOfNonPositive(_ x: Float) -> Float {
        expOfClamped(x < -87.3 ? -87.3 : x)
    }

    /// The range reduction and polynomial of `exp` for an argument already in [−87.3, 88.7].
    @inlinable @inline(__always)
    static func expOfClamped(_ xc: Float) -> Float {
        let shifter: Float = 12_582_912  // 1.5·2²³: adding it rounds to an integer in the low mantissa bits
        let t = shifter.addingProduct(xc, 1.442_695_04)
        let n = t - shifter
        let r = (xc - n * 0.693_359_375) + n * 2.121_944_4e-4  // ln2 split in two (Cody–Waite)
        // Horner steps as fused multiply-adds (Swift does not contract a·b + c on its own).
        var p: Float = 1.987_569_15e-4
        p = (1.398_199_95e-3 as Float).addingProduct(p, r)
        p = (8.333_451_9e-3 as Float).addingProduct(p, r)
        p = (4.166_579_59e-2 as Float).addingProduct(p, r)
        p = (1.666_666_55e-1 as Float).addingProduct(p, r)
        p = (5.000_000_12e-1 as Float).addingProduct(p, r)
        p = (r + 1).addingProduct(p, r * r)
        let bits = (t.bitPattern &- 0x4B40_0000 &+ 127) &<< 23  // 2ⁿ as an IEEE bit pattern
        return p * Float(bitPattern: bits)
    }

    /// erfc(z) by the Chebyshev fit of Numerical Recipes (§6.2, `erfcc`), whose fractional error
    /// is < 1.2e-7; evaluating e^(−z²) in Float32 adds about z²·ε, so the measured fractional
    /// error is < 4e-7·(1 + z²) (tested): Float32-accurate in the bulk, magnitude-accurate in the
    /// far tail. erfc(−z) = 2 − erfc(z).
    @inlinable @inline(__always)
    public static func erfc(_ z: Float) -> Float {
        let a = z < 0 ? -z : z
        let t = 1 / (1 + 0.5 * a)
        var p: Float = 0.170_872_77
        p = (-0.822_152_23 as Float).addingProduct(p, t)
        p = (1.488_515_87 as Float).addingProduct(p, t)
        p = (-1.135_203_98 as Float).addingProduct(p, t)
        p = (0.278_868_07 as Float).addingProduct(p, t)
        p = (-0.186_288_06 as Float).addingProduct(p, t)
        p = (0.096_784_18 as Float).addingProduct(p, t)
        p = (0.374_091_96 as Float).addingProduct(p, t)
        p = (1.000_023_68 as Float).addingProduct(p, t)
        p = (-1.265_512_23 as Float).addingProduct(p, t)
        let r = t * exp(-a * a + p)
        return z < 0 ? 2 - r : r
    }

    /// Standard normal CDF Φ(x) = ½·erfc(−x/√2).
    @inlinable @inline(__always)
    public static func normalCDF(_ x: Float) -> Float { 0.5 * erfc(-0.707_106_781_186_547_52 * x) }

    /// Standard normal density φ(x) = e^(−x²/2)/√(2π).
    @inlinable @inline(__always)
    public static func normalPDF(_ x: Float) -> Float { 0.398_942_280_401_432_68 * exp(-0.5 * x * x) }

    /// Φ(x) and φ(x) for GELU. Φ(x) = ½ + x·P(x²)/Q(x²) with x clamped to ±5.6, a degree
    /// (11, 10) odd/even rational whose coefficients `scripts/fit-gelu-cdf.py` fits (minimax
    /// by differential correction on [0, 5.6]): |error| ≤ 5.1e-8 in exact arithmetic, ≤ 2e-7
    /// evaluated in Float32 (tested). φ(x) = e^(−x²/2)/√(2π) through `expOfNonPositive`.
    /// No exponential and no branch in Φ: a forward-only GELU (`gelu`) inlines this and drops φ,
    /// which leaves eleven fused multiply-adds, one division and four selects per lane.
    ///
    /// Caveat: the error is absolute, not relative. ½ + (a value near −½) cancels, so the
    /// result is clamped to [0, 1] and is 0 from about x = −5.5 down (1 from about 5.5 up) instead
    /// of a tail probability: use `normalCDF` where tails matter (p-values). For GELU = xΦ(x) this
    /// is Float32 accuracy, as PyTorch's ½x(1 + erf(x/√2)), which cancels the same way.
    @inlinable @inline(__always)
    public static func normalCDFAndPDF(_ x: Float) -> (cdf: Float, pdf: Float) {
        let xc = x < -5.6 ? -5.6 : (x > 5.6 ? 5.6 : x)  // NaN passes through
        let u = xc * xc
        var p: Float = 2.286_302_9e-8
        p = (6.144_965e-6 as Float).addingProduct(p, u)
        p = (1.552_542_7e-4 as Float).addingProduct(p, u)
        p = (4.588_431_2e-3 as Float).addingProduct(p, u)
        p = (3.263_474_6e-2 as Float).addingProduct(p, u)
        p = (3.989_422_9e-1 as Float).addingProduct(p, u)
        var q: Float = 1.186_241e-6
        q = (6.877_710_3e-5 as Float).addingProduct(q, u)
        q = (1.805_620_9e-3 as Float).addingProduct(q, u)
        q = (2.791_329_5e-2 as Float).addingProduct(q, u)
        q = (2.484_697_8e-1 as Float).addingProduct(q, u)
        q = (1 as Float).addingProduct(q, u)
        let c = (0.5 as Float).addingProduct(xc, p / q)
        let cdf: Float = c < 0 ? 0 : (c > 1 ? 1 : c)  // the fit's 5e-8 can cross 0 and 1; NaN passes
        return (cdf, 0.398_942_280_401_432_68 * expOfNonPositive(-0.5 * x * x))
    }

    /// GELU alone, o = xΦ(x), for forward-only passes (inference, perturbation methods): the
    /// same Φ as `geluAndSlope` (`normalCDFAndPDF`), so the values equal its o bit for bit.
    /// Distinct buffers (vectorises; see `geluAndSlope`).
    public static func gelu(_ x: UnsafeBufferPointer<Float>, _ o: UnsafeMutableBufferPointer<Float>) {
        for i in 0..<x.count {
            let v = x[i]
            o[i] = v * normalCDFAndPDF(v).cdf
        }
    }

    /// o = GELU(x + s·y), elementwise: a bias (s = 1) or a rank-one update fused into the GELU
    /// pass that follows a linear layer. Read-only inputs and a distinct output, so it vectorises.
    public static func gelu(_ x: UnsafeBufferPointer<Float>, plus s: Float, times y: UnsafeBufferPointer<Float>,
                            _ o: UnsafeMutableBufferPointer<Float>) {
        precondition(y.count >= x.count && o.count >= x.count, "FastMath.gelu: buffers shorter than the input")
        for i in 0..<x.count {
            let v = x[i] + s * y[i]
            o[i] = v * normalCDFAndPDF(v).cdf
        }
    }

    /// GELU and its slope in one pass over distinct buffers: o = xΦ(x), d = Φ(x) + xφ(x), with
    /// Φ and φ from `normalCDFAndPDF`. A plain loop over branch-free scalar code with a
    /// read-only input, which LLVM vectorises (explicit SIMD8 code measured 3× slower; an
    /// in-place form over two mutable buffers did not vectorise). Shared by the GELU op, its
    /// differentiable derivative and Attribution's stacked Jacobians, so all agree exactly.
    public static func geluAndSlope(_ x: UnsafeBufferPointer<Float>, _ o: UnsafeMutableBufferPointer<Float>,
                                    _ d: UnsafeMutableBufferPointer<Float>) {
        for i in 0..<x.count {
            let v = x[i]
            let (c, p) = normalCDFAndPDF(v)
            o[i] = v * c
            d[i] = c + v * p
        }
    }

    /// Largest element, skipping NaNs as `Swift.max(acc, x)` does (−∞ for an empty or all-NaN
    /// buffer), with eight independent lanes so the comparison chain does not serialise.
    public static func maximum(_ x: UnsafeBufferPointer<Float>) -> Float {
        var lanes = SIMD8<Float>(repeating: -.infinity)
        var i = 0
        while i + 8 <= x.count {
            let v = SIMD8(x[i], x[i + 1], x[i + 2], x[i + 3], x[i + 4], x[i + 5], x[i + 6], x[i + 7])
            lanes.replace(with: v, where: v .> lanes)
            i += 8
        }
        var m = -Float.infinity
        for j in 0..<8 where lanes[j] > m { m = lanes[j] }
        while i < x.count { if x[i] > m { m = x[i] }; i += 1 }
        return m
    }

    /// e = exp(x − m) elementwise; returns Σ e accumulated in Double.
    public static func shiftedExp(_ x: UnsafeBufferPointer<Float>, minus m: Float, into e: UnsafeMutableBufferPointer<Float>) -> Double {
        for i in 0..<x.count { e[i] = exp(x[i] - m) }
        return sum(UnsafeBufferPointer(e))
    }

    /// Σ exp(x − m) accumulated in Double, without storing the terms.
    public static func shiftedExpSum(_ x: UnsafeBufferPointer<Float>, minus m: Float) -> Double {
        var lanes = SIMD8<Double>(repeating: 0)
        var i = 0
        while i + 8 <= x.count {
            let v = SIMD8<Float>(exp(x[i] - m), exp(x[i + 1] - m), exp(x[i + 2] - m), exp(x[i + 3] - m),
                                 exp(x[i + 4] - m), exp(x[i + 5] - m), exp(x[i + 6] - m), exp(x[i + 7] - m))
            lanes += SIMD8<Double>(v)
            i += 8
        }
        var total = lanes.sum()
        while i < x.count { total += Double(exp(x[i] - m)); i += 1 }
        return total
    }

    /// Σ x accumulated in Double over eight lanes (a fixed order: deterministic).
    public static func sum(_ x: UnsafeBufferPointer<Float>) -> Double {
        var lanes = SIMD8<Double>(repeating: 0)
        var i = 0
        while i + 8 <= x.count {
            lanes += SIMD8<Double>(SIMD8<Float>(x[i], x[i + 1], x[i + 2], x[i + 3], x[i + 4], x[i + 5], x[i + 6], x[i + 7]))
            i += 8
        }
        var total = lanes.sum()
        while i < x.count { total += Double(x[i]); i += 1 }
        return total
    }
}
