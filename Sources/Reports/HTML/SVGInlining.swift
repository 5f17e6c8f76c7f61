import Foundation

/// Preparing standalone SVG text for inclusion in an HTML5 page.
enum SVGInlining {
    /// Removes any XML declaration or doctype and the namespace declarations (the HTML parser puts `<svg>` in
    /// the SVG namespace itself, and the page then contains no URL at all); renames ids already in `usedIDs`
    /// (with their `url(#…)` and `href="#…"` references) so that every id on the page is unique.
    static func prepare(_ svg: String, usedIDs: inout Set<String>) -> String {
        var s = svg
        for prefix in ["<?xml", "<!DOCTYPE"] {
            while let r = s.range(of: prefix), let end = s.range(of: ">", range: r.upperBound..<s.endIndex) {
                s.removeSubrange(r.lowerBound..<end.upperBound)
            }
        }
        s = s.replacingOccurrences(of: " xmlns=\"http://www.w3.org/2000/svg\"", with: "")
        s = s.replacingOccurrences(of: " xmlns:xlink=\"http://www.w3.org/1999/xlink\"", with: "")
        s = s.trimmingCharacters(in: .whitespacesAndNewlines)
        var renames: [(String, String)] = []
        var search = s.startIndex
        while let r = s.range(of: " id=\"", range: search..<s.endIndex),
              let end = s.range(of: "\"", range: r.upperBound..<s.endIndex) {
            let id = String(s[r.upperBound..<end.lowerBound])
            if usedIDs.contains(id) {
                var n = 2
                while usedIDs.contains("\(id)-\(n)") { n += 1 }
                renames.append((id, "\(id)-\(n)"))
                usedIDs.insert("\(id)-\(n)")
            } else {
                usedIDs.insert(id)
            }
            search = end.upperBound
        }
        for (old, new) in renames {
            s = s.replacingOccurrences(of: " id=\"\(old)\"", with: " id=\"\(new)\"")
            s = s.replacingOccurrences(of: "url(#\(old))", with: "url(#\(new))")
            s = s.replacingOccurrences(of: "href=\"#\(old)\"", with: "href=\"#\(new)\"")
        }
        return s
    }
}
