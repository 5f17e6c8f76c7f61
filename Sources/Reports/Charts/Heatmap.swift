import Foundation
import Tensors

/// A matrix as coloured cells: attribution maps (variables × neurons), consistency matrices, binned
/// activity (neurons × time).
///
/// Matrices wider than `maxColumns` or taller than `maxRows` are binned by averaging the finite values of
/// each block of consecutive columns/rows (a bin labelled by its first row/column; a bin is outlined when any
/// of its cells is). Cells whose value is not finite are drawn in `ColorMap.missingColor`. Dense row and
/// column labels are thinned to every k-th so that they never overlap.
public struct Heatmap: Sendable {
    public var title: String
    public var summary: String
    /// Row-major values, `rows × columns`.
    public var values: [Double]
    public var rows: Int
    public var columns: Int
    public var rowLabels: [String]
    public var columnLabels: [String]
    /// Axis titles, e.g. "variable" and "neuron (sorted by dominant variable)".
    public var rowAxisLabel: String
    public var columnAxisLabel: String
    public var colorMap: ColorMap
    /// `nil`: `[−m, m]` with m = max |value| for diverging maps, [min, max] otherwise.
    public var colorDomain: ClosedRange<Double>?
    public var colorBarLabel: String
    /// Row-major `rows × columns` flags drawn as cell outlines (e.g. ground truth); `nil` for none.
    public var outlined: [Bool]?
    public var outlineLabel: String
    public var maxColumns: Int
    public var maxRows: Int
    public var width: Double
    /// `nil`: chosen from the row count (18 units per row, plot height between 120 and 420).
    public var height: Double?

    public init(title: String, values: [Double], rows: Int, columns: Int, rowLabels: [String] = [],
                columnLabels: [String] = [], rowAxisLabel: String = "", columnAxisLabel: String = "",
                colorMap: ColorMap = .blueWhiteRed, colorDomain: ClosedRange<Double>? = nil, colorBarLabel: String = "",
                outlined: [Bool]? = nil, outlineLabel: String = "outlined: ground truth", maxColumns: Int = 400,
                maxRows: Int = 200, summary: String = "", width: Double = 680, height: Double? = nil) {
        self.title = title; self.values = values; self.rows = max(0, rows); self.columns = max(0, columns)
        self.rowLabels = rowLabels; self.columnLabels = columnLabels; self.rowAxisLabel = rowAxisLabel
        self.columnAxisLabel = columnAxisLabel; self.colorMap = colorMap; self.colorDomain = colorDomain
        self.colorBarLabel = colorBarLabel; self.outlined = outlined; self.outlineLabel = outlineLabel
        self.maxColumns = max(1, maxColumns); self.maxRows = max(1, maxRows); self.summary = summary
        self.width = width; self.height = height
    }

    /// From a rank-2 tensor (`shape == [rows, columns]`).
    public init(title: String, matrix: Tensor, rowLabels: [String] = [], columnLabels: [String] = [],
                colorMap: ColorMap = .blueWhiteRed, colorBarLabel: String = "") throws {
        guard matrix.shape.count == 2 else {
            throw ReportError.invalidShape(what: "heatmap \"\(title)\"", expected: "[rows, columns]", got: matrix.shape)
        }
        self.init(title: title, values: matrix.scalars.map(Double.init), rows: matrix.shape[0], columns: matrix.shape[1],
                  rowLabels: rowLabels, columnLabels: columnLabels, colorMap: colorMap, colorBarLabel: colorBarLabel)
    }

    /// Block means: `(values, outlines, rows, columns, rowStarts, columnStarts)` after binning.
    func binned() -> (values: [Double], outlined: [Bool]?, rows: Int, columns: Int, rowStarts: [Int], columnStarts: [Int]) {
        let r = min(rows, values.count / max(columns, 1)), c = columns
        let rb = r > maxRows ? maxRows : r, cb = c > maxColumns ? maxColumns : c
        let rowStarts = (0...rb).map { $0 * r / max(rb, 1) }, colStarts = (0...cb).map { $0 * c / max(cb, 1) }
        var out = [Double](repeating: .nan, count: rb * cb)
        var outl: [Bool]? = outlined.map { _ in [Bool](repeating: false, count: rb * cb) }
        for i in 0..<rb {
            for j in 0..<cb {
                var sum = 0.0, n = 0, any = false
                for ii in rowStarts[i]..<rowStarts[i + 1] {
                    for jj in colStarts[j]..<colStarts[j + 1] {
                        let v = values[ii * c + jj]
                        if v.isFinite { sum += v; n += 1 }
                        if let o = outlined, ii * c + jj < o.count, o[ii * c + jj] { any = true }
                    }
                }
                out[i * cb + j] = n > 0 ? sum / Double(n) : .nan
                if any { outl?[i * cb + j] = true }
            }
        }
        return (out, outl, rb, cb, Array(rowStarts.dropLast()), Array(colStarts.dropLast()))
    }

    func resolvedDomain(_ v: [Double]) -> ClosedRange<Double> {
        if let d = colorDomain { return d }
        let finite = v.filter(\.isFinite)
        let lo = finite.min() ?? 0, hi = finite.max() ?? 1
        if colorMap.isDiverging {
            let m = max(abs(lo), abs(hi))
            return m > 0 ? -m...m : -1...1
        }
        return lo < hi ? lo...hi : (lo - 0.5)...(lo + 0.5)
    }

    public func svg() -> String {
        let b = binned()
        let domain = resolvedDomain(b.values)
        let cTicks = ColorBarRenderer.ticks(for: domain)
        let labelFont = ChartStyle.tickSize
        func label(_ labels: [String], _ i: Int) -> String { i < labels.count ? labels[i] : String(i) }
        let rowNames = b.rowStarts.map { label(rowLabels, $0) }.map { TextMetrics.truncated($0, toWidth: 150, fontSize: labelFont) }
        let colNames = b.columnStarts.map { label(columnLabels, $0) }.map { TextMetrics.truncated($0, toWidth: 90, fontSize: labelFont) }

        let rowLabelWidth = rowNames.map { TextMetrics.width($0, fontSize: labelFont) }.max() ?? 0
        let left = 8 + (rowAxisLabel.isEmpty ? 0 : ChartStyle.labelSize + 10) + rowLabelWidth + 6
        let right = 20 + ColorBarRenderer.width(cTicks, label: colorBarLabel)
        let plotWidth = max(40, width - left - right)
        let cellW = plotWidth / Double(max(b.columns, 1))
        let colLabelWidth = colNames.map { TextMetrics.width($0, fontSize: labelFont) }.max() ?? 0
        let horizontal = colLabelWidth + 4 <= cellW
        let colLabelsHeight = horizontal ? labelFont * 1.4 : colLabelWidth + 6
        let top = AxisRenderer.titleHeight(title) + 4
        let bottom = 4 + colLabelsHeight + (columnAxisLabel.isEmpty ? 4 : ChartStyle.labelSize + 12)
            + (outlined == nil ? 0 : ChartStyle.labelSize + 8)
        let plotHeight = height.map { max(40, $0 - top - bottom) } ?? min(max(Double(b.rows) * 18, 120), 420)
        let totalHeight = height ?? (top + plotHeight + bottom)

        var doc = SVGDocument(width: width, height: totalHeight, title: title.isEmpty ? "Heatmap" : title,
                              summary: summary.isEmpty ? "Heatmap of \(rows) rows by \(columns) columns"
                                + (b.rows < rows || b.columns < columns ? " (shown binned to \(b.rows) × \(b.columns))" : "") + "." : summary)
        AxisRenderer.drawTitle(&doc, title, width: width)
        let plot = Rect(x: left, y: top, width: plotWidth, height: plotHeight)
        let cellH = plot.height / Double(max(b.rows, 1))

        // Cells: per row, runs of equal (8-bit quantised) colour merged into one rectangle.
        doc.group { doc in
            for i in 0..<b.rows {
                var j = 0
                while j < b.columns {
                    let c = colorMap.color(b.values[i * b.columns + j], in: domain)
                    let hex = c.hexString
                    var k = j + 1
                    while k < b.columns && colorMap.color(b.values[i * b.columns + k], in: domain).hexString == hex { k += 1 }
                    // Half a unit of overlap hides anti-aliasing seams between neighbouring cells.
                    let w = Double(k - j) * cellW + (k < b.columns ? 0.5 : 0)
                    let h = cellH + (i < b.rows - 1 ? 0.5 : 0)
                    doc.rect(Rect(x: plot.x + Double(j) * cellW, y: plot.y + Double(i) * cellH, width: w, height: h), style: .filled(c))
                    j = k
                }
            }
        }
        if let o = b.outlined {
            // Only the boundary between flagged and unflagged cells is drawn, so a block of flagged cells gets
            // one contour; black over a white halo stays visible on dark and light cells alike.
            func flagged(_ i: Int, _ j: Int) -> Bool { i >= 0 && j >= 0 && i < b.rows && j < b.columns && o[i * b.columns + j] }
            var p = SVGPath()
            for i in 0..<b.rows {
                for j in 0..<b.columns where flagged(i, j) {
                    let x0 = plot.x + Double(j) * cellW, y0 = plot.y + Double(i) * cellH
                    if !flagged(i - 1, j) { p.move(to: x0, y0); p.line(to: x0 + cellW, y0) }
                    if !flagged(i + 1, j) { p.move(to: x0, y0 + cellH); p.line(to: x0 + cellW, y0 + cellH) }
                    if !flagged(i, j - 1) { p.move(to: x0, y0); p.line(to: x0, y0 + cellH) }
                    if !flagged(i, j + 1) { p.move(to: x0 + cellW, y0); p.line(to: x0 + cellW, y0 + cellH) }
                }
            }
            doc.path(p, style: SVGStyle(fill: Paint.none, stroke: .color(.white), strokeWidth: 3.2, roundJoins: true))
            doc.path(p, style: SVGStyle(fill: Paint.none, stroke: .color(.black), strokeWidth: 1.6, roundJoins: true))
        }
        doc.rect(plot, style: SVGStyle(fill: Paint.none, stroke: .color(ChartStyle.axisInk), strokeWidth: 0.8))

        // Row labels, thinned.
        let rowEvery = max(1, Int((labelFont * 1.15 / cellH).rounded(.up)))
        for i in stride(from: 0, to: b.rows, by: rowEvery) {
            doc.text(rowNames[i], x: plot.x - 5, y: plot.y + (Double(i) + 0.5) * cellH,
                     style: TextStyle(fontSize: labelFont, anchor: .end, baseline: .middle, color: ChartStyle.axisInk))
        }
        // Column labels: horizontal when they fit a cell, else vertical, thinned.
        let colEvery = horizontal ? 1 : max(1, Int((labelFont * 1.15 / cellW).rounded(.up)))
        for j in stride(from: 0, to: b.columns, by: colEvery) {
            let cx = plot.x + (Double(j) + 0.5) * cellW
            if horizontal {
                doc.text(colNames[j], x: cx, y: plot.maxY + 4,
                         style: TextStyle(fontSize: labelFont, anchor: .middle, baseline: .hanging, color: ChartStyle.axisInk))
            } else {
                doc.text(colNames[j], x: cx, y: plot.maxY + 4,
                         style: TextStyle(fontSize: labelFont, anchor: .end, baseline: .middle, color: ChartStyle.axisInk, rotation: -90))
            }
        }
        var y = plot.maxY + 4 + colLabelsHeight
        if !columnAxisLabel.isEmpty {
            y += ChartStyle.labelSize + 6
            doc.text(TextMetrics.truncated(columnAxisLabel, toWidth: plot.width, fontSize: ChartStyle.labelSize),
                     x: plot.x + plot.width / 2, y: y, style: TextStyle(fontSize: ChartStyle.labelSize, anchor: .middle))
        }
        if outlined != nil {
            y += ChartStyle.labelSize + 8
            doc.rect(Rect(x: plot.x, y: y - 10, width: 12, height: 12), style: SVGStyle(fill: Paint.none, stroke: .color(.black), strokeWidth: 1.6))
            doc.text(outlineLabel, x: plot.x + 18, y: y, style: TextStyle(fontSize: ChartStyle.tickSize))
        }
        if !rowAxisLabel.isEmpty {
            doc.text(TextMetrics.truncated(rowAxisLabel, toWidth: plot.height, fontSize: ChartStyle.labelSize),
                     x: 8 + ChartStyle.labelSize * 0.8, y: plot.y + plot.height / 2,
                     style: TextStyle(fontSize: ChartStyle.labelSize, anchor: .middle, baseline: .middle, rotation: -90))
        }
        ColorBarRenderer.drawVertical(&doc, map: colorMap, ticks: cTicks,
                                      rect: Rect(x: plot.maxX + 20, y: plot.y, width: ColorBarRenderer.barWidth, height: plot.height),
                                      label: colorBarLabel)
        return doc.render()
    }
}
