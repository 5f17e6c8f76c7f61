import Foundation

/// The OKLab perceptual colour space (Björn Ottosson, 2020), used to build colour maps whose steps look
/// equal: Euclidean distance in OKLab approximates perceived colour difference.
///
/// Conversion (from the published definition): sRGB → linear light (IEC 61966-2-1 transfer function)
/// → LMS by matrix M₁ → cube root → Lab by matrix M₂; the inverse reverses each step.
public struct OKLab: Sendable, Equatable {
    /// Lightness (0 black … 1 white), and the green–red and blue–yellow opponent axes.
    public var l: Double, a: Double, b: Double

    public init(l: Double, a: Double, b: Double) { self.l = l; self.a = a; self.b = b }

    /// From lightness, chroma and hue angle (radians): a = C cos h, b = C sin h.
    public init(l: Double, chroma: Double, hue: Double) {
        self.init(l: l, a: chroma * cos(hue), b: chroma * sin(hue))
    }

    public var chroma: Double { (a * a + b * b).squareRoot() }
    public var hue: Double { atan2(b, a) }

    public init(_ c: RGBColor) {
        let r = OKLab.linearise(c.red), g = OKLab.linearise(c.green), bl = OKLab.linearise(c.blue)
        let lms0 = 0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * bl
        let lms1 = 0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * bl
        let lms2 = 0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * bl
        let l_ = cbrt(lms0), m_ = cbrt(lms1), s_ = cbrt(lms2)
        l = 0.2104542553 * l_ + 0.7936177850 * m_ - 0.0040720468 * s_
        a = 1.9779984951 * l_ - 2.4285922050 * m_ + 0.4505937099 * s_
        b = 0.0259040371 * l_ + 0.7827717662 * m_ - 0.8086757660 * s_
    }

    /// Linear-light sRGB components, possibly outside [0, 1] when the colour is out of gamut.
    public var linearRGB: (Double, Double, Double) {
        let l_ = l + 0.3963377774 * a + 0.2158037573 * b
        let m_ = l - 0.1055613458 * a - 0.0638541728 * b
        let s_ = l - 0.0894841775 * a - 1.2914855480 * b
        let l3 = l_ * l_ * l_, m3 = m_ * m_ * m_, s3 = s_ * s_ * s_
        return (4.0767416621 * l3 - 3.3077115913 * m3 + 0.2309699292 * s3,
                -1.2684380046 * l3 + 2.6097574011 * m3 - 0.3413193965 * s3,
                -0.0041960863 * l3 - 0.7034186147 * m3 + 1.7076147010 * s3)
    }

    /// Whether the colour is displayable in sRGB (within a tolerance of 1e-4 per linear component).
    public var isInSRGBGamut: Bool {
        let (r, g, b) = linearRGB
        let t = 1e-4
        return r >= -t && r <= 1 + t && g >= -t && g <= 1 + t && b >= -t && b <= 1 + t
    }

    /// The sRGB colour; out-of-gamut components are clamped (use `gamutMapped()` first to avoid hue shifts).
    public var rgb: RGBColor {
        let (r, g, b) = linearRGB
        return RGBColor(red: OKLab.encode(r), green: OKLab.encode(g), blue: OKLab.encode(b))
    }

    /// The same lightness and hue with chroma reduced (by bisection, 30 steps) until the colour is in gamut.
    public func gamutMapped() -> OKLab {
        if isInSRGBGamut { return self }
        let h = hue, l = min(max(self.l, 0), 1)
        var lo = 0.0, hi = chroma
        for _ in 0..<30 {
            let mid = (lo + hi) / 2
            if OKLab(l: l, chroma: mid, hue: h).isInSRGBGamut { lo = mid } else { hi = mid }
        }
        return OKLab(l: l, chroma: lo, hue: h)
    }

    /// Euclidean distance (ΔE_OK).
    public func distance(to o: OKLab) -> Double {
        let dl = l - o.l, da = a - o.a, db = b - o.b
        return (dl * dl + da * da + db * db).squareRoot()
    }

    /// Straight-line interpolation in OKLab.
    public func mix(_ o: OKLab, _ t: Double) -> OKLab {
        OKLab(l: l + (o.l - l) * t, a: a + (o.a - a) * t, b: b + (o.b - b) * t)
    }

    /// sRGB transfer function, encoded → linear.
    public static func linearise(_ v: Double) -> Double {
        v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4)
    }

    /// sRGB transfer function, linear → encoded, clamped to [0, 1].
    public static func encode(_ v: Double) -> Double {
        let c = min(max(v, 0), 1)
        return c <= 0.0031308 ? 12.92 * c : 1.055 * pow(c, 1 / 2.4) - 0.055
    }
}
