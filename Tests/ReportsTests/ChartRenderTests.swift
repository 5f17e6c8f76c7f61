import Foundation
import Reports
import Tensors
import Testing

@Suite struct ChartRenderTests {
    @Test func everyChartTypeRendersParseableAccessibleSVG() throws {
        for (name, svg) in SampleCharts.all() {
            #expect(xmlError(svg) == nil, "\(name): \(xmlError(svg) ?? "")")
            let c = try #require(XMLCollector.collect(svg), "\(name)")
            #expect(c.root == "svg", "\(name)")
            #expect(c.texts["title"]?.first?.isEmpty == false, "\(name) has a <title>")
            #expect(c.texts["desc"]?.first?.isEmpty == false, "\(name) has a <desc>")
            #expect(!containsNonFiniteToken(svg), "\(name)")
            #expect(Set(c.ids).count == c.ids.count, "\(name): unique ids")
            #expect(svg.utf8.count < 400_000, "\(name): \(svg.utf8.count) bytes")
        }
    }

    /// NaN and ±∞ everywhere in the data: charts render, parse, and contain no nan/inf token.
    @Test func nonFiniteInputDoesNotLeak() throws {
        let bad: [Double] = [.nan, 1, .infinity, 2, -.infinity, 3, .nan]
        let xs = Array(0..<bad.count).map(Double.init)
        let charts: [(String, String)] = [
            ("line", LineChart(title: "t", xAxis: Axis(), yAxis: Axis(scale: .logarithmic),
                               series: [.init(name: "s", x: xs, y: bad, error: bad, showsMarkers: true),
                                        .init(name: "r", x: bad, y: xs, onSecondaryAxis: true)],
                               secondaryYAxis: Axis(), markers: [.init(x: .nan, label: "m")]).svg()),
            ("scatter", ScatterChart(title: "s", x: bad, y: bad.reversed(), coloring: .continuous(values: bad, map: .viridis, label: "c", domain: nil)).svg()),
            ("scatter-cyclic", ScatterChart(title: "s", x: xs, y: xs, coloring: .circular(values: bad, period: .nan, label: "c")).svg()),
            ("heatmap", Heatmap(title: "h", values: bad + bad, rows: 2, columns: 7, colorDomain: nil, outlined: [Bool](repeating: true, count: 14)).svg()),
            ("heatmap-all-nan", Heatmap(title: "h", values: [.nan, .nan], rows: 1, columns: 2, colorMap: .viridis).svg()),
            ("bars", BarChart(title: "b", categories: ["a", "b", "c"], series: [.init(name: "s", values: bad, lower: bad, upper: bad)], yAxis: Axis()).svg()),
            ("roc", ROCCurve(title: "r", curves: [.init(name: "c", scores: bad, labels: [true, false, true, false, true, false, true]),
                                                  .init(name: "empty", scores: [1, 2], labels: [true, true])]).svg()),
            ("raster", RasterPlot(title: "r", activity: .spikes([bad, [], [1, 2]]), behaviour: [.init(name: "b", time: xs, values: bad)]).svg()),
            ("traces", RasterPlot(title: "r", activity: .traces(time: xs, values: [bad, xs])).svg()),
            ("multiples", SmallMultiples(title: "m", panels: [.init(title: "p", x: xs, y: bad, error: bad)], sharedY: true).svg()),
        ]
        for (name, svg) in charts {
            #expect(xmlError(svg) == nil, "\(name): \(xmlError(svg) ?? "")")
            #expect(!containsNonFiniteToken(svg), "\(name)")
        }
    }

    @Test func emptyInputRenders() {
        let charts = [
            LineChart(title: "", xAxis: Axis(), yAxis: Axis(), series: []).svg(),
            ScatterChart(title: "", x: [], y: []).svg(),
            Heatmap(title: "", values: [], rows: 0, columns: 0).svg(),
            BarChart(title: "", categories: [], series: [], yAxis: Axis()).svg(),
            ROCCurve(title: "", curves: []).svg(),
            RasterPlot(title: "", activity: .spikes([])).svg(),
            SmallMultiples(title: "", panels: []).svg(),
        ]
        for svg in charts { #expect(xmlError(svg) == nil) }
    }

    @Test func scatterIsSubsampledDeterministically() throws {
        let n = 10_000
        let x = (0..<n).map { Double($0) }
        let chart = ScatterChart(title: "big", x: x, y: x, coloring: .uniform(.black), maxPoints: 500)
        let c = try #require(XMLCollector.collect(chart.svg()))
        #expect(c.elementCounts["circle"] == 500)
        #expect(chart.svg() == chart.svg())
        let idx = ScatterChart.subsampleIndices(count: n, maxPoints: 500)
        #expect(idx.first == 0 && idx.count == 500 && idx == idx.sorted() && Set(idx).count == 500 && idx.last! < n)
        #expect(ScatterChart.subsampleIndices(count: 10, maxPoints: 500) == Array(0..<10))
    }

    @Test func heatmapBinsWideMatricesAndThinsLabels() throws {
        let rows = 3, cols = 1000
        let values = (0..<(rows * cols)).map { Double($0 % cols) }
        let h = Heatmap(title: "wide", values: values, rows: rows, columns: cols, columnLabels: (0..<cols).map { "n\($0)" }, maxColumns: 100)
        let b = h.svg()
        let c = try #require(XMLCollector.collect(b))
        let labels = c.texts["text"] ?? []
        #expect(labels.filter { $0.hasPrefix("n") }.count <= 100)
        #expect(labels.contains("n0"))
        // Binned means: the first bin of 10 columns averages 0…9.
        let binned = Heatmap(title: "", values: (0..<20).map(Double.init), rows: 1, columns: 20, maxColumns: 2)
        let svg = binned.svg()
        #expect(xmlError(svg) == nil)
        #expect(h.svg().utf8.count < 200_000)
    }

    @Test func heatmapFromTensor() throws {
        let t = Tensor(shape: [2, 3], scalars: [0, 1, 2, 3, 4, 5])
        let h = try Heatmap(title: "t", matrix: t, colorMap: .viridis)
        #expect(h.rows == 2 && h.columns == 3 && h.values == [0, 1, 2, 3, 4, 5])
        #expect(throws: ReportError.self) { try Heatmap(title: "bad", matrix: Tensor(shape: [6], scalars: [0, 1, 2, 3, 4, 5])) }
    }

    /// The ROC area equals the Mann–Whitney probability P(s⁺ > s⁻) + ½ P(s⁺ = s⁻), ties included.
    @Test func rocAreaMatchesMannWhitney() {
        var rng = Xoshiro256(seed: 11)
        for _ in 0..<20 {
            let n = 50 + rng.uniformInt(below: 100)
            let labels = (0..<n).map { _ in rng.uniform() < 0.3 }
            let scores = labels.map { (($0 ? 1.0 : 0) + rng.normal()).rounded() }  // many ties
            let curve = ROCCurve.Curve(name: "c", scores: scores, labels: labels)
            var wins = 0.0, pairs = 0.0
            for i in 0..<n where labels[i] {
                for j in 0..<n where !labels[j] {
                    pairs += 1
                    wins += scores[i] > scores[j] ? 1 : (scores[i] == scores[j] ? 0.5 : 0)
                }
            }
            if pairs > 0 { #expect(abs(curve.auc - wins / pairs) < 1e-12) }
            #expect(curve.falsePositiveRate.first == 0 && curve.truePositiveRate.last == 1)
        }
        #expect(ROCCurve.Curve(name: "none", scores: [1, 2], labels: [false, false]).auc.isNaN)
    }

    @Test func decimationKeepsExtremes() {
        var rng = Xoshiro256(seed: 12)
        var y = (0..<10_000).map { _ in rng.normal() }
        y[1234] = 50
        y[8765] = -50
        let kept = Decimation.minMaxIndices(y, buckets: 300)
        #expect(kept.count <= 600 && kept.contains(1234) && kept.contains(8765) && kept == kept.sorted())
        #expect(Decimation.minMaxIndices([1, 2, 3], buckets: 10) == [0, 1, 2])
    }

    @Test func secondaryAxisAndMarkerAreDrawn() throws {
        let c = try #require(XMLCollector.collect(SampleCharts.loss().svg()))
        let texts = c.texts["text"] ?? []
        #expect(texts.contains("regulariser weight λ"))
        #expect(texts.contains("regulariser weight λ (right axis)"))
        let g = try #require(XMLCollector.collect(SampleCharts.gof().svg()))
        #expect(g.texts["text"]?.contains("chosen d = 8") == true)
        #expect(g.texts["text"]?.contains("10") == true)  // log x axis decade label
    }

    @Test func rasterRespectsSpikeBudget() throws {
        let trains = (0..<10).map { n in (0..<1000).map { Double($0) * 0.01 + Double(n) * 1e-4 } }
        let plot = RasterPlot(title: "dense", activity: .spikes(trains), maxSpikes: 2000)
        let svg = plot.svg()
        #expect(occurrences(of: "v", in: svg.components(separatedBy: "<path").dropFirst().joined()) >= 2000)
        let c = try #require(XMLCollector.collect(svg))
        #expect(c.texts["desc"]?.first?.contains("2000 spikes drawn of 10000") == true)
    }

    @Test func textMetricsTruncation() {
        let s = TextMetrics.truncated("a very long label indeed", toWidth: 60, fontSize: 12)
        #expect(s.hasSuffix("…") && TextMetrics.width(s, fontSize: 12) <= 60)
        #expect(TextMetrics.truncated("ok", toWidth: 60, fontSize: 12) == "ok")
    }
}

@Suite struct ChartGeometryTests {
    /// With equal aspect a circle stays a circle: the drawn extents in x and y agree.
    @Test func scatterEqualAspect() throws {
        let n = 400
        let angles = (0..<n).map { 2 * Double.pi * Double($0) / Double(n) }
        let chart = ScatterChart(title: "ring", x: angles.map(cos), y: angles.map { 0.5 * sin($0) + 3 }, coloring: .uniform(.black),
                                 width: 500, height: 300)
        let svg = chart.svg()
        func values(_ attr: String) -> [Double] {
            svg.components(separatedBy: "<circle ").dropFirst().compactMap { part -> Double? in
                guard let r = part.range(of: "\(attr)=\"") else { return nil }
                return Double(part[r.upperBound...].prefix { $0 != "\"" })
            }
        }
        let cx = values("cx"), cy = values("cy")
        #expect(cx.count == n && cy.count == n)
        let width = cx.max()! - cx.min()!, height = cy.max()! - cy.min()!
        #expect(abs(width / height - 2) < 0.02, "x extent 2 units, y extent 1 unit: \(width) vs \(height)")
    }

    /// A 2×2 block of flagged cells gets one contour of 8 cell edges, not 4 separate squares.
    @Test func heatmapOutlinesOnlyBoundaries() throws {
        var flags = [Bool](repeating: false, count: 16)
        for (i, j) in [(1, 1), (1, 2), (2, 1), (2, 2)] { flags[i * 4 + j] = true }
        let svg = Heatmap(title: "h", values: (0..<16).map(Double.init), rows: 4, columns: 4, colorMap: .viridis, outlined: flags).svg()
        let contour = try #require(svg.components(separatedBy: "<path d=\"").dropFirst().first { $0.contains("stroke=\"#000000\"") })
        let d = contour.prefix { $0 != "\"" }
        #expect(d.filter { $0 == "M" }.count == 8)
    }
}
