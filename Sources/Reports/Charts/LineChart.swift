/// Lines over a shared x axis: loss curves, goodness of fit against dimension, tuning curves.
///
/// Each series may carry a shaded band `y ± error` (e.g. mean ± s.e. over seeds), markers at its points, and
/// may be plotted against a secondary right-hand axis (e.g. a regulariser weight over the loss). Vertical
/// marker lines label special x positions ("chosen d = 8"). Points with a non-finite coordinate are gaps.
public struct LineChart: Sendable {
    public struct Series: Sendable {
        public var name: String
        public var x: [Double]
        /// Same length as `x` (extra elements of the longer array are ignored).
        public var y: [Double]
        /// Half-width of the shaded band at each point (`y ± error`); `nil` for no band.
        public var error: [Double]?
        /// `nil`: the next colour of `Palette.categorical`.
        public var color: RGBColor?
        public var dashed: Bool
        public var showsMarkers: Bool
        /// Plot against `LineChart.secondaryYAxis` (ignored when the chart has none).
        public var onSecondaryAxis: Bool
        /// False: small filled dots at the points and no connecting line (e.g. one value per seed
        /// beside their mean's curve).
        public var showsLine: Bool

        public init(name: String, x: [Double], y: [Double], error: [Double]? = nil, color: RGBColor? = nil,
                    dashed: Bool = false, showsMarkers: Bool = false, onSecondaryAxis: Bool = false, showsLine: Bool = true) {
            self.name = name; self.x = x; self.y = y; self.error = error; self.color = color
            self.dashed = dashed; self.showsMarkers = showsMarkers; self.onSecondaryAxis = onSecondaryAxis
            self.showsLine = showsLine
        }
    }

    /// A vertical line across the plot at `x`, labelled at its top.
    public struct Marker: Sendable {
        public var x: Double
        public var label: String
        public var color: RGBColor
        public init(x: Double, label: String, color: RGBColor = RGBColor(hex: 0x333333)) {
            self.x = x; self.label = label; self.color = color
        }
    }

    public var title: String
    /// Long description for screen readers (`<desc>`).
    public var summary: String
    public var xAxis: Axis
    public var yAxis: Axis
    public var secondaryYAxis: Axis?
    public var series: [Series]
    public var markers: [Marker]
    public var width: Double
    public var height: Double

    public init(title: String, xAxis: Axis, yAxis: Axis, series: [Series], secondaryYAxis: Axis? = nil,
                markers: [Marker] = [], summary: String = "", width: Double = 680, height: Double = 360) {
        self.title = title; self.xAxis = xAxis; self.yAxis = yAxis; self.series = series
        self.secondaryYAxis = secondaryYAxis; self.markers = markers; self.summary = summary
        self.width = width; self.height = height
    }

    func color(_ i: Int) -> RGBColor { series[i].color ?? Palette.color(i) }

    func isSecondary(_ s: Series) -> Bool { secondaryYAxis != nil && s.onSecondaryAxis }

    /// All y values a series may reach, band included.
    static func yExtent(_ s: Series) -> [Double] {
        let n = min(s.x.count, s.y.count)
        var out: [Double] = []
        out.reserveCapacity(3 * n)
        for i in 0..<n {
            out.append(s.y[i])
            if let e = s.error, i < e.count, e[i].isFinite {
                out.append(s.y[i] - abs(e[i]))
                out.append(s.y[i] + abs(e[i]))
            }
        }
        return out
    }

    public func svg() -> String {
        var doc = SVGDocument(width: width, height: height, title: title.isEmpty ? "Line chart" : title,
                              summary: summary.isEmpty ? defaultSummary() : summary)
        let xTicks = xAxis.ticks(for: series.flatMap { Array($0.x.prefix(min($0.x.count, $0.y.count))) } + markers.map(\.x))
        let yTicks = yAxis.ticks(for: series.filter { !isSecondary($0) }.flatMap(LineChart.yExtent))
        let y2Ticks = secondaryYAxis.map { $0.ticks(for: series.filter(isSecondary).flatMap(LineChart.yExtent)) }

        let entries = series.enumerated().map { i, s in
            LegendEntry(name: s.name + (isSecondary(s) ? " (right axis)" : ""), color: color(i),
                        symbol: s.showsLine ? .line(dashed: s.dashed, marker: s.showsMarkers, band: s.error != nil) : .dot)
        }
        let top = AxisRenderer.drawTitle(&doc, title, width: width)
        let legendHeight = series.count > 1 || secondaryYAxis != nil ? LegendRenderer.height(entries, maxWidth: width - 16) : 0
        let left = AxisRenderer.yAxisWidth(yTicks, label: yAxis.label) + 6
        let right = y2Ticks.map { AxisRenderer.yAxisWidth($0, label: secondaryYAxis!.label) + 6 } ?? 18
        let plot = Rect(size: (width, height), margins: Margins(
            top: top + legendHeight + (markers.isEmpty ? 6 : 18), right: right,
            bottom: AxisRenderer.xAxisHeight(label: xAxis.label) + 4, left: left))
        if legendHeight > 0 { LegendRenderer.draw(&doc, entries, left: 8, top: top, maxWidth: width - 16) }

        let xs = Scale(ticks: xTicks, range: (plot.x, plot.maxX))
        let ys = Scale(ticks: yTicks, range: (plot.maxY, plot.y))
        let y2s = y2Ticks.map { Scale(ticks: $0, range: (plot.maxY, plot.y)) }
        AxisRenderer.drawGrid(&doc, x: (xTicks, xs), y: (yTicks, ys), plot: plot)

        let clip = doc.clipPath(Rect(x: plot.x - 4, y: plot.y - 4, width: plot.width + 8, height: plot.height + 8))
        doc.group(clipPathID: clip) { doc in
            for (i, s) in series.enumerated() {
                let sy = isSecondary(s) ? (y2s ?? ys) : ys
                drawSeries(&doc, s, color: color(i), xs: xs, ys: sy)
            }
        }
        for m in markers {
            guard let px = xs(m.x), px >= plot.x - 0.5, px <= plot.maxX + 0.5 else { continue }
            doc.line(x1: px, y1: plot.y - 4, x2: px, y2: plot.maxY, style: .stroked(m.color, width: 1.2, dash: [4, 3]))
            let anchor: TextAnchor = px > plot.x + plot.width * 0.8 ? .end : (px < plot.x + plot.width * 0.2 ? .start : .middle)
            doc.text(m.label, x: px, y: plot.y - 7, style: TextStyle(fontSize: ChartStyle.tickSize, anchor: anchor, bold: true, color: m.color))
        }
        AxisRenderer.drawXAxis(&doc, ticks: xTicks, scale: xs, plot: plot, label: xAxis.label)
        AxisRenderer.drawYAxis(&doc, ticks: yTicks, scale: ys, plot: plot, label: yAxis.label)
        if let t2 = y2Ticks, let s2 = y2s, let axis = secondaryYAxis {
            let onRight = series.enumerated().filter { isSecondary($0.1) }
            let tint = onRight.count == 1 ? color(onRight[0].0) : ChartStyle.axisInk
            AxisRenderer.drawYAxis(&doc, ticks: t2, scale: s2, plot: plot, label: axis.label, side: .right, color: tint)
        }
        return doc.render()
    }

    private func drawSeries(_ doc: inout SVGDocument, _ s: Series, color: RGBColor, xs: Scale, ys: Scale) {
        let n = min(s.x.count, s.y.count)
        let points = (0..<n).map { i in (x: xs(s.x[i]) ?? .nan, y: ys(s.y[i]) ?? .nan) }
        if let e = s.error {
            // One closed polygon per run of consecutive points whose band is fully defined.
            var run: [Int] = []
            func flush(_ doc: inout SVGDocument) {
                defer { run.removeAll() }
                guard run.count > 1 else { return }
                var p = SVGPath()
                for i in run { p.line(to: points[i].x, ys.clamped(s.y[i] + abs(e[i])) ?? .nan) }
                for i in run.reversed() { p.line(to: points[i].x, ys.clamped(s.y[i] - abs(e[i])) ?? .nan) }
                p.close()
                doc.path(p, style: .filled(color, opacity: 0.2))
            }
            for i in 0..<n {
                if i < e.count, e[i].isFinite, points[i].x.isFinite, points[i].y.isFinite { run.append(i) } else { flush(&doc) }
            }
            flush(&doc)
        }
        guard s.showsLine else {
            for p in points where p.x.isFinite && p.y.isFinite { doc.circle(cx: p.x, cy: p.y, r: 2.5, style: .filled(color, opacity: 0.7)) }
            return
        }
        doc.polyline(points, style: .stroked(color, width: 2, dash: s.dashed ? [6, 4] : nil))
        if s.showsMarkers {
            let style = SVGStyle(fill: .color(.white), stroke: .color(color), strokeWidth: 1.5)
            for p in points where p.x.isFinite && p.y.isFinite { doc.circle(cx: p.x, cy: p.y, r: 3, style: style) }
        }
    }

    private func defaultSummary() -> String {
        let names = series.map(\.name).joined(separator: ", ")
        return "Line chart of \(yAxis.label.isEmpty ? "values" : yAxis.label) against \(xAxis.label.isEmpty ? "x" : xAxis.label)"
            + (names.isEmpty ? "." : " for: \(names).")
    }
}
