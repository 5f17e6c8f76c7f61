import Foundation

/// 2-D points coloured by a continuous or circular variable: embeddings coloured by behaviour.
///
/// Large point sets are thinned to at most `maxPoints` by keeping evenly spaced indices
/// `⌊k·n/maxPoints⌋, k = 0…maxPoints−1` (deterministic, keeps time order, no random choice), which bounds the
/// SVG size (≈ 60 bytes per point). Points with a non-finite coordinate are dropped; points whose colour value
/// is not finite are drawn in `ColorMap.missingColor`.
public struct ScatterChart: Sendable {
    /// How points are coloured.
    public enum Coloring: Sendable {
        /// One colour for all points.
        case uniform(RGBColor)
        /// A continuous variable through a sequential (or diverging) map, with a vertical colour bar;
        /// `domain` nil: the finite range of `values`.
        case continuous(values: [Double], map: ColorMap, label: String, domain: ClosedRange<Double>?)
        /// A circular variable (angle, phase) through `ColorMap.cyclic`, with a colour wheel; values are
        /// taken modulo `period` (2π for radians, 360 for degrees).
        case circular(values: [Double], period: Double, label: String)
    }

    public var title: String
    public var summary: String
    public var x: [Double]
    public var y: [Double]
    public var coloring: Coloring
    public var xAxis: Axis
    public var yAxis: Axis
    /// Upper bound on drawn points (`nil`: all).
    public var maxPoints: Int?
    public var pointRadius: Double
    public var pointOpacity: Double
    /// One data unit has the same length on both axes (embeddings: distances and shapes read correctly);
    /// the axis with room to spare gets a wider extent. Ignored when either axis has a fixed domain or a log scale.
    public var equalAspect: Bool
    public var width: Double
    public var height: Double

    public init(title: String, x: [Double], y: [Double], coloring: Coloring = .uniform(Palette.color(0)),
                xAxis: Axis = Axis(), yAxis: Axis = Axis(), maxPoints: Int? = 4000, pointRadius: Double = 2,
                pointOpacity: Double = 0.8, equalAspect: Bool = true, summary: String = "", width: Double = 335,
                height: Double = 300) {
        self.title = title; self.x = x; self.y = y; self.coloring = coloring; self.xAxis = xAxis; self.yAxis = yAxis
        self.maxPoints = maxPoints; self.pointRadius = pointRadius; self.pointOpacity = pointOpacity
        self.summary = summary; self.width = width; self.height = height; self.equalAspect = equalAspect
    }

    /// Indices kept when `count` points are thinned to at most `maxPoints`.
    public static func subsampleIndices(count: Int, maxPoints: Int?) -> [Int] {
        guard let m = maxPoints, m > 0, count > m else { return Array(0..<max(0, count)) }
        return (0..<m).map { Int((Double($0) * Double(count) / Double(m)).rounded(.down)) }
    }

    public func svg() -> String {
        let n = min(x.count, y.count)
        let kept = ScatterChart.subsampleIndices(count: n, maxPoints: maxPoints).filter { x[$0].isFinite && y[$0].isFinite }
        var doc = SVGDocument(width: width, height: height, title: title.isEmpty ? "Scatter plot" : title,
                              summary: summary.isEmpty ? defaultSummary(shown: kept.count, of: n) : summary)
        var xTicks = xAxis.ticks(for: kept.map { x[$0] })
        var yTicks = yAxis.ticks(for: kept.map { y[$0] })

        // Colour function and the room its key needs on the right.
        var colorOf: (Int) -> RGBColor = { _ in Palette.color(0) }
        var keyWidth = 14.0
        var colorTicks: NiceTicks? = nil
        switch coloring {
        case .uniform(let c):
            colorOf = { _ in c }
        case let .continuous(values, map, label, domain):
            let finite = values.filter(\.isFinite)
            let d = domain ?? ((finite.min() ?? 0)...(finite.max() ?? 1))
            let symmetric = map.isDiverging && domain == nil ? -max(abs(d.lowerBound), abs(d.upperBound))...max(abs(d.lowerBound), abs(d.upperBound)) : d
            colorOf = { i in i < values.count ? map.color(values[i], in: symmetric) : ColorMap.missingColor }
            let t = ColorBarRenderer.ticks(for: symmetric)
            colorTicks = t
            keyWidth = 16 + ColorBarRenderer.width(t, label: label)
        case let .circular(values, period, _):
            let p = period.isFinite && period > 0 ? period : 2 * Double.pi
            colorOf = { i in i < values.count && values[i].isFinite ? ColorMap.cyclic.color(values[i] / p) : ColorMap.missingColor }
            keyWidth = 16 + 2 * 28 + 64
        }

        let top = AxisRenderer.drawTitle(&doc, title, width: width)
        let plot = Rect(size: (width, height), margins: Margins(
            top: top + 4, right: keyWidth, bottom: AxisRenderer.xAxisHeight(label: xAxis.label) + 4,
            left: AxisRenderer.yAxisWidth(yTicks, label: yAxis.label) + 6))
        if equalAspect && xAxis.domain == nil && yAxis.domain == nil && xAxis.scale == .linear && yAxis.scale == .linear {
            // Widen the extent of the axis with fewer data units per pixel around its centre.
            let ux = (xTicks.domain.upperBound - xTicks.domain.lowerBound) / plot.width
            let uy = (yTicks.domain.upperBound - yTicks.domain.lowerBound) / plot.height
            func widened(_ d: ClosedRange<Double>, _ length: Double, _ units: Double, _ n: Int) -> NiceTicks {
                let c = (d.lowerBound + d.upperBound) / 2, half = units * length / 2
                return NiceTicks(linearFrom: c - half, to: c + half, targetCount: n, extendsDomain: false)
            }
            if ux > uy && ux > 0 { yTicks = widened(yTicks.domain, plot.height, ux, yAxis.tickCount) }
            if uy > ux && uy > 0 { xTicks = widened(xTicks.domain, plot.width, uy, xAxis.tickCount) }
        }
        let xs = Scale(ticks: xTicks, range: (plot.x, plot.maxX))
        let ys = Scale(ticks: yTicks, range: (plot.maxY, plot.y))
        AxisRenderer.drawGrid(&doc, x: (xTicks, xs), y: (yTicks, ys), plot: plot)
        let clip = doc.clipPath(plot)
        doc.group(clipPathID: clip, style: SVGStyle(fillOpacity: pointOpacity)) { doc in
            for i in kept {
                guard let px = xs(x[i]), let py = ys(y[i]) else { continue }
                doc.circle(cx: px, cy: py, r: pointRadius, style: SVGStyle(fill: .color(colorOf(i))))
            }
        }
        AxisRenderer.drawXAxis(&doc, ticks: xTicks, scale: xs, plot: plot, label: xAxis.label)
        AxisRenderer.drawYAxis(&doc, ticks: yTicks, scale: ys, plot: plot, label: yAxis.label)

        switch coloring {
        case .uniform: break
        case let .continuous(_, map, label, _):
            if let t = colorTicks {
                ColorBarRenderer.drawVertical(&doc, map: map, ticks: t,
                                              rect: Rect(x: plot.maxX + 16, y: plot.y, width: ColorBarRenderer.barWidth, height: plot.height),
                                              label: label)
            }
        case let .circular(_, period, label):
            let radius = 28.0
            let keyLeft = plot.maxX + 16, keyRight = width - 4
            ColorBarRenderer.drawWheel(&doc, map: .cyclic, cx: (keyLeft + keyRight) / 2, cy: plot.y + radius + 18,
                                       radius: radius, period: period, label: label, labelWidth: keyRight - keyLeft)
        }
        return doc.render()
    }

    private func defaultSummary(shown: Int, of n: Int) -> String {
        var s = "Scatter plot of \(shown) points"
        if shown < n { s += " (evenly thinned from \(n))" }
        switch coloring {
        case .uniform: break
        case let .continuous(_, _, label, _): s += ", coloured by \(label)"
        case let .circular(_, _, label): s += ", coloured by \(label) on a cyclic map"
        }
        return s + "."
    }
}
