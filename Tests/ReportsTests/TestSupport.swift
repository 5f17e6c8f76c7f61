import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

extension Tag {
    @Tag static var long: Self
}

/// Parses `text` as XML; returns the error description, or nil when it is well-formed.
func xmlError(_ text: String) -> String? {
    let parser = XMLParser(data: Data(text.utf8))
    if parser.parse() { return nil }
    return parser.parserError.map { "\($0)" } ?? "unknown XML error"
}

/// Collects the root element name, the text of every element by name, and all attribute values.
final class XMLCollector: NSObject, XMLParserDelegate {
    var root: String?
    var elementCounts: [String: Int] = [:]
    var texts: [String: [String]] = [:]
    var attributeValues: [String] = []
    var ids: [String] = []
    private var stack: [String] = []
    private var current = ""

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if root == nil { root = name }
        elementCounts[name, default: 0] += 1
        attributeValues += attributes.values
        if let id = attributes["id"] { ids.append(id) }
        stack.append(name)
        current = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { current += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        texts[name, default: []].append(current)
        current = ""
        stack.removeLast()
    }

    static func collect(_ text: String) -> XMLCollector? {
        let c = XMLCollector()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = c
        return parser.parse() ? c : nil
    }
}

/// Whether `text` contains a token such as `nan`, `NaN`, `inf`, `-inf`, `Infinity` standing alone (not inside a
/// word like "information").
func containsNonFiniteToken(_ text: String) -> Bool {
    let regex = try! NSRegularExpression(pattern: "(?i)(?<![a-z])(nan|inf|infinity)(?![a-z])")
    return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
}

func occurrences(of needle: String, in haystack: String) -> Int {
    haystack.components(separatedBy: needle).count - 1
}

/// All `<svg …>…</svg>` fragments of an HTML page.
func svgFragments(_ html: String) -> [String] {
    var out: [String] = []
    var search = html.startIndex
    while let start = html.range(of: "<svg", range: search..<html.endIndex),
          let end = html.range(of: "</svg>", range: start.upperBound..<html.endIndex) {
        out.append(String(html[start.lowerBound..<end.upperBound]))
        search = end.upperBound
    }
    return out
}
