/// One titled section of an `HTMLReport`: an ordered list of blocks.
public struct ReportSection: Sendable {
    public enum Block: Sendable {
        case subheading(String)
        case paragraph(String)
        /// Muted small print (methods notes, definitions).
        case note(String)
        /// One or more SVGs side by side, with a caption; `label` (e.g. "Figure 3.") is printed in bold
        /// before the caption.
        case figure(svgs: [String], caption: String, label: String)
        case table(HTMLTable)
        case keyValues([KeyValue])
        case warnings([String])
        /// Monospaced text (commands, configuration).
        case preformatted(String)
    }

    public var heading: String
    /// Anchor id; `nil` derives one from the heading.
    public var id: String?
    public private(set) var blocks: [Block] = []

    public init(_ heading: String, id: String? = nil) {
        self.heading = heading
        self.id = id
    }

    public mutating func subheading(_ text: String) { blocks.append(.subheading(text)) }
    public mutating func paragraph(_ text: String) { blocks.append(.paragraph(text)) }
    public mutating func note(_ text: String) { blocks.append(.note(text)) }
    public mutating func figure(_ svg: String, caption: String, label: String = "") {
        blocks.append(.figure(svgs: [svg], caption: caption, label: label))
    }
    public mutating func figure(svgs: [String], caption: String, label: String = "") {
        blocks.append(.figure(svgs: svgs, caption: caption, label: label))
    }
    public mutating func table(_ t: HTMLTable) { blocks.append(.table(t)) }
    public mutating func keyValues(_ pairs: [KeyValue]) { blocks.append(.keyValues(pairs)) }
    public mutating func warnings(_ items: [String]) { blocks.append(.warnings(items)) }
    public mutating func preformatted(_ text: String) { blocks.append(.preformatted(text)) }
}

/// A labelled value for header and parameter tables.
public struct KeyValue: Sendable, Equatable {
    public var key: String
    public var value: String
    public init(_ key: String, _ value: String) { self.key = key; self.value = value }
}
