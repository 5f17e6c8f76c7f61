import Foundation

/// Colour bars: a vertical gradient with a tick axis for linear maps, a ring for cyclic maps.
enum ColorBarRenderer {
    static let barWidth = 14.0
    static let slices = 96

    /// Horizontal space a vertical colour bar with these ticks and title needs (bar, ticks, labels, title).
    static func width(_ ticks: NiceTicks, label: String) -> Double {
        barWidth + ChartStyle.tickLength + 4 + AxisRenderer.labelWidth(ticks) + (label.isEmpty ? 4 : 10 + ChartStyle.labelSize)
    }

    /// A vertical bar in `rect` (width `barWidth` used), bottom = `ticks.domain` lower bound.
    static func drawVertical(_ doc: inout SVGDocument, map: ColorMap, ticks: NiceTicks, rect: Rect, label: String) {
        let bar = Rect(x: rect.x, y: rect.y, width: barWidth, height: rect.height)
        let step = bar.height / Double(slices)
        for i in 0..<slices {
            let t = (Double(i) + 0.5) / Double(slices)
            // Slices overlap by half a unit so no hairline gaps appear between them when printed.
            let y = bar.maxY - Double(i + 1) * step
            doc.rect(Rect(x: bar.x, y: y - 0.25, width: bar.width, height: step + 0.5), style: .filled(map.color(t)))
        }
        doc.rect(bar, style: SVGStyle(fill: Paint.none, stroke: .color(ChartStyle.axisInk), strokeWidth: 0.8))
        let scale = Scale(ticks: ticks, range: (bar.maxY, bar.y))
        AxisRenderer.drawYAxis(&doc, ticks: ticks, scale: scale, plot: bar, label: label, side: .right)
    }

    /// Ticks for a colour domain (exact ends, nice interior ticks).
    static func ticks(for domain: ClosedRange<Double>) -> NiceTicks {
        NiceTicks(linearFrom: domain.lowerBound, to: domain.upperBound, targetCount: 5, extendsDomain: false)
    }

    /// A ring of the cyclic map centred at (cx, cy): angle 0 at the right, counter-clockwise positive (as in
    /// mathematics), with labels at the four quarter turns and the title below.
    static func drawWheel(_ doc: inout SVGDocument, map: ColorMap, cx: Double, cy: Double, radius: Double,
                          period: Double, label: String, labelWidth: Double) {
        let inner = radius * 0.58
        let wedges = 72
        for i in 0..<wedges {
            let a0 = 2 * Double.pi * Double(i) / Double(wedges), a1 = 2 * Double.pi * Double(i + 1) / Double(wedges) + 0.01
            var p = SVGPath()
            p.move(to: cx + inner * cos(a0), cy - inner * sin(a0))
            p.line(to: cx + radius * cos(a0), cy - radius * sin(a0))
            p.line(to: cx + radius * cos(a1), cy - radius * sin(a1))
            p.line(to: cx + inner * cos(a1), cy - inner * sin(a1))
            p.close()
            doc.path(p, style: .filled(map.color((Double(i) + 0.5) / Double(wedges))))
        }
        let outline = SVGStyle(fill: Paint.none, stroke: .color(ChartStyle.axisInk), strokeWidth: 0.8)
        doc.circle(cx: cx, cy: cy, r: radius, style: outline)
        doc.circle(cx: cx, cy: cy, r: inner, style: outline)
        let names = quarterLabels(period: period)
        let style = TextStyle(fontSize: ChartStyle.smallSize, anchor: .middle, baseline: .middle, color: ChartStyle.axisInk)
        let r = radius + 4
        doc.text(names[0], x: cx + r, y: cy, style: TextStyle(fontSize: ChartStyle.smallSize, anchor: .start, baseline: .middle, color: ChartStyle.axisInk))
        doc.text(names[1], x: cx, y: cy - r - 5, style: style)
        doc.text(names[2], x: cx - r, y: cy, style: TextStyle(fontSize: ChartStyle.smallSize, anchor: .end, baseline: .middle, color: ChartStyle.axisInk))
        doc.text(names[3], x: cx, y: cy + r + 5, style: style)
        for (k, line) in TextMetrics.wrapped(label, toWidth: labelWidth, fontSize: ChartStyle.labelSize).enumerated() {
            doc.text(line, x: cx, y: cy + r + 26 + Double(k) * TextMetrics.lineHeight(fontSize: ChartStyle.labelSize),
                     style: TextStyle(fontSize: ChartStyle.labelSize, anchor: .middle))
        }
    }

    /// Labels at 0, ¼, ½, ¾ of the period: radians as multiples of π, degrees with °, else plain numbers.
    static func quarterLabels(period: Double) -> [String] {
        if abs(period - 2 * Double.pi) < 1e-9 { return ["0", "π/2", "π", "3π/2"] }
        if abs(period - 360) < 1e-9 { return ["0°", "90°", "180°", "270°"] }
        return (0..<4).map { NumberFormat.label(period * Double($0) / 4) }
    }
}
