/// Escaping of user text for XML 1.0 and HTML5 (both the SVG files and the HTML page use it).
///
/// Labels come from recordings (unit names, variable names, file paths), so anything may appear in them.
/// Two hazards are handled: markup characters (`& < > " '`), and characters that XML 1.0 forbids outright
/// (C0 controls other than tab, newline and carriage return, lone surrogates cannot occur in Swift strings,
/// U+FFFE and U+FFFF). A forbidden character would make the whole SVG unparsable, so it is replaced by
/// U+FFFD rather than dropped silently.
public enum XMLEscaping {
    /// Escapes text content: `&` → `&amp;`, `<` → `&lt;`, `>` → `&gt;`; forbidden characters → U+FFFD.
    public static func text(_ string: String) -> String { escape(string, quotes: false) }

    /// Escapes an attribute value (to be placed between double quotes): as `text(_:)`, plus
    /// `"` → `&quot;` and `'` → `&#39;`; newlines and tabs become character references so that
    /// attribute-value normalisation does not turn them into spaces.
    public static func attribute(_ string: String) -> String { escape(string, quotes: true) }

    private static func escape(_ string: String, quotes: Bool) -> String {
        // Fast path: most labels need nothing.
        if !string.unicodeScalars.contains(where: { needsWork($0, quotes: quotes) }) { return string }
        var out = ""
        out.reserveCapacity(string.utf8.count + 16)
        for scalar in string.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where quotes: out += "&quot;"
            case "'" where quotes: out += "&#39;"
            case "\n" where quotes: out += "&#10;"
            case "\t" where quotes: out += "&#9;"
            case "\r": out += "&#13;"
            default:
                if isForbidden(scalar) {
                    out.unicodeScalars.append("\u{FFFD}")
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    private static func needsWork(_ s: Unicode.Scalar, quotes: Bool) -> Bool {
        switch s {
        case "&", "<", ">", "\r": return true
        case "\"", "'", "\n", "\t": return quotes
        default: return isForbidden(s)
        }
    }

    /// XML 1.0 `Char` production: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
    /// C1 controls (U+007F–U+009F) are legal XML but HTML5 rejects them as text, so they are replaced too.
    static func isForbidden(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x20 { return v != 0x9 && v != 0xA && v != 0xD }
        if v >= 0x7F && v <= 0x9F { return true }
        return v == 0xFFFE || v == 0xFFFF
    }
}
