import Foundation

/// Draws axes, ticks, tick labels, grids and titles around a plot rectangle.
enum AxisRenderer {
    enum Side { case left, right }

    /// Width of the widest tick label of `ticks` at the tick font size.
    static func labelWidth(_ ticks: NiceTicks) -> Double {
        ticks.labels.map { TextMetrics.width($0, fontSize: ChartStyle.tickSize) }.max() ?? 0
    }

    /// Space a y axis needs beside the plot: tick, gap, widest label, gap, rotated title.
    static func yAxisWidth(_ ticks: NiceTicks, label: String) -> Double {
        ChartStyle.tickLength + 4 + labelWidth(ticks) + (label.isEmpty ? 4 : 8 + ChartStyle.labelSize + 4)
    }

    /// Space an x axis needs below the plot.
    static func xAxisHeight(label: String) -> Double {
        ChartStyle.tickLength + 3 + ChartStyle.tickSize * 1.2 + (label.isEmpty ? 4 : 6 + ChartStyle.labelSize + 4)
    }

    /// Height `drawTitle` uses for `title`.
    static func titleHeight(_ title: String) -> Double {
        title.isEmpty ? 6 : 6 + ChartStyle.titleSize * 1.3 + 4
    }

    /// Chart title, centred above everything; returns the height used.
    @discardableResult
    static func drawTitle(_ doc: inout SVGDocument, _ title: String, width: Double) -> Double {
        guard !title.isEmpty else { return 6 }
        let text = TextMetrics.truncated(title, toWidth: width - 16, fontSize: ChartStyle.titleSize)
        doc.text(text, x: width / 2, y: 6, style: TextStyle(fontSize: ChartStyle.titleSize, anchor: .middle, baseline: .hanging, bold: true))
        return titleHeight(title)
    }

    static func drawGrid(_ doc: inout SVGDocument, x: (NiceTicks, Scale)?, y: (NiceTicks, Scale)?, plot: Rect) {
        let style = SVGStyle.stroked(.grid, width: 1)
        var path = SVGPath()
        if let (ticks, scale) = x {
            for v in ticks.values { if let p = scale(v) { path.move(to: p, plot.y); path.line(to: p, plot.maxY) } }
        }
        if let (ticks, scale) = y {
            for v in ticks.values { if let p = scale(v) { path.move(to: plot.x, p); path.line(to: plot.maxX, p) } }
        }
        doc.path(path, style: style)
    }

    /// Bottom axis: line, outward ticks, labels (thinned to every k-th when they would touch), title.
    static func drawXAxis(_ doc: inout SVGDocument, ticks: NiceTicks, scale: Scale, plot: Rect, label: String,
                          showLabels: Bool = true) {
        let y0 = plot.maxY
        var path = SVGPath()
        path.move(to: plot.x, y0); path.line(to: plot.maxX, y0)
        var minor = SVGPath()
        for v in ticks.minorValues { if let p = scale(v) { minor.move(to: p, y0); minor.line(to: p, y0 + 3) } }
        let positions = ticks.values.compactMap { v in scale(v).map { (v, $0) } }
        for (_, p) in positions { path.move(to: p, y0); path.line(to: p, y0 + ChartStyle.tickLength) }
        doc.path(path, style: .stroked(ChartStyle.axisInk, width: 1))
        doc.path(minor, style: .stroked(ChartStyle.axisInk, width: 0.7))
        guard showLabels else { return }
        let labels = positions.map { ticks.label($0.0) }
        let every = thinning(positions: positions.map(\.1), widths: labels.map { TextMetrics.width($0, fontSize: ChartStyle.tickSize) + 6 })
        for (i, (_, p)) in positions.enumerated() where i % every == 0 {
            doc.text(labels[i], x: p, y: y0 + ChartStyle.tickLength + 3,
                     style: TextStyle(fontSize: ChartStyle.tickSize, anchor: .middle, baseline: .hanging, color: ChartStyle.axisInk))
        }
        if !label.isEmpty {
            doc.text(TextMetrics.truncated(label, toWidth: plot.width, fontSize: ChartStyle.labelSize),
                     x: plot.x + plot.width / 2, y: y0 + xAxisHeight(label: label) - 4,
                     style: TextStyle(fontSize: ChartStyle.labelSize, anchor: .middle))
        }
    }

    /// Left or right axis; `color` tints the labels (a secondary axis takes its series' colour).
    static func drawYAxis(_ doc: inout SVGDocument, ticks: NiceTicks, scale: Scale, plot: Rect, label: String,
                          side: Side = .left, color: RGBColor = ChartStyle.axisInk) {
        let x0 = side == .left ? plot.x : plot.maxX
        let out = side == .left ? -1.0 : 1.0
        var path = SVGPath()
        path.move(to: x0, plot.y); path.line(to: x0, plot.maxY)
        var minor = SVGPath()
        for v in ticks.minorValues { if let p = scale(v) { minor.move(to: x0, p); minor.line(to: x0 + out * 3, p) } }
        let positions = ticks.values.compactMap { v in scale(v).map { (v, $0) } }
        for (_, p) in positions { path.move(to: x0, p); path.line(to: x0 + out * ChartStyle.tickLength, p) }
        doc.path(path, style: .stroked(color, width: 1))
        doc.path(minor, style: .stroked(color, width: 0.7))
        let every = thinning(positions: positions.map(\.1), widths: positions.map { _ in ChartStyle.tickSize * 1.3 })
        for (i, (v, p)) in positions.enumerated() where i % every == 0 {
            doc.text(ticks.label(v), x: x0 + out * (ChartStyle.tickLength + 3), y: p,
                     style: TextStyle(fontSize: ChartStyle.tickSize, anchor: side == .left ? .end : .start, baseline: .middle, color: color))
        }
        if !label.isEmpty {
            let offset = ChartStyle.tickLength + 4 + labelWidth(ticks) + 8 + ChartStyle.labelSize * 0.8
            let x = x0 + out * offset
            doc.text(TextMetrics.truncated(label, toWidth: plot.height, fontSize: ChartStyle.labelSize),
                     x: x, y: plot.y + plot.height / 2,
                     style: TextStyle(fontSize: ChartStyle.labelSize, anchor: .middle, baseline: .middle,
                                      color: color == ChartStyle.axisInk ? .ink : color, rotation: -90))
        }
    }

    /// Smallest k such that showing every k-th label leaves no overlap, given centre positions and widths.
    static func thinning(positions: [Double], widths: [Double]) -> Int {
        guard positions.count > 1 else { return 1 }
        for k in 1..<positions.count {
            var ok = true
            var i = 0
            while i + k < positions.count {
                if abs(positions[i + k] - positions[i]) < (widths[i] + widths[i + k]) / 2 { ok = false; break }
                i += k
            }
            if ok { return k }
        }
        return positions.count
    }

    /// A frame around the plot area (light, so data stays in front).
    static func drawFrame(_ doc: inout SVGDocument, plot: Rect) {
        doc.rect(plot, style: SVGStyle(fill: Paint.none, stroke: .color(RGBColor(hex: 0xBBBBBB)), strokeWidth: 0.8))
    }
}
