/// A grid of small line plots with titles: tuning curves of the top neurons per variable.
///
/// Panels fill the grid row by row. x and y tick labels appear on every panel (their ranges differ unless
/// `sharedY`); the axis titles are written once, under the grid and along its left side.
public struct SmallMultiples: Sendable {
    public struct Panel: Sendable {
        public var title: String
        public var x: [Double]
        public var y: [Double]
        /// Half-width of a shaded band (`y ± error`), e.g. the s.e. of the binned mean.
        public var error: [Double]?
        public var color: RGBColor?
        public init(title: String, x: [Double], y: [Double], error: [Double]? = nil, color: RGBColor? = nil) {
            self.title = title; self.x = x; self.y = y; self.error = error; self.color = color
        }
    }

    public var title: String
    public var summary: String
    public var panels: [Panel]
    public var columns: Int
    public var xLabel: String
    public var yLabel: String
    /// One y extent for all panels (comparable heights) instead of one per panel.
    public var sharedY: Bool
    public var width: Double
    public var panelHeight: Double

    public init(title: String, panels: [Panel], columns: Int = 4, xLabel: String = "", yLabel: String = "",
                sharedY: Bool = false, summary: String = "", width: Double = 680, panelHeight: Double = 150) {
        self.title = title; self.panels = panels; self.columns = max(1, columns); self.xLabel = xLabel
        self.yLabel = yLabel; self.sharedY = sharedY; self.summary = summary; self.width = width
        self.panelHeight = panelHeight
    }

    public func svg() -> String {
        let rows = (panels.count + columns - 1) / columns
        let top = AxisRenderer.titleHeight(title)
        let outerLeft = yLabel.isEmpty ? 4.0 : ChartStyle.labelSize + 10
        let outerBottom = xLabel.isEmpty ? 4.0 : ChartStyle.labelSize + 12
        let height = top + Double(max(rows, 1)) * panelHeight + outerBottom
        var doc = SVGDocument(width: width, height: height, title: title.isEmpty ? "Small multiples" : title,
                              summary: summary.isEmpty ? "\(panels.count) small line plots: " + panels.map(\.title).joined(separator: "; ") + "." : summary)
        AxisRenderer.drawTitle(&doc, title, width: width)
        let cellW = (width - outerLeft - 4) / Double(columns)
        let shared = sharedY ? Axis(tickCount: 3).ticks(for: panels.flatMap { LineChart.yExtent(LineChart.Series(name: "", x: $0.x, y: $0.y, error: $0.error)) }) : nil
        let tickStyle = TextStyle(fontSize: ChartStyle.smallSize, color: ChartStyle.axisInk)
        for (k, p) in panels.enumerated() {
            let cell = Rect(x: outerLeft + Double(k % columns) * cellW, y: top + Double(k / columns) * panelHeight, width: cellW, height: panelHeight)
            let xTicks = Axis(tickCount: 3).ticks(for: p.x)
            let yTicks = shared ?? Axis(tickCount: 3).ticks(for: LineChart.yExtent(LineChart.Series(name: "", x: p.x, y: p.y, error: p.error)))
            let yLabelW = yTicks.labels.map { TextMetrics.width($0, fontSize: ChartStyle.smallSize) }.max() ?? 0
            let plot = Rect(x: cell.x + yLabelW + 10, y: cell.y + ChartStyle.smallSize * 1.6 + 4,
                            width: max(20, cell.width - yLabelW - 22),
                            height: max(20, cell.height - ChartStyle.smallSize * 1.6 - 4 - ChartStyle.smallSize - 14))
            let xs = Scale(ticks: xTicks, range: (plot.x, plot.maxX)), ys = Scale(ticks: yTicks, range: (plot.maxY, plot.y))
            AxisRenderer.drawGrid(&doc, x: (xTicks, xs), y: (yTicks, ys), plot: plot)
            let c = p.color ?? Palette.color(0)
            let clip = doc.clipPath(plot)
            doc.group(clipPathID: clip) { doc in
                let n = min(p.x.count, p.y.count)
                if let e = p.error {
                    var band = SVGPath()
                    let idx = (0..<n).filter { $0 < e.count && e[$0].isFinite && p.x[$0].isFinite && p.y[$0].isFinite }
                    for i in idx { band.line(to: xs(p.x[i]) ?? .nan, ys(p.y[i] + abs(e[i])) ?? .nan) }
                    for i in idx.reversed() { band.line(to: xs(p.x[i]) ?? .nan, ys(p.y[i] - abs(e[i])) ?? .nan) }
                    if idx.count > 1 { band.close(); doc.path(band, style: .filled(c, opacity: 0.2)) }
                }
                doc.polyline((0..<n).map { (x: xs(p.x[$0]) ?? .nan, y: ys(p.y[$0]) ?? .nan) }, style: .stroked(c, width: 1.6))
            }
            var axes = SVGPath()
            axes.move(to: plot.x, plot.y); axes.line(to: plot.x, plot.maxY); axes.line(to: plot.maxX, plot.maxY)
            doc.path(axes, style: .stroked(ChartStyle.axisInk, width: 0.8))
            for v in yTicks.values {
                guard let py = ys(v) else { continue }
                var s = tickStyle; s.anchor = .end; s.baseline = .middle
                doc.text(yTicks.label(v), x: plot.x - 3, y: py, style: s)
            }
            let xPositions = xTicks.values.compactMap { v in xs(v).map { (v, $0) } }
            let every = AxisRenderer.thinning(positions: xPositions.map(\.1),
                                              widths: xPositions.map { TextMetrics.width(xTicks.label($0.0), fontSize: ChartStyle.smallSize) + 4 })
            for (i, (v, px)) in xPositions.enumerated() where i % every == 0 {
                var s = tickStyle; s.anchor = .middle; s.baseline = .hanging
                doc.text(xTicks.label(v), x: px, y: plot.maxY + 5, style: s)
            }
            doc.text(TextMetrics.truncated(p.title, toWidth: cell.width - 8, fontSize: ChartStyle.smallSize + 1),
                     x: plot.x + plot.width / 2, y: cell.y + 2,
                     style: TextStyle(fontSize: ChartStyle.smallSize + 1, anchor: .middle, baseline: .hanging, bold: true))
        }
        if !xLabel.isEmpty {
            doc.text(xLabel, x: outerLeft + (width - outerLeft) / 2, y: height - 6, style: TextStyle(fontSize: ChartStyle.labelSize, anchor: .middle))
        }
        if !yLabel.isEmpty {
            doc.text(yLabel, x: 4 + ChartStyle.labelSize * 0.8, y: top + Double(max(rows, 1)) * panelHeight / 2,
                     style: TextStyle(fontSize: ChartStyle.labelSize, anchor: .middle, baseline: .middle, rotation: -90))
        }
        return doc.render()
    }
}
