/// A fill or stroke paint.
public enum Paint: Sendable, Equatable {
    case none
    case color(RGBColor)

    var attributeValue: String {
        switch self {
        case .none: return "none"
        case .color(let c): return c.hexString
        }
    }
}

/// Presentation attributes of a shape; `nil` properties are omitted (inherited from the enclosing group).
public struct SVGStyle: Sendable, Equatable {
    public var fill: Paint?
    public var stroke: Paint?
    public var strokeWidth: Double?
    public var opacity: Double?
    public var fillOpacity: Double?
    /// Dash pattern in user units, e.g. `[4, 3]`.
    public var dashArray: [Double]?
    /// Round line joins and caps (polylines look smoother; dashes stay legible).
    public var roundJoins: Bool

    public init(fill: Paint? = nil, stroke: Paint? = nil, strokeWidth: Double? = nil, opacity: Double? = nil,
                fillOpacity: Double? = nil, dashArray: [Double]? = nil, roundJoins: Bool = false) {
        self.fill = fill; self.stroke = stroke; self.strokeWidth = strokeWidth; self.opacity = opacity
        self.fillOpacity = fillOpacity; self.dashArray = dashArray; self.roundJoins = roundJoins
    }

    /// A filled shape without outline.
    public static func filled(_ c: RGBColor, opacity: Double? = nil) -> SVGStyle {
        SVGStyle(fill: .color(c), fillOpacity: opacity)
    }

    /// An unfilled line.
    public static func stroked(_ c: RGBColor, width: Double = 1, dash: [Double]? = nil) -> SVGStyle {
        SVGStyle(fill: Paint.none, stroke: .color(c), strokeWidth: width, dashArray: dash, roundJoins: true)
    }

    var attributes: String {
        var s = ""
        if let f = fill { s += " fill=\"\(f.attributeValue)\"" }
        if let st = stroke { s += " stroke=\"\(st.attributeValue)\"" }
        if let w = strokeWidth, let t = NumberFormat.coordinate(w) { s += " stroke-width=\"\(t)\"" }
        if let o = opacity, let t = NumberFormat.coordinate(o) { s += " opacity=\"\(t)\"" }
        if let o = fillOpacity, let t = NumberFormat.coordinate(o) { s += " fill-opacity=\"\(t)\"" }
        if let d = dashArray, !d.isEmpty {
            s += " stroke-dasharray=\"" + d.compactMap(NumberFormat.coordinate).joined(separator: " ") + "\""
        }
        if roundJoins { s += " stroke-linejoin=\"round\" stroke-linecap=\"round\"" }
        return s
    }
}

/// Horizontal placement of text relative to its anchor point.
public enum TextAnchor: String, Sendable { case start, middle, end }

/// Vertical placement of text relative to its anchor point (applied as a `dy` shift in ems, which every
/// renderer honours, unlike `dominant-baseline`).
public enum TextBaseline: Sendable {
    /// The anchor is on the alphabetic baseline.
    case alphabetic
    /// The anchor is at the vertical centre of digits and capitals.
    case middle
    /// The anchor is at the top of capitals.
    case hanging

    var dy: String? {
        switch self {
        case .alphabetic: return nil
        case .middle: return "0.35em"
        case .hanging: return "0.72em"
        }
    }
}

/// Text presentation.
public struct TextStyle: Sendable, Equatable {
    public var fontSize: Double
    public var anchor: TextAnchor
    public var baseline: TextBaseline
    public var bold: Bool
    public var italic: Bool
    public var color: RGBColor
    /// Rotation in degrees about the anchor point (−90: reads bottom to top).
    public var rotation: Double

    public init(fontSize: Double = 12, anchor: TextAnchor = .start, baseline: TextBaseline = .alphabetic,
                bold: Bool = false, italic: Bool = false, color: RGBColor = .ink, rotation: Double = 0) {
        self.fontSize = fontSize; self.anchor = anchor; self.baseline = baseline; self.bold = bold
        self.italic = italic; self.color = color; self.rotation = rotation
    }
}
