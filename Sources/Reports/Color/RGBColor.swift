import Foundation

/// An sRGB colour with components in [0, 1] (gamma-encoded, as CSS and SVG expect).
public struct RGBColor: Sendable, Equatable, Hashable {
    public var red: Double, green: Double, blue: Double

    /// Components are clamped to [0, 1]; non-finite components become 0.
    public init(red: Double, green: Double, blue: Double) {
        func c(_ v: Double) -> Double { v.isFinite ? min(max(v, 0), 1) : 0 }
        self.red = c(red); self.green = c(green); self.blue = c(blue)
    }

    /// From a 24-bit hex literal such as `0x440154`.
    public init(hex: UInt32) {
        self.init(red: Double((hex >> 16) & 0xFF) / 255, green: Double((hex >> 8) & 0xFF) / 255,
                  blue: Double(hex & 0xFF) / 255)
    }

    /// From "#rrggbb" or "rrggbb"; `nil` for anything else.
    public init?(hexString: String) {
        let s = hexString.hasPrefix("#") ? String(hexString.dropFirst()) : hexString
        guard s.count == 6, let v = UInt32(s, radix: 16) else { return nil }
        self.init(hex: v)
    }

    /// "#rrggbb", lower case, components rounded to the nearest of 256 levels.
    public var hexString: String {
        func h(_ v: Double) -> String {
            let n = Int((v * 255).rounded())
            return (n < 16 ? "0" : "") + String(n, radix: 16)
        }
        return "#" + h(red) + h(green) + h(blue)
    }

    /// WCAG relative luminance, `0.2126 R + 0.7152 G + 0.0722 B` on linear-light components.
    public var relativeLuminance: Double {
        0.2126 * OKLab.linearise(red) + 0.7152 * OKLab.linearise(green) + 0.0722 * OKLab.linearise(blue)
    }

    /// Black or white, whichever contrasts more with this colour (for text drawn on top of it).
    public var contrastingText: RGBColor {
        // WCAG contrast ratio against white (1.05/(L+0.05)) vs black ((L+0.05)/0.05) crosses at L ≈ 0.179.
        relativeLuminance > 0.179 ? RGBColor(hex: 0x000000) : RGBColor(hex: 0xFFFFFF)
    }

    public static let black = RGBColor(hex: 0x000000)
    public static let white = RGBColor(hex: 0xFFFFFF)
    /// Axis lines, tick labels and titles.
    public static let ink = RGBColor(hex: 0x222222)
    /// Light grid lines.
    public static let grid = RGBColor(hex: 0xE3E3E3)
    /// Secondary text (captions, notes).
    public static let mutedInk = RGBColor(hex: 0x5F5F5F)
}

/// Colours for categorical series (lines, bars, methods).
public enum Palette {
    /// The Okabe–Ito colour-blind-safe palette (Okabe & Ito 2008), reordered so that the first colours are the
    /// most distinct on white paper; its yellow is replaced by a dark grey because yellow lines vanish in print.
    public static let categorical: [RGBColor] = [
        RGBColor(hex: 0x0072B2),  // blue
        RGBColor(hex: 0xD55E00),  // vermillion
        RGBColor(hex: 0x009E73),  // bluish green
        RGBColor(hex: 0xCC79A7),  // reddish purple
        RGBColor(hex: 0xE69F00),  // orange
        RGBColor(hex: 0x56B4E9),  // sky blue
        RGBColor(hex: 0x555555),  // dark grey
        RGBColor(hex: 0x000000),  // black
    ]

    /// The `index`-th categorical colour, cycling when there are more series than colours.
    public static func color(_ index: Int) -> RGBColor {
        categorical[((index % categorical.count) + categorical.count) % categorical.count]
    }
}
