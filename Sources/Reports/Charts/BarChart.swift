/// Grouped bars with confidence intervals: decoding R² per variable next to a shuffled control, auROC per
/// method.
///
/// Categories run along x; within each category there is one bar per series. Bars grow from 0 (negative
/// values grow downwards, as R² on held-out data can be negative). Error bars are drawn from `lower` to
/// `upper` when both are finite; value labels sit above the bar or its error bar.
public struct BarChart: Sendable {
    public struct Series: Sendable {
        public var name: String
        /// One value per category (missing trailing values and non-finite values draw no bar).
        public var values: [Double]
        /// Interval bounds per category (e.g. a 95 % CI), or `nil`.
        public var lower: [Double]?
        public var upper: [Double]?
        public var color: RGBColor?

        public init(name: String, values: [Double], lower: [Double]? = nil, upper: [Double]? = nil, color: RGBColor? = nil) {
            self.name = name; self.values = values; self.lower = lower; self.upper = upper; self.color = color
        }
    }

    public var title: String
    public var summary: String
    public var categories: [String]
    public var series: [Series]
    /// y axis; `includesZero` is always applied. Set `domain` (e.g. 0…1 for auROC) to fix the extent.
    public var yAxis: Axis
    public var xAxisLabel: String
    /// Print each bar's value above it, with this many decimals (`nil`: no labels).
    public var valueLabelDigits: Int?
    /// A horizontal reference line (e.g. auROC 0.5 = chance), with its label.
    public var referenceLine: (value: Double, label: String)?
    public var width: Double
    public var height: Double

    public init(title: String, categories: [String], series: [Series], yAxis: Axis, xAxisLabel: String = "",
                valueLabelDigits: Int? = 2, referenceLine: (value: Double, label: String)? = nil, summary: String = "",
                width: Double = 680, height: Double = 340) {
        self.title = title; self.categories = categories; self.series = series; self.yAxis = yAxis
        self.xAxisLabel = xAxisLabel; self.valueLabelDigits = valueLabelDigits; self.referenceLine = referenceLine
        self.summary = summary; self.width = width; self.height = height
    }

    func color(_ i: Int) -> RGBColor { series[i].color ?? Palette.color(i) }

    static func at(_ a: [Double]?, _ i: Int) -> Double { a.map { i < $0.count ? $0[i] : .nan } ?? .nan }

    public func svg() -> String {
        var doc = SVGDocument(width: width, height: height, title: title.isEmpty ? "Bar chart" : title,
                              summary: summary.isEmpty ? "Grouped bar chart of \(yAxis.label.isEmpty ? "values" : yAxis.label) for "
                                + categories.joined(separator: ", ") + " and series " + series.map(\.name).joined(separator: ", ") + "." : summary)
        var axis = yAxis
        axis.includesZero = true
        var extent: [Double] = referenceLine.map { [$0.value] } ?? []
        for s in series {
            for i in 0..<categories.count {
                extent.append(BarChart.at(s.values, i))
                extent.append(BarChart.at(s.lower, i))
                extent.append(BarChart.at(s.upper, i))
            }
        }
        // Room for value labels above the tallest bar: 8 % of the data range.
        if valueLabelDigits != nil, axis.domain == nil, let hi = extent.filter(\.isFinite).max(), let lo = extent.filter(\.isFinite).min() {
            extent.append(hi + 0.08 * max(hi - min(lo, 0), 1e-12))
        }
        let yTicks = axis.ticks(for: extent)
        let entries = series.enumerated().map { LegendEntry(name: $1.name, color: color($0), symbol: .box) }
        let top = AxisRenderer.drawTitle(&doc, title, width: width)
        let legendHeight = LegendRenderer.height(entries, maxWidth: width - 16)
        LegendRenderer.draw(&doc, entries, left: 8, top: top, maxWidth: width - 16)
        let plot = Rect(size: (width, height), margins: Margins(
            top: top + legendHeight + 8, right: 16, bottom: AxisRenderer.xAxisHeight(label: xAxisLabel) + 4,
            left: AxisRenderer.yAxisWidth(yTicks, label: axis.label) + 6))
        let ys = Scale(ticks: yTicks, range: (plot.maxY, plot.y))
        AxisRenderer.drawGrid(&doc, x: nil, y: (yTicks, ys), plot: plot)

        let groupWidth = plot.width / Double(max(categories.count, 1))
        let inner = groupWidth * 0.8
        let barWidth = inner / Double(max(series.count, 1))
        let zero = ys.clamped(0) ?? plot.maxY
        let labelStyle = TextStyle(fontSize: ChartStyle.smallSize, anchor: .middle, color: ChartStyle.axisInk)
        let showLabels = valueLabelDigits != nil && barWidth >= TextMetrics.width("0.00", fontSize: ChartStyle.smallSize)
        for (si, s) in series.enumerated() {
            for ci in 0..<categories.count {
                let v = BarChart.at(s.values, ci)
                guard v.isFinite, let top = ys.clamped(v) else { continue }
                let x = plot.x + Double(ci) * groupWidth + (groupWidth - inner) / 2 + Double(si) * barWidth
                doc.rect(Rect(x: x + 1, y: min(top, zero), width: barWidth - 2, height: abs(zero - top)), style: .filled(color(si)))
                var labelY = min(top, zero) - 4
                var belowY = max(top, zero) + ChartStyle.smallSize + 3
                let lo = BarChart.at(s.lower, ci), hi = BarChart.at(s.upper, ci)
                if lo.isFinite, hi.isFinite, let yl = ys.clamped(lo), let yh = ys.clamped(hi) {
                    let cx = x + barWidth / 2, cap = min(6, barWidth * 0.3)
                    var p = SVGPath()
                    p.move(to: cx, yl); p.line(to: cx, yh)
                    p.move(to: cx - cap, yl); p.line(to: cx + cap, yl)
                    p.move(to: cx - cap, yh); p.line(to: cx + cap, yh)
                    doc.path(p, style: .stroked(.ink, width: 1.2))
                    labelY = min(labelY, min(yl, yh) - 4)
                    belowY = max(belowY, max(yl, yh) + ChartStyle.smallSize + 3)
                }
                if showLabels, let d = valueLabelDigits {
                    if v < 0 { labelY = min(belowY, plot.maxY - 2) }
                    doc.text(NumberFormat.fixed(v, fractionDigits: d).replacingOccurrences(of: "-", with: "\u{2212}"), x: x + barWidth / 2, y: max(labelY, plot.y + ChartStyle.smallSize), style: labelStyle)
                }
            }
        }
        if let ref = referenceLine, let y = ys(ref.value), y >= plot.y, y <= plot.maxY {
            doc.line(x1: plot.x, y1: y, x2: plot.maxX, y2: y, style: .stroked(RGBColor(hex: 0x555555), width: 1, dash: [5, 4]))
            doc.text(ref.label, x: plot.maxX - 4, y: y - 4, style: TextStyle(fontSize: ChartStyle.smallSize, anchor: .end, color: RGBColor(hex: 0x555555)))
        }
        // Zero line and category labels.
        doc.line(x1: plot.x, y1: zero, x2: plot.maxX, y2: zero, style: .stroked(ChartStyle.axisInk, width: 1))
        let names = categories.map { TextMetrics.truncated($0, toWidth: groupWidth - 4, fontSize: ChartStyle.tickSize) }
        for (ci, name) in names.enumerated() {
            doc.text(name, x: plot.x + (Double(ci) + 0.5) * groupWidth, y: plot.maxY + ChartStyle.tickLength + 3,
                     style: TextStyle(fontSize: ChartStyle.tickSize, anchor: .middle, baseline: .hanging))
        }
        if !xAxisLabel.isEmpty {
            doc.text(xAxisLabel, x: plot.x + plot.width / 2, y: plot.maxY + AxisRenderer.xAxisHeight(label: xAxisLabel) - 4,
                     style: TextStyle(fontSize: ChartStyle.labelSize, anchor: .middle))
        }
        AxisRenderer.drawYAxis(&doc, ticks: yTicks, scale: ys, plot: plot, label: axis.label)
        return doc.render()
    }
}
