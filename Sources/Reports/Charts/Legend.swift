/// A legend entry: a name and how its series is drawn.
public struct LegendEntry: Sendable, Equatable {
    public enum Symbol: Sendable, Equatable {
        /// A line segment, optionally dashed, optionally with a marker and a shaded band behind it.
        case line(dashed: Bool, marker: Bool, band: Bool)
        /// A filled box (bars, areas).
        case box
        /// A filled dot (scatter groups).
        case dot
    }

    public var name: String
    public var color: RGBColor
    public var symbol: Symbol

    public init(name: String, color: RGBColor, symbol: Symbol) {
        self.name = name; self.color = color; self.symbol = symbol
    }
}

/// Legends flow left to right above the plot and wrap onto new rows, so they never cover data.
enum LegendRenderer {
    static let swatchWidth = 22.0
    static let rowHeight = ChartStyle.labelSize * 1.5
    static let entryGap = 18.0

    /// x offsets (relative to the legend's left edge) and row of each entry, for a given available width.
    static func layout(_ entries: [LegendEntry], maxWidth: Double) -> (positions: [(x: Double, row: Int)], rows: Int, width: Double) {
        var positions: [(x: Double, row: Int)] = []
        var x = 0.0, row = 0, widest = 0.0
        for e in entries {
            let name = TextMetrics.truncated(e.name, toWidth: maxWidth - swatchWidth - 6, fontSize: ChartStyle.labelSize)
            let w = swatchWidth + 6 + TextMetrics.width(name, fontSize: ChartStyle.labelSize)
            if x > 0 && x + w > maxWidth {
                row += 1
                x = 0
            }
            positions.append((x, row))
            widest = max(widest, x + w)
            x += w + entryGap
        }
        return (positions, entries.isEmpty ? 0 : row + 1, widest)
    }

    /// Height a legend of `entries` needs within `maxWidth` (0 when there is nothing to show).
    static func height(_ entries: [LegendEntry], maxWidth: Double) -> Double {
        entries.isEmpty ? 0 : Double(layout(entries, maxWidth: maxWidth).rows) * rowHeight + 4
    }

    /// Draws the legend centred horizontally in [left, left + maxWidth], top at `top`.
    static func draw(_ doc: inout SVGDocument, _ entries: [LegendEntry], left: Double, top: Double, maxWidth: Double) {
        guard !entries.isEmpty else { return }
        let (positions, rows, _) = layout(entries, maxWidth: maxWidth)
        // Centre each row separately.
        var rowWidths = [Double](repeating: 0, count: rows)
        for (i, e) in entries.enumerated() {
            let name = TextMetrics.truncated(e.name, toWidth: maxWidth - swatchWidth - 6, fontSize: ChartStyle.labelSize)
            rowWidths[positions[i].row] = positions[i].x + swatchWidth + 6 + TextMetrics.width(name, fontSize: ChartStyle.labelSize)
        }
        for (i, e) in entries.enumerated() {
            let (px, row) = positions[i]
            let x = left + (maxWidth - rowWidths[row]) / 2 + px
            let cy = top + Double(row) * rowHeight + rowHeight / 2
            drawSymbol(&doc, e, x: x, cy: cy)
            let name = TextMetrics.truncated(e.name, toWidth: maxWidth - swatchWidth - 6, fontSize: ChartStyle.labelSize)
            doc.text(name, x: x + swatchWidth + 6, y: cy, style: TextStyle(fontSize: ChartStyle.labelSize, baseline: .middle))
        }
    }

    static func drawSymbol(_ doc: inout SVGDocument, _ e: LegendEntry, x: Double, cy: Double) {
        switch e.symbol {
        case let .line(dashed, marker, band):
            if band {
                doc.rect(Rect(x: x, y: cy - 5, width: swatchWidth, height: 10), style: .filled(e.color, opacity: 0.2))
            }
            doc.line(x1: x, y1: cy, x2: x + swatchWidth, y2: cy, style: .stroked(e.color, width: 2, dash: dashed ? [5, 3] : nil))
            if marker {
                doc.circle(cx: x + swatchWidth / 2, cy: cy, r: 3, style: SVGStyle(fill: .color(.white), stroke: .color(e.color), strokeWidth: 1.5))
            }
        case .box:
            doc.rect(Rect(x: x + 3, y: cy - 6, width: swatchWidth - 6, height: 12), style: .filled(e.color))
        case .dot:
            doc.circle(cx: x + swatchWidth / 2, cy: cy, r: 4, style: .filled(e.color))
        }
    }
}
