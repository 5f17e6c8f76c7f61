import Foundation
import Testing
@testable import Tensors

@Suite struct FastMathTests {
    private func grid(_ lo: Float, _ hi: Float, _ n: Int) -> [Float] {
        (0...n).map { lo + (hi - lo) * Float($0) / Float(n) }
    }

    @Test func expIsAccurateToAFewUlps() {
        var worst = 0.0
        for x in grid(-87, 88, 200_000) {
            let exact = Foundation.exp(Double(x))
            worst = max(worst, abs(Double(FastMath.exp(x)) - exact) / exact)
        }
        #expect(worst < 3e-7, "max relative error \(worst)")
        #expect(FastMath.exp(0) == 1)
        #expect(FastMath.exp(.nan).isNaN)
        #expect(FastMath.exp(-1000) >= 0 && FastMath.exp(-1000) < 1e-37)
        #expect(FastMath.exp(1000) > 3e38)
    }

    /// The GELU's exponential for x ≤ 0 is `exp` bit for bit, through the clamp at −87.3 and for
    /// −0, −∞ and NaN.
    @Test func expOfNonPositiveEqualsExp() {
        let xs = grid(-100, 0, 300_000) + [-0.0, -87.3, -87.30001, -.infinity, -Float.leastNonzeroMagnitude]
        let differing = xs.filter { FastMath.expOfNonPositive($0).bitPattern != FastMath.exp($0).bitPattern }
        #expect(differing.isEmpty, "first differing arguments: \(differing.prefix(5))")
        #expect(FastMath.expOfNonPositive(.nan).isNaN)
    }

    @Test func erfcHasSmallFractionalError() {
        // The fit is good to 1.2e-7; evaluating e^(−z²) in Float32 adds ~z²·ε, so the bound
        // grows with z² in the far tail (where erfc < 1e-20 and only its magnitude matters).
        var worst = 0.0
        for z in grid(-6, 9, 100_000) {
            let exact = Foundation.erfc(Double(z))
            let err = abs(Double(FastMath.erfc(z)) - exact) / exact
            worst = max(worst, err / (1 + Double(z * z)))
        }
        #expect(worst < 4e-7, "max fractional error / (1 + z²): \(worst)")
    }

    @Test func normalCDFAndPDFMatchDoublePrecision() {
        var cdfErr = 0.0, pdfErr = 0.0
        for x in grid(-10, 10, 100_000) {
            let d = Double(x)
            cdfErr = max(cdfErr, abs(Double(FastMath.normalCDF(x)) - 0.5 * Foundation.erfc(-d / 2.0.squareRoot())))
            pdfErr = max(pdfErr, abs(Double(FastMath.normalPDF(x)) - Foundation.exp(-d * d / 2) / (2 * Double.pi).squareRoot()))
        }
        #expect(cdfErr < 2e-7)
        #expect(pdfErr < 1e-7)
    }

    @Test func geluCDFAndSlopeAreFloat32Accurate() {
        // Φ: the rational fit's 5.1e-8 plus Float32 rounding (measured 1.9e-7 without FMA in NumPy).
        var cdfErr = 0.0, pdfErr = 0.0, geluErr = 0.0, slopeErr = 0.0
        let xs = grid(-10, 10, 100_001)
        var o = [Float](repeating: 0, count: xs.count), d = o
        xs.withUnsafeBufferPointer { x in
            o.withUnsafeMutableBufferPointer { ob in d.withUnsafeMutableBufferPointer { db in FastMath.geluAndSlope(x, ob, db) } }
        }
        for (i, x) in xs.enumerated() {
            let v = Double(x)
            let cdf = 0.5 * Foundation.erfc(-v / 2.0.squareRoot()), pdf = Foundation.exp(-v * v / 2) / (2 * Double.pi).squareRoot()
            let (c, p) = FastMath.normalCDFAndPDF(x)
            cdfErr = max(cdfErr, abs(Double(c) - cdf))
            pdfErr = max(pdfErr, abs(Double(p) - pdf))
            geluErr = max(geluErr, abs(Double(o[i]) - v * cdf) / max(1, abs(v)))
            slopeErr = max(slopeErr, abs(Double(d[i]) - (cdf + v * pdf)) / max(1, abs(v)))
        }
        #expect(cdfErr < 3e-7, "Φ: \(cdfErr)")
        #expect(pdfErr < 1e-7, "φ: \(pdfErr)")
        #expect(geluErr < 3e-7, "GELU: \(geluErr)")
        #expect(slopeErr < 4e-7, "GELU′: \(slopeErr)")
    }

    /// The rational Φ stays in [0, 1] (its fit error would cross both near ±5.6) and is 0 or 1
    /// exactly in the far tails; Φ(x) + Φ(−x) = 1 to rounding (odd fit around ½); NaN
    /// propagates.
    @Test func geluCDFTailsSymmetryAndNaN() {
        for x: Float in [5.6, 6, 40, .infinity] { #expect(FastMath.normalCDFAndPDF(x).cdf == 1) }
        for x: Float in [-5.6, -6, -40, -.infinity] { #expect(FastMath.normalCDFAndPDF(x).cdf == 0) }
        let outside = grid(-8, 8, 400_000).filter { let c = FastMath.normalCDFAndPDF($0).cdf; return !(c >= 0 && c <= 1) }
        #expect(outside.isEmpty, "Φ outside [0, 1] at \(outside.prefix(3))")
        var worst: Float = 0
        for x in grid(0, 8, 20_000) { worst = max(worst, abs(FastMath.normalCDFAndPDF(x).cdf + FastMath.normalCDFAndPDF(-x).cdf - 1)) }
        #expect(worst <= 1.2e-7, "Φ(x) + Φ(−x) − 1: \(worst)")
        #expect(FastMath.normalCDFAndPDF(.nan).cdf.isNaN)
        #expect(FastMath.normalCDFAndPDF(0).cdf == 0.5)
        #expect(abs(FastMath.normalCDFAndPDF(0).pdf - 0.398_942_28) < 1e-7)
    }

    @Test func tensorExpUsesTheFastKernel() {
        let t = Tensor(shape: [3], scalars: [0, 1, -2])
        let e = t.exp()
        #expect(abs(e.scalars[1] - Float(M_E)) < 1e-6)
        #expect(abs(e.scalars[2] - Float(Foundation.exp(-2.0))) < 1e-7)
    }

    /// The forward-only GELU is the value half of `geluAndSlope` bit for bit, and `Variable.gelu`
    /// gives the same values whether or not it records (it takes the forward-only kernel when
    /// nothing will be differentiated).
    @Test func forwardOnlyGELUEqualsTheValueOfGELUAndSlope() {
        let x = grid(-9, 9, 10_001)
        var o = [Float](repeating: 0, count: x.count), o2 = o, slope = o
        x.withUnsafeBufferPointer { xp in
            o.withUnsafeMutableBufferPointer { FastMath.gelu(xp, $0) }
            o2.withUnsafeMutableBufferPointer { op in slope.withUnsafeMutableBufferPointer { FastMath.geluAndSlope(xp, op, $0) } }
        }
        #expect(o == o2)
        #expect(abs(Double(o[x.count / 2 + 1000]) - Double(x[x.count / 2 + 1000]) * 0.5 * Foundation.erfc(-Double(x[x.count / 2 + 1000]) / 2.0.squareRoot())) < 1e-6)
        let t = Tensor(shape: [x.count], scalars: x)
        let recorded = Variable(t, requiresGradient: true).gelu().value
        let constant = GradMode.withoutGradient { Variable(t, requiresGradient: true).gelu().value }
        #expect(recorded.scalars == o && constant.scalars == o)
    }
}
