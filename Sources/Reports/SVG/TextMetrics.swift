/// Estimated text extents for layout (margins, legends, label thinning) without access to fonts.
///
/// Widths are per-character advance estimates, in ems, for the sans-serif faces the SVGs ask for
/// (Helvetica/Arial/Liberation Sans; DejaVu Sans is about 8 % wider, covered by the `slack` factor), so
/// layouts err on the side of too much room rather than overlapping text.
public enum TextMetrics {
    /// Multiplier applied to every estimate.
    public static let slack = 1.08

    /// Estimated advance width of `text` at `fontSize` (user units).
    public static func width(_ text: String, fontSize: Double) -> Double {
        var ems = 0.0
        for ch in text {
            ems += advance(ch)
        }
        return ems * fontSize * slack
    }

    /// Line height used for stacking text lines.
    public static func lineHeight(fontSize: Double) -> Double { fontSize * 1.25 }

    static func advance(_ ch: Character) -> Double {
        switch ch {
        case "i", "j", "l", ".", ",", ":", ";", "|", "!", "'", "I", "·": return 0.28
        case "f", "t", "r", "(", ")", "[", "]", "{", "}", "/", "\\", "-", " ": return 0.34
        case "\u{2212}", "+", "=", "<", ">", "~", "×": return 0.6
        case "m", "w", "M", "W", "%", "@": return 0.86
        case "0"..."9", "$", "_", "#", "?", "a"..."z": return 0.56
        case "A"..."Z", "&": return 0.68
        case "⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹", "⁻": return 0.36
        default:
            // CJK and other wide scripts take a full em; everything else is treated like a capital.
            if let v = ch.unicodeScalars.first?.value, v >= 0x2E80 { return 1.0 }
            return 0.68
        }
    }

    /// `text` shortened with a trailing "…" so that it fits in `maxWidth` (unchanged when it fits).
    public static func truncated(_ text: String, toWidth maxWidth: Double, fontSize: Double) -> String {
        if width(text, fontSize: fontSize) <= maxWidth { return text }
        var out = ""
        let ellipsis = width("…", fontSize: fontSize)
        var w = 0.0
        for ch in text {
            let a = advance(ch) * fontSize * slack
            if w + a + ellipsis > maxWidth { break }
            out.append(ch)
            w += a
        }
        return out + "…"
    }
}
