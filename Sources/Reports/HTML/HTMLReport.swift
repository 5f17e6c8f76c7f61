import Foundation

/// A self-contained HTML5 report page: title, header key/value table, warnings box, table of contents,
/// sections of paragraphs, figures (inline SVG) and tables.
///
/// The page references nothing outside itself (inline CSS, inline SVG without namespace URLs, an optional
/// few-line inline script for sorting tables), has a print stylesheet for A4, and escapes every piece of
/// text. Element ids are unique across the page: section anchors are de-duplicated, and SVG ids that clash
/// with earlier ones are renamed.
public struct HTMLReport: Sendable {
    public var title: String
    public var subtitle: String
    /// Shown as a two-column table under the title (session id, inputs, parameters, timings…).
    public var header: [KeyValue]
    /// Shown in a highlighted box before the contents.
    public var warnings: [String]
    public var sections: [ReportSection]
    /// Footer text, e.g. "xcebra 0.3.0, 2025-01-31 12:00 UTC".
    public var footer: String
    /// Include the inline table-sorting script (the page is complete without it).
    public var includesScript: Bool

    public init(title: String, subtitle: String = "", header: [KeyValue] = [], warnings: [String] = [],
                sections: [ReportSection] = [], footer: String = "", includesScript: Bool = true) {
        self.title = title; self.subtitle = subtitle; self.header = header; self.warnings = warnings
        self.sections = sections; self.footer = footer; self.includesScript = includesScript
    }

    public mutating func addHeader(_ key: String, _ value: String) { header.append(KeyValue(key, value)) }
    public mutating func addWarning(_ text: String) { warnings.append(text) }
    public mutating func addSection(_ section: ReportSection) { sections.append(section) }

    /// The complete document.
    public func render() -> String {
        let e = XMLEscaping.text, a = XMLEscaping.attribute
        var usedIDs = Set<String>()
        var figureNumber = 0
        let sectionIDs = sections.map { s -> String in
            var id = HTMLReport.slug(s.id ?? s.heading)
            if usedIDs.contains(id) {
                var n = 2
                while usedIDs.contains("\(id)-\(n)") { n += 1 }
                id = "\(id)-\(n)"
            }
            usedIDs.insert(id)
            return id
        }
        var h = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        h += "<title>" + e(title) + "</title>\n<style>\n" + ReportStylesheet.css + "\n</style>\n</head>\n<body>\n"
        h += "<header>\n<h1>" + e(title) + "</h1>\n"
        if !subtitle.isEmpty { h += "<p class=\"subtitle\">" + e(subtitle) + "</p>\n" }
        if !header.isEmpty { h += HTMLReport.keyValueTable(header) }
        h += "</header>\n"
        if !warnings.isEmpty { h += HTMLReport.warningsBox(warnings, heading: "Warnings") }
        if sections.count > 1 {
            h += "<nav class=\"toc\" aria-label=\"Contents\">\n<h2>Contents</h2>\n<ol>\n"
            for (s, id) in zip(sections, sectionIDs) { h += "<li><a href=\"#" + a(id) + "\">" + e(s.heading) + "</a></li>\n" }
            h += "</ol>\n</nav>\n"
        }
        h += "<main>\n"
        for (s, id) in zip(sections, sectionIDs) {
            h += "<section id=\"" + a(id) + "\">\n<h2>" + e(s.heading) + "</h2>\n"
            for block in s.blocks {
                switch block {
                case .subheading(let t): h += "<h3>" + e(t) + "</h3>\n"
                case .paragraph(let t): h += "<p>" + e(t) + "</p>\n"
                case .note(let t): h += "<p class=\"note\">" + e(t) + "</p>\n"
                case let .figure(svgs, caption, label):
                    figureNumber += 1
                    h += "<figure>\n<div class=\"figure-row\">\n"
                    for svg in svgs { h += SVGInlining.prepare(svg, usedIDs: &usedIDs) + "\n" }
                    h += "</div>\n"
                    let shownLabel = label.isEmpty ? "Figure \(figureNumber)." : label
                    h += "<figcaption><span class=\"label\">" + e(shownLabel) + "</span> " + e(caption) + "</figcaption>\n</figure>\n"
                case .table(let t): h += t.html()
                case .keyValues(let kv): h += HTMLReport.keyValueTable(kv)
                case .warnings(let w): h += HTMLReport.warningsBox(w, heading: "Warnings")
                case .preformatted(let t): h += "<pre>" + e(t) + "</pre>\n"
                }
            }
            h += "</section>\n"
        }
        h += "</main>\n"
        if !footer.isEmpty { h += "<footer>" + e(footer) + "</footer>\n" }
        if includesScript { h += "<script>\n" + ReportStylesheet.script + "\n</script>\n" }
        return h + "</body>\n</html>\n"
    }

    /// Writes `render()` to `url` atomically (a temporary file in the same directory, then a rename), creating
    /// the directory if needed.
    public func write(to url: URL) throws {
        try HTMLReport.writeAtomically(render(), to: url)
    }

    /// Writes UTF-8 text to `url` through a temporary file in the same directory and a rename, so readers
    /// never see a partial file; creates missing parent directories.
    public static func writeAtomically(_ text: String, to url: URL) throws {
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw ReportError.writeFailed(path: url.path, reason: error.localizedDescription)
        }
    }

    /// A lower-case ASCII anchor id: letters and digits kept, runs of anything else become "-".
    public static func slug(_ text: String) -> String {
        var out = ""
        var dash = false
        for scalar in text.lowercased().unicodeScalars {
            if (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") {
                out.unicodeScalars.append(scalar)
                dash = false
            } else if !dash && !out.isEmpty {
                out += "-"
                dash = true
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? "section" : (out.first!.isLetter ? out : "s-" + out)
    }

    static func keyValueTable(_ pairs: [KeyValue]) -> String {
        var s = "<div class=\"table-wrap\"><table class=\"kv\"><tbody>\n"
        for p in pairs {
            s += "<tr><th scope=\"row\">" + XMLEscaping.text(p.key) + "</th><td>" + XMLEscaping.text(p.value) + "</td></tr>\n"
        }
        return s + "</tbody></table></div>\n"
    }

    static func warningsBox(_ items: [String], heading: String) -> String {
        var s = "<div class=\"warnings\" role=\"note\">\n<h2>" + XMLEscaping.text(heading) + "</h2>\n<ul>\n"
        for w in items { s += "<li>" + XMLEscaping.text(w) + "</li>\n" }
        return s + "</ul>\n</div>\n"
    }
}
