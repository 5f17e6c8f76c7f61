/// Receiver operating characteristic curves with the chance diagonal; the legend shows each auROC.
public struct ROCCurve: Sendable {
    public struct Curve: Sendable {
        public var name: String
        /// Points of the curve, from (0, 0) to (1, 1), in order.
        public var falsePositiveRate: [Double]
        public var truePositiveRate: [Double]
        /// Area under the curve; NaN when undefined (no positives or no negatives).
        public var auc: Double
        public var color: RGBColor?

        /// A curve from given points; `auc` nil computes the trapezoidal area under the points.
        public init(name: String, falsePositiveRate: [Double], truePositiveRate: [Double], auc: Double? = nil, color: RGBColor? = nil) {
            self.name = name; self.falsePositiveRate = falsePositiveRate; self.truePositiveRate = truePositiveRate
            self.color = color
            self.auc = auc ?? ROCCurve.trapezoidArea(x: falsePositiveRate, y: truePositiveRate)
        }

        /// The empirical ROC of `scores` against binary `labels` (true = positive): thresholds at every distinct
        /// score, tied scores moving together (a diagonal step), so the area equals the Mann–Whitney
        /// probability P(score⁺ > score⁻) + ½ P(score⁺ = score⁻). Pairs with a non-finite score are ignored.
        public init(name: String, scores: [Double], labels: [Bool], color: RGBColor? = nil) {
            let pairs = zip(scores, labels).filter { $0.0.isFinite }.sorted { $0.0 > $1.0 }
            let positives = pairs.filter(\.1).count, negatives = pairs.count - positives
            var fpr = [0.0], tpr = [0.0]
            if positives > 0 && negatives > 0 {
                var tp = 0, fp = 0, i = 0
                while i < pairs.count {
                    let s = pairs[i].0
                    while i < pairs.count && pairs[i].0 == s {
                        if pairs[i].1 { tp += 1 } else { fp += 1 }
                        i += 1
                    }
                    fpr.append(Double(fp) / Double(negatives))
                    tpr.append(Double(tp) / Double(positives))
                }
                self.init(name: name, falsePositiveRate: fpr, truePositiveRate: tpr, color: color)
            } else {
                self.init(name: name, falsePositiveRate: [], truePositiveRate: [], auc: .nan, color: color)
            }
        }
    }

    public var title: String
    public var summary: String
    public var curves: [Curve]
    public var width: Double
    public var height: Double

    public init(title: String, curves: [Curve], summary: String = "", width: Double = 400, height: Double = 400) {
        self.title = title; self.curves = curves; self.summary = summary; self.width = width; self.height = height
    }

    /// ∫ y dx by the trapezoidal rule over consecutive finite points; NaN when fewer than two.
    public static func trapezoidArea(x: [Double], y: [Double]) -> Double {
        let n = min(x.count, y.count)
        var area = 0.0, used = 0
        var last: (Double, Double)? = nil
        for i in 0..<n where x[i].isFinite && y[i].isFinite {
            if let (px, py) = last { area += (x[i] - px) * (y[i] + py) / 2; used += 1 }
            last = (x[i], y[i])
        }
        return used > 0 ? area : .nan
    }

    public func svg() -> String {
        func color(_ i: Int) -> RGBColor { curves[i].color ?? Palette.color(i) }
        var doc = SVGDocument(width: width, height: height, title: title.isEmpty ? "ROC curves" : title,
                              summary: summary.isEmpty ? "ROC curves: " + curves.map { "\($0.name) auROC \(NumberFormat.fixed($0.auc, fractionDigits: 3))" }.joined(separator: "; ") + "." : summary)
        let entries = curves.enumerated().map { i, c in
            LegendEntry(name: "\(c.name) (auROC \(NumberFormat.fixed(c.auc, fractionDigits: 3)))", color: color(i),
                        symbol: .line(dashed: false, marker: false, band: false))
        }
        let top = AxisRenderer.drawTitle(&doc, title, width: width)
        let legendHeight = LegendRenderer.height(entries, maxWidth: width - 16)
        LegendRenderer.draw(&doc, entries, left: 8, top: top, maxWidth: width - 16)
        let ticks = NiceTicks(linearFrom: 0, to: 1, targetCount: 6)
        let xLabel = "false positive rate", yLabel = "true positive rate"
        let left = AxisRenderer.yAxisWidth(ticks, label: yLabel) + 6
        let bottom = AxisRenderer.xAxisHeight(label: xLabel) + 4
        // Square plot area: ROC geometry (the diagonal) reads correctly only at aspect 1.
        let side = max(60, min(width - left - 16, height - top - legendHeight - 8 - bottom))
        let plot = Rect(x: left + (width - left - 16 - side) / 2, y: top + legendHeight + 8, width: side, height: side)
        let xs = Scale(ticks: ticks, range: (plot.x, plot.maxX)), ys = Scale(ticks: ticks, range: (plot.maxY, plot.y))
        AxisRenderer.drawGrid(&doc, x: (ticks, xs), y: (ticks, ys), plot: plot)
        doc.line(x1: plot.x, y1: plot.maxY, x2: plot.maxX, y2: plot.y, style: .stroked(RGBColor(hex: 0x888888), width: 1, dash: [5, 4]))
        // Written along the diagonal, just below it, where good classifiers leave the plot empty.
        doc.text("chance", x: plot.x + 0.8 * side + 4, y: plot.maxY - 0.8 * side + 4,
                 style: TextStyle(fontSize: ChartStyle.smallSize, anchor: .middle, baseline: .hanging, color: RGBColor(hex: 0x777777), rotation: -45))
        let clip = doc.clipPath(Rect(x: plot.x - 2, y: plot.y - 2, width: plot.width + 4, height: plot.height + 4))
        doc.group(clipPathID: clip) { doc in
            for (i, c) in curves.enumerated() {
                let n = min(c.falsePositiveRate.count, c.truePositiveRate.count)
                doc.polyline((0..<n).map { (x: xs(c.falsePositiveRate[$0]) ?? .nan, y: ys(c.truePositiveRate[$0]) ?? .nan) },
                             style: .stroked(color(i), width: 2))
            }
        }
        AxisRenderer.drawXAxis(&doc, ticks: ticks, scale: xs, plot: plot, label: xLabel)
        AxisRenderer.drawYAxis(&doc, ticks: ticks, scale: ys, plot: plot, label: yLabel)
        return doc.render()
    }
}
