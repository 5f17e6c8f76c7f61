import Foundation

/// Number → text for SVG coordinates, tick labels, value labels and tables.
///
/// Nothing here ever prints `nan` or `inf`: coordinates that are not finite are reported as `nil`
/// (the caller skips the element), and labels use `NumberFormat.missing` ("n/a") or "∞"/"−∞".
public enum NumberFormat {
    /// Placeholder text for a value that is not a number.
    public static let missing = "n/a"

    /// An SVG coordinate with at most two decimals (1/100 of a user unit is far below a printed dot),
    /// trailing zeros removed; `nil` when `x` is not finite or beyond ±1e9 (such a point is off any page).
    public static func coordinate(_ x: Double) -> String? {
        guard x.isFinite, abs(x) < 1e9 else { return nil }
        let hundredths = Int((x * 100).rounded())
        if hundredths == 0 { return "0" }
        let magnitude = hundredths.magnitude
        let whole = magnitude / 100, fraction = magnitude % 100
        var s = hundredths < 0 ? "-" : ""
        s += String(whole)
        if fraction != 0 {
            s += fraction % 10 == 0 ? "." + String(fraction / 10) : (fraction < 10 ? ".0" : ".") + String(fraction)
        }
        return s
    }

    /// A value with `significantDigits` significant digits, plain decimal for 1e-3 ≤ |x| < 1e6 and
    /// `m.mme±k` otherwise; ASCII minus (tables and CSV-like text stay copy-pasteable).
    public static func label(_ x: Double, significantDigits: Int = 3) -> String {
        if let special = nonFinite(x, minus: "-") { return special }
        if x == 0 { return "0" }
        let digits = max(1, significantDigits)
        let exponent = Int(floor(log10(abs(x))))
        if exponent >= 6 || exponent < -3 {
            return String(format: "%.*e", digits - 1, x)
        }
        let decimals = max(0, digits - 1 - exponent)
        return trimmed(String(format: "%.*f", decimals, x), keepDecimals: false)
    }

    /// A value with a fixed number of decimals (e.g. "0.83" for R²), ASCII minus, no "-0".
    public static func fixed(_ x: Double, fractionDigits: Int) -> String {
        if let special = nonFinite(x, minus: "-") { return special }
        let s = String(format: "%.*f", max(0, fractionDigits), x)
        return isNegativeZero(s) ? String(s.dropFirst()) : s
    }

    /// A tick label for `value` on an axis whose ticks are `fractionDigits` decimals apart;
    /// typographic minus (U+2212). With `scientificExponent` set, the label is `m×10ᵏ` style with the
    /// mantissa `value / 10^k` printed with `fractionDigits` decimals.
    public static func tick(_ value: Double, fractionDigits: Int, scientificExponent: Int? = nil) -> String {
        if let special = nonFinite(value, minus: "\u{2212}") { return special }
        if let k = scientificExponent {
            let mantissa = value / pow(10, Double(k))
            if abs(mantissa) < 1e-12 { return "0" }
            let m = fixed(mantissa, fractionDigits: max(0, fractionDigits))
            let body = m == "1" ? "" : (m == "-1" ? "-" : m + "×")
            return (body + "10" + superscript(k)).replacingOccurrences(of: "-", with: "\u{2212}")
        }
        return fixed(value, fractionDigits: fractionDigits).replacingOccurrences(of: "-", with: "\u{2212}")
    }

    /// A power of ten for a logarithmic axis: plain decimals for 10⁻³…10⁴ ("0.001", "100"), else "10ᵏ".
    public static func powerOfTen(_ exponent: Int) -> String {
        if exponent >= 0 && exponent <= 4 { return "1" + String(repeating: "0", count: exponent) }
        if exponent < 0 && exponent >= -3 { return "0." + String(repeating: "0", count: -exponent - 1) + "1" }
        return "10" + superscript(exponent)
    }

    /// Unicode superscript digits for an integer exponent (e.g. −3 → "⁻³").
    public static func superscript(_ k: Int) -> String {
        let map: [Character: Character] = [
            "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹", "-": "⁻",
        ]
        return String(String(k).map { map[$0] ?? $0 })
    }

    private static func nonFinite(_ x: Double, minus: String) -> String? {
        if x.isNaN { return missing }
        if x.isInfinite { return x > 0 ? "∞" : minus + "∞" }
        return nil
    }

    private static func isNegativeZero(_ s: String) -> Bool {
        s.hasPrefix("-") && s.dropFirst().allSatisfy { $0 == "0" || $0 == "." }
    }

    private static func trimmed(_ s: String, keepDecimals: Bool) -> String {
        var t = s
        if !keepDecimals && t.contains(".") {
            while t.hasSuffix("0") { t.removeLast() }
            if t.hasSuffix(".") { t.removeLast() }
        }
        return isNegativeZero(t) || t == "-0" ? String(t.dropFirst()) : t
    }
}
