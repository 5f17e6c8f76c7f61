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

    /// Greedy word wrap into lines no wider than `maxWidth`, at most `maxLines` (the last one truncated
    /// with "…" if text remains; single words wider than a line are truncated too).
    public static func wrapped(_ text: String, toWidth maxWidth: Double, fontSize: Double, maxLines: Int = 2) -> [String] {
        var lines: [String] = []
        var current = ""
        let words = text.split(separator: " ").map(String.init)
        for (k, word) in words.enumerated() {
            let candidate = current.isEmpty ? word : current + " " + word
            if width(candidate, fontSize: fontSize) <= maxWidth || current.isEmpty {
                current = candidate
            } else {
                lines.append(current)
                current = word
            }
            if lines.count == maxLines - 1 && k < words.count - 1 && !current.isEmpty
                && width(current + " " + words[k + 1], fontSize: fontSize) > maxWidth && lines.count + 1 == maxLines {
                // Last allowed line: put everything left on it and truncate.
                current = ([current] + words[(k + 1)...]).joined(separator: " ")
                break
            }
        }
        if !current.isEmpty { lines.append(current) }
        return Array(lines.prefix(maxLines)).map { truncated($0, toWidth: maxWidth, fontSize: fontSize) }
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
