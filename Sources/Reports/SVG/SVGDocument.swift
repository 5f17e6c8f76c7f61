/// A standalone SVG 1.1 document built element by element.
///
/// Every coordinate passes through `NumberFormat.coordinate`, so `nan`/`inf` can never reach the output: an
/// element with a non-finite coordinate is skipped and counted in `skippedElements`. All text is escaped with
/// `XMLEscaping`. The output parses as XML and can be inlined in HTML5 as is.
///
/// Element ids (clip paths) get a prefix derived from a hash of the document's content, so that several SVGs
/// inlined in one HTML page do not collide unless they are identical (`HTMLReport` renames ids in that case).
public struct SVGDocument: Sendable {
    public let width: Double
    public let height: Double
    /// Accessible name (`<title>`, first child of `<svg>`).
    public var title: String
    /// Accessible long description (`<desc>`).
    public var summary: String
    /// Elements skipped because a coordinate was not finite.
    public private(set) var skippedElements = 0

    private var defs = ""
    private var body = ""
    private var openGroups = 0
    private var idCount = 0
    /// Stands for the id prefix until `render()`; U+0001 cannot come from escaped user text.
    static let idToken = "\u{1}"

    public init(width: Double, height: Double, title: String, summary: String = "") {
        self.width = width.isFinite && width > 0 ? width : 100
        self.height = height.isFinite && height > 0 ? height : 100
        self.title = title
        self.summary = summary
    }

    // MARK: Shapes

    public mutating func rect(_ r: Rect, style: SVGStyle, cornerRadius: Double = 0) {
        guard let x = c(r.x), let y = c(r.y), let w = c(max(0, r.width)), let h = c(max(0, r.height)) else {
            skippedElements += 1
            return
        }
        var s = "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(w)\" height=\"\(h)\""
        if cornerRadius > 0, let rr = c(cornerRadius) { s += " rx=\"\(rr)\"" }
        body += s + style.attributes + "/>\n"
    }

    public mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, style: SVGStyle) {
        guard let a = c(x1), let b = c(y1), let cc = c(x2), let d = c(y2) else {
            skippedElements += 1
            return
        }
        body += "<line x1=\"\(a)\" y1=\"\(b)\" x2=\"\(cc)\" y2=\"\(d)\"" + style.attributes + "/>\n"
    }

    public mutating func circle(cx: Double, cy: Double, r: Double, style: SVGStyle) {
        guard let x = c(cx), let y = c(cy), let rr = c(max(0, r)) else {
            skippedElements += 1
            return
        }
        body += "<circle cx=\"\(x)\" cy=\"\(y)\" r=\"\(rr)\"" + style.attributes + "/>\n"
    }

    /// A path; an empty path writes nothing.
    public mutating func path(_ p: SVGPath, style: SVGStyle) {
        skippedElements += p.skippedPoints
        guard !p.isEmpty else { return }
        body += "<path d=\"\(p.data)\"" + style.attributes + "/>\n"
    }

    /// A polyline through `points`, broken into separate runs at non-finite points.
    public mutating func polyline(_ points: [(x: Double, y: Double)], style: SVGStyle) {
        path(SVGPath(points: points), style: style)
    }

    /// Text at (x, y). Multi-line text is not supported; newlines render as spaces.
    public mutating func text(_ string: String, x: Double, y: Double, style: TextStyle = TextStyle()) {
        guard let xs = c(x), let ys = c(y) else {
            skippedElements += 1
            return
        }
        var s = "<text x=\"\(xs)\" y=\"\(ys)\""
        if let dy = style.baseline.dy { s += " dy=\"\(dy)\"" }
        if style.anchor != .start { s += " text-anchor=\"\(style.anchor.rawValue)\"" }
        if let fs = c(style.fontSize), style.fontSize != 12 { s += " font-size=\"\(fs)\"" }
        if style.bold { s += " font-weight=\"bold\"" }
        if style.italic { s += " font-style=\"italic\"" }
        if style.color != .ink { s += " fill=\"\(style.color.hexString)\"" }
        if style.rotation != 0, let r = c(style.rotation) { s += " transform=\"rotate(\(r) \(xs) \(ys))\"" }
        body += s + ">" + XMLEscaping.text(string.replacingOccurrences(of: "\n", with: " ")) + "</text>\n"
    }

    /// A tooltip for the element that encloses it (used inside `group`): browsers show `<title>` on hover.
    public mutating func tooltip(_ string: String) {
        body += "<title>" + XMLEscaping.text(string) + "</title>\n"
    }

    // MARK: Structure

    /// Defines a rectangular clip path and returns its id (pass it to `group(clipPathID:)`).
    public mutating func clipPath(_ r: Rect) -> String {
        idCount += 1
        let id = SVGDocument.idToken + "clip\(idCount)"
        let x = c(r.x) ?? "0", y = c(r.y) ?? "0", w = c(r.width) ?? "0", h = c(r.height) ?? "0"
        defs += "<clipPath id=\"\(id)\"><rect x=\"\(x)\" y=\"\(y)\" width=\"\(w)\" height=\"\(h)\"/></clipPath>\n"
        return id
    }

    /// A `<g>` element around whatever `content` draws, optionally translated, clipped and styled.
    public mutating func group(translateX: Double = 0, translateY: Double = 0, clipPathID: String? = nil,
                               style: SVGStyle = SVGStyle(), textStyle: TextStyle? = nil,
                               _ content: (inout SVGDocument) -> Void) {
        var s = "<g"
        if translateX != 0 || translateY != 0, let tx = c(translateX), let ty = c(translateY) {
            s += " transform=\"translate(\(tx) \(ty))\""
        }
        if let id = clipPathID { s += " clip-path=\"url(#\(id))\"" }
        s += style.attributes
        if let t = textStyle {
            if let fs = c(t.fontSize) { s += " font-size=\"\(fs)\"" }
            if t.anchor != .start { s += " text-anchor=\"\(t.anchor.rawValue)\"" }
        }
        body += s + ">\n"
        openGroups += 1
        content(&self)
        openGroups -= 1
        body += "</g>\n"
    }

    // MARK: Output

    /// The complete `<svg>` element (no XML declaration, so it can be inlined in HTML as is).
    public func render() -> String {
        let w = c(width) ?? "100", h = c(height) ?? "100"
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(w)\" height=\"\(h)\" viewBox=\"0 0 \(w) \(h)\""
        s += " role=\"img\" font-family=\"Helvetica, Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif\""
        s += " font-size=\"12\" fill=\"\(RGBColor.ink.hexString)\">\n"
        s += "<title>" + XMLEscaping.text(title) + "</title>\n"
        if !summary.isEmpty { s += "<desc>" + XMLEscaping.text(summary) + "</desc>\n" }
        if !defs.isEmpty { s += "<defs>\n" + defs + "</defs>\n" }
        s += body + "</svg>\n"
        guard s.contains(SVGDocument.idToken) else { return s }
        return s.replacingOccurrences(of: SVGDocument.idToken, with: "x" + SVGDocument.fnv1a(s) + "-")
    }

    /// 64-bit FNV-1a of the UTF-8 bytes, as 16 hex digits (a stable, platform-independent content hash).
    static func fnv1a(_ s: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in s.utf8 {
            h ^= UInt64(byte)
            h = h &* 0x100_0000_01b3
        }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    private func c(_ v: Double) -> String? { NumberFormat.coordinate(v) }
}
