import Foundation

/// Axis tick positions and labels chosen from "nice" numbers.
///
/// Linear axes use Heckbert's nice numbers ("Nice numbers for graph labels", Graphics Gems, 1990):
/// `step = nice((hi − lo) / (targetCount − 1), round: true)`, where `nice` maps x = f·10ᵏ (1 ≤ f < 10) to
/// the nearest of {1, 2, 5, 10}·10ᵏ. (Heckbert first rounds the span itself up to a nice number; that step is
/// left out because it can double the spacing, e.g. 0…60 would get ticks every 20 instead of every 10.)
/// The domain is widened to
/// `[floor(lo/step)·step, ceil(hi/step)·step]` unless `extendsDomain` is false, in which case the domain stays
/// `[lo, hi]` and only the multiples of `step` inside it are ticks.
///
/// Logarithmic axes put major ticks on powers of ten (every `step` decades, step ∈ {1, 2, 3, 5, 10, …}
/// when there are more decades than `targetCount`), add 2× and 5× ticks when the domain spans at most two
/// decades, and minor ticks at 2…9 × 10ᵏ when it spans at most six. The domain is widened to whole decades,
/// or, when the data span at most two decades, only to the nearest {1, 2, 5}·10ᵏ on each side.
///
/// Degenerate and bad input never traps: `lo == hi` is widened (by ±10 % of |lo|, or to [−1, 1] at 0),
/// `lo > hi` is swapped, non-finite bounds fall back to the finite one or to [0, 1]; on a log axis a
/// non-positive `lo` becomes `hi·10⁻³` and a non-positive `hi` gives [1, 10].
public struct NiceTicks: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case linear, logarithmic }

    public let kind: Kind
    /// The axis extent in data units.
    public let domain: ClosedRange<Double>
    /// Major tick values in increasing order, all inside `domain`.
    public let values: [Double]
    /// Unlabelled minor tick values (log axes only).
    public let minorValues: [Double]
    /// Linear: the spacing between ticks. Logarithmic: decades between labelled powers of ten.
    public let step: Double
    /// Decimals needed to tell linear ticks apart (0 for log axes).
    public let fractionDigits: Int
    /// When set, linear labels are printed as m×10ᵏ with this k (very large or very small ticks).
    public let scientificExponent: Int?

    /// Heckbert's nice number: the value in {1, 2, 5, 10}·10ᵏ nearest to `x` (`round`) or not below it.
    public static func niceNumber(_ x: Double, round: Bool) -> Double {
        guard x.isFinite, x > 0 else { return 1 }
        let exponent = floor(log10(x))
        let fraction = x / pow(10, exponent)
        let nice: Double
        if round {
            nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
        } else {
            nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        }
        return nice * pow(10, exponent)
    }

    /// Linear ticks covering `[lo, hi]`, about `targetCount` of them.
    public init(linearFrom lo: Double, to hi: Double, targetCount: Int = 5, extendsDomain: Bool = true) {
        var (a, b) = NiceTicks.sanitised(lo, hi)
        if a == b {
            let pad = a == 0 ? 1 : abs(a) * 0.1
            a -= pad
            b += pad
        }
        let n = max(2, targetCount)
        let step = NiceTicks.niceNumber((b - a) / Double(n - 1), round: true)
        let first = extendsDomain ? floor(a / step) * step : a
        let last = extendsDomain ? ceil(b / step) * step : b
        let digits = max(0, Int(-floor(log10(step) + 1e-9)))
        let largest = max(abs(first), abs(last))
        var exponent: Int? = nil
        if largest >= 1e5 || (largest > 0 && largest < 1e-3) {
            let k = Int(floor(log10(largest > 0 ? largest : step)))
            exponent = k
        }
        let kLo = Int(ceil(first / step - 1e-9)), kHi = Int(floor(last / step + 1e-9))
        let scale = pow(10, Double(digits))
        // k·step rounded to the label precision, so that 0.1·3 is exactly 0.3 (and -0 is 0).
        func tick(_ k: Int) -> Double {
            var v = Double(k) * step
            if digits <= 15 { v = (v * scale).rounded() / scale }
            return v == 0 ? 0 : v
        }
        let lower = extendsDomain ? tick(kLo) : first, upper = extendsDomain ? tick(kHi) : last
        var ticks: [Double] = []
        if kHi >= kLo && kHi - kLo <= 1000 {
            for k in kLo...kHi { ticks.append(min(max(tick(k), lower), upper)) }
        }
        self.kind = .linear
        self.domain = lower...upper
        self.values = ticks
        self.minorValues = []
        self.step = step
        if let k = exponent {
            self.fractionDigits = max(0, k - Int(floor(log10(step) + 1e-9)))
        } else {
            self.fractionDigits = digits
        }
        self.scientificExponent = exponent
    }

    /// Logarithmic ticks covering `[lo, hi]` (both should be positive; see the type's notes otherwise).
    public init(logarithmicFrom lo: Double, to hi: Double, targetCount: Int = 6) {
        var (a, b) = NiceTicks.sanitised(lo, hi)
        if !(b > 0) { (a, b) = (1, 10) }
        if !(a > 0) { a = b * 1e-3 }
        if a == b { a /= 2; b *= 2 }
        let e0 = Int(floor(log10(a) + 1e-9)), e1 = max(Int(ceil(log10(b) - 1e-9)), e0 + 1)
        let decades = e1 - e0
        let n = max(2, targetCount)
        var decadeStep = 1
        if decades > n - 1 {
            let wanted = Double(decades) / Double(n - 1)
            decadeStep = [1, 2, 3, 5, 10, 20, 25, 50, 100].first { Double($0) >= wanted } ?? Int(wanted.rounded(.up))
        }
        let start = Int(floor(Double(e0) / Double(decadeStep))) * decadeStep
        let end = Int(ceil(Double(e1) / Double(decadeStep))) * decadeStep
        var major: [Double] = [], minor: [Double] = []
        for e in stride(from: start, through: end, by: 1) {
            let p = pow(10, Double(e))
            if (e - start) % decadeStep == 0 {
                major.append(p)
            } else {
                minor.append(p)
            }
            guard e < end, decadeStep == 1 else { continue }
            if decades <= 2 {
                major.append(2 * p)
                major.append(5 * p)
                for m in [3.0, 4, 6, 7, 8, 9] { minor.append(m * p) }
            } else if decades <= 6 {
                for m in 2...9 { minor.append(Double(m) * p) }
            }
        }
        var domain = pow(10, Double(start))...pow(10, Double(end))
        if decades <= 2 && decadeStep == 1 {
            // Snap to the 1-2-5 grid around the data rather than to whole decades (2…32 → 2…50, not 1…100).
            let grid = (e0 - 1...e1).flatMap { e in [1.0, 2, 5].map { $0 * pow(10, Double(e)) } }
            let lower = grid.last { $0 <= a * (1 + 1e-12) } ?? domain.lowerBound
            let upper = grid.first { $0 >= b * (1 - 1e-12) } ?? domain.upperBound
            domain = lower...upper
        }
        let inside = { (v: Double) in v >= domain.lowerBound * (1 - 1e-12) && v <= domain.upperBound * (1 + 1e-12) }
        self.kind = .logarithmic
        self.domain = domain
        self.values = major.filter(inside).sorted()
        self.minorValues = minor.filter(inside).sorted()
        self.step = Double(decadeStep)
        self.fractionDigits = 0
        self.scientificExponent = nil
    }

    /// The label of one tick value, consistent with the other ticks of this axis.
    public func label(_ value: Double) -> String {
        switch kind {
        case .linear:
            return NumberFormat.tick(value, fractionDigits: fractionDigits, scientificExponent: scientificExponent)
        case .logarithmic:
            guard value.isFinite, value > 0 else { return NumberFormat.missing }
            let e = Int(floor(log10(value) + 1e-9))
            let m = (value / pow(10, Double(e))).rounded()
            if m == 1 { return NumberFormat.powerOfTen(e) }
            if e >= -3 && e <= 4 { return NumberFormat.label(value, significantDigits: 1) }
            return NumberFormat.fixed(m, fractionDigits: 0) + "×10" + NumberFormat.superscript(e)
        }
    }

    /// Labels of all major ticks.
    public var labels: [String] { values.map(label) }

    private static func sanitised(_ lo: Double, _ hi: Double) -> (Double, Double) {
        let limit = 1e300
        var a = lo, b = hi
        if !a.isFinite && !b.isFinite { return (0, 1) }
        if !a.isFinite { a = b }
        if !b.isFinite { b = a }
        a = min(max(a, -limit), limit)
        b = min(max(b, -limit), limit)
        return a <= b ? (a, b) : (b, a)
    }
}
