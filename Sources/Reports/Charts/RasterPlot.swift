/// Neural activity over time with behaviour underneath, sharing the time axis: the sanity-check snippet.
///
/// The top panel is either a spike raster (one row per neuron, a tick per spike) or a stack of traces (one
/// row per neuron, each trace scaled to its own min–max within the window, e.g. ΔF/F or binned rates). Below
/// it, one small panel per behaviour variable with its own y axis. Only `timeRange` is drawn (default: the
/// whole span); at most `maxNeurons` rows are shown (the first ones); behaviour traces are min–max decimated to
/// two points per horizontal unit (neural traces to one), and spikes beyond `maxSpikes` in the window are not drawn (noted in the
/// description), which bounds the file size.
public struct RasterPlot: Sendable {
    public enum Activity: Sendable {
        /// Spike times per neuron, in the time unit of the axis.
        case spikes([[Double]])
        /// Sample times shared by all neurons and one value array per neuron (same length as `time`).
        case traces(time: [Double], values: [[Double]])
    }

    public struct BehaviourTrace: Sendable {
        /// Name with units, e.g. "speed (cm/s)".
        public var name: String
        public var time: [Double]
        public var values: [Double]
        public var color: RGBColor?
        public init(name: String, time: [Double], values: [Double], color: RGBColor? = nil) {
            self.name = name; self.time = time; self.values = values; self.color = color
        }
    }

    public var title: String
    public var summary: String
    public var activity: Activity
    public var neuronLabels: [String]
    public var behaviour: [BehaviourTrace]
    public var timeRange: ClosedRange<Double>?
    public var timeLabel: String
    public var maxNeurons: Int
    public var maxSpikes: Int
    public var width: Double
    /// Height of the neural panel; each behaviour panel adds `behaviourPanelHeight`.
    public var activityHeight: Double
    public var behaviourPanelHeight: Double

    public init(title: String, activity: Activity, neuronLabels: [String] = [], behaviour: [BehaviourTrace] = [],
                timeRange: ClosedRange<Double>? = nil, timeLabel: String = "time (s)", maxNeurons: Int = 120,
                maxSpikes: Int = 50_000, summary: String = "", width: Double = 680, activityHeight: Double = 260,
                behaviourPanelHeight: Double = 70) {
        self.title = title; self.activity = activity; self.neuronLabels = neuronLabels; self.behaviour = behaviour
        self.timeRange = timeRange; self.timeLabel = timeLabel; self.maxNeurons = max(1, maxNeurons)
        self.maxSpikes = max(0, maxSpikes); self.summary = summary; self.width = width
        self.activityHeight = activityHeight; self.behaviourPanelHeight = behaviourPanelHeight
    }

    var rowCount: Int {
        switch activity {
        case .spikes(let s): return s.count
        case .traces(_, let v): return v.count
        }
    }

    func timeExtent() -> ClosedRange<Double> {
        if let r = timeRange { return r }
        var lo = Double.infinity, hi = -Double.infinity
        func see(_ t: Double) { if t.isFinite { lo = min(lo, t); hi = max(hi, t) } }
        switch activity {
        case .spikes(let s): for row in s.prefix(maxNeurons) { row.forEach(see) }
        case .traces(let t, _): t.forEach(see)
        }
        for b in behaviour { b.time.forEach(see) }
        return lo <= hi ? lo...hi : 0...1
    }

    public func svg() -> String {
        let extent = timeExtent()
        let tTicks = NiceTicks(linearFrom: extent.lowerBound, to: extent.upperBound, targetCount: 7, extendsDomain: false)
        let rows = min(rowCount, maxNeurons)
        let behaviourTicks = behaviour.map { b in
            Axis(tickCount: 3).ticks(for: zip(b.time, b.values).filter { extent.contains($0.0) }.map(\.1))
        }
        let rowH = activityHeight / Double(max(rows, 1))
        let labelEvery = max(1, Int((ChartStyle.smallSize * 1.2 / rowH).rounded(.up)))
        let shownLabels = stride(from: 0, to: rows, by: labelEvery).map { i in
            TextMetrics.truncated(i < neuronLabels.count ? neuronLabels[i] : String(i), toWidth: 90, fontSize: ChartStyle.smallSize)
        }
        let labelWidth = max(shownLabels.map { TextMetrics.width($0, fontSize: ChartStyle.smallSize) }.max() ?? 0,
                             behaviourTicks.map(AxisRenderer.labelWidth).max() ?? 0)
        let left = 8 + ChartStyle.labelSize + 10 + labelWidth + ChartStyle.tickLength + 6
        let top = AxisRenderer.titleHeight(title) + 4
        let panelGap = 14.0
        let height = top + activityHeight + Double(behaviour.count) * (behaviourPanelHeight + panelGap)
            + AxisRenderer.xAxisHeight(label: timeLabel) + 8
        var spikesDrawn = 0, spikesTotal = 0
        var doc = SVGDocument(width: width, height: height, title: title.isEmpty ? "Activity and behaviour" : title)
        AxisRenderer.drawTitle(&doc, title, width: width)
        let plotWidth = width - left - 16
        let neural = Rect(x: left, y: top, width: plotWidth, height: activityHeight)
        let ts = Scale(ticks: tTicks, range: (neural.x, neural.maxX))
        AxisRenderer.drawGrid(&doc, x: (tTicks, ts), y: nil, plot: neural)
        let clip = doc.clipPath(neural)
        doc.group(clipPathID: clip) { doc in
            switch activity {
            case .spikes(let trains):
                var p = SVGPath()
                for i in 0..<rows {
                    for t in trains[i] where extent.contains(t) {
                        spikesTotal += 1
                        guard spikesDrawn < maxSpikes, let x = ts(t) else { continue }
                        p.verticalTick(x: x, y: neural.y + (Double(i) + 0.1) * rowH, length: rowH * 0.8)
                        spikesDrawn += 1
                    }
                }
                doc.path(p, style: .stroked(.ink, width: min(1.2, max(0.6, plotWidth / 2000))))
            case let .traces(time, values):
                let inWindow = time.indices.filter { extent.contains(time[$0]) }
                for i in 0..<rows {
                    let v = inWindow.map { $0 < values[i].count ? values[i][$0] : .nan }
                    let finite = v.filter(\.isFinite)
                    guard let lo = finite.min(), let hi = finite.max() else { continue }
                    let span = hi > lo ? hi - lo : 1
                    // Rows are a few units tall: one min–max pair per 2 units is all the eye can resolve.
                    let keep = Decimation.minMaxIndices(v, buckets: Int(plotWidth / 2))
                    let base = neural.y + (Double(i) + 0.95) * rowH
                    let pts = keep.map { k in (x: ts(time[inWindow[k]]) ?? .nan, y: v[k].isFinite ? base - (v[k] - lo) / span * rowH * 0.9 : .nan) }
                    doc.polyline(pts, style: .stroked(Palette.color(i % 2 == 0 ? 0 : 6), width: 0.8))
                }
            }
        }
        doc.rect(neural, style: SVGStyle(fill: Paint.none, stroke: .color(RGBColor(hex: 0xBBBBBB)), strokeWidth: 0.8))
        for (k, i) in stride(from: 0, to: rows, by: labelEvery).enumerated() {
            doc.text(shownLabels[k], x: neural.x - 5, y: neural.y + (Double(i) + 0.5) * rowH,
                     style: TextStyle(fontSize: ChartStyle.smallSize, anchor: .end, baseline: .middle, color: ChartStyle.axisInk))
        }
        let kindName: String
        if case .spikes = activity { kindName = "neuron" } else { kindName = "neuron (trace)" }
        doc.text(kindName, x: 8 + ChartStyle.labelSize * 0.8, y: neural.y + neural.height / 2,
                 style: TextStyle(fontSize: ChartStyle.labelSize, anchor: .middle, baseline: .middle, rotation: -90))

        var y = neural.maxY + panelGap
        for (bi, b) in behaviour.enumerated() {
            let panel = Rect(x: left, y: y, width: plotWidth, height: behaviourPanelHeight)
            let ticks = behaviourTicks[bi]
            let ys = Scale(ticks: ticks, range: (panel.maxY, panel.y))
            AxisRenderer.drawGrid(&doc, x: (tTicks, ts), y: (ticks, ys), plot: panel)
            let inWindow = b.time.indices.filter { extent.contains(b.time[$0]) && $0 < b.values.count }
            let v = inWindow.map { b.values[$0] }
            let keep = Decimation.minMaxIndices(v, buckets: Int(plotWidth))
            let c = b.color ?? Palette.color(bi + 1)
            let bclip = doc.clipPath(panel)
            doc.group(clipPathID: bclip) { doc in
                doc.polyline(keep.map { (x: ts(b.time[inWindow[$0]]) ?? .nan, y: ys(v[$0]) ?? .nan) }, style: .stroked(c, width: 1.4))
            }
            AxisRenderer.drawYAxis(&doc, ticks: ticks, scale: ys, plot: panel, label: "")
            doc.text(TextMetrics.truncated(b.name, toWidth: plotWidth - 8, fontSize: ChartStyle.smallSize),
                     x: panel.x + 4, y: panel.y + 2,
                     style: TextStyle(fontSize: ChartStyle.smallSize, baseline: .hanging, bold: true, color: c))
            AxisRenderer.drawXAxis(&doc, ticks: tTicks, scale: ts, plot: panel, label: bi == behaviour.count - 1 ? timeLabel : "",
                                   showLabels: bi == behaviour.count - 1)
            y = panel.maxY + panelGap
        }
        if behaviour.isEmpty { AxisRenderer.drawXAxis(&doc, ticks: tTicks, scale: ts, plot: neural, label: timeLabel) }
        var s = summary
        if s.isEmpty {
            s = "\(rows) of \(rowCount) neurons"
            if case .spikes = activity { s += ", \(spikesDrawn) spikes drawn" + (spikesDrawn < spikesTotal ? " of \(spikesTotal)" : "") }
            s += ", from \(NumberFormat.label(extent.lowerBound)) to \(NumberFormat.label(extent.upperBound))"
            if !behaviour.isEmpty { s += "; behaviour: " + behaviour.map(\.name).joined(separator: ", ") }
            s += "."
        }
        doc.summary = s
        return doc.render()
    }
}
