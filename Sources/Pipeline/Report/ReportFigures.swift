import Attribution
import Contrastive
import Dimensionality
import Foundation
import Recordings
import Reports

/// The figures of a session report, each an SVG string built from a pipeline result.
enum ReportFigures {
    /// Neural activity (up to 60 neurons, grouped by dominant variable) over the first 60 s, with
    /// each behaviour variable underneath on the same time axis.
    static func activity(_ r: PipelineResult, order: [Int]) -> String {
        let s = r.session
        let t0 = s.timestamps.first ?? 0
        let end = s.timestamps.firstIndex { $0 > t0 + 60 } ?? s.sampleCount
        let time = Array(s.timestamps[0..<end])
        let n = s.neuronCount
        let shown = Array(order.prefix(60))
        let values = shown.map { j in (0..<end).map { Double(s.neural.scalars[$0 * n + j]) } }
        let behaviour = s.behaviour.map { v in
            RasterPlot.BehaviourTrace(name: v.columns > 1 ? "\(v.name)[0] (\(v.unit))" : "\(v.name) (\(v.unit))", time: time,
                                      values: (0..<end).map { v[$0, 0] })
        }
        return RasterPlot(title: "Activity and behaviour (first \(Int((time.last ?? t0) - t0)) s)",
                          activity: .traces(time: time, values: values),
                          neuronLabels: shown.map { j in s.neurons[j].cellType.map { c in "\(s.neurons[j].id) \(c)" } ?? "\(s.neurons[j].id)" },
                          behaviour: behaviour, maxNeurons: 60,
                          summary: "Activity of up to 60 neurons ordered by their dominant variable, and the behaviour variables.").svg()
    }

    /// Loss per objective and in total, with the regulariser weight on a second axis.
    static func training(_ r: PipelineResult) -> String {
        let steps = r.records.map { Double($0.step) }
        var series = [LineChart.Series(name: "total", x: steps, y: r.records.map(\.total))]
        for (k, o) in r.configuration.objectives.enumerated() {
            series.append(.init(name: o.name, x: steps, y: r.records.map { $0.objectives[k].loss }))
        }
        let lambda = r.records.map { $0.regularizerWeight ?? 0 }
        var secondary: Axis?
        if lambda.contains(where: { $0 > 0 }) {
            series.append(.init(name: "regulariser weight λ", x: steps, y: lambda, dashed: true, onSecondaryAxis: true))
            secondary = Axis("λ")
        }
        return LineChart(title: "Training loss (InfoNCE per objective)", xAxis: Axis("step"), yAxis: Axis("loss (nats)"),
                         series: series, secondaryYAxis: secondary,
                         summary: "Loss per objective and in total over training; chance level is ln(batch size).").svg()
    }

    /// Each behaviour block's first two dimensions (or its only dimension against the variable),
    /// coloured by the variable; plus the time block coloured by time.
    static func embeddings(_ r: PipelineResult) -> [String] {
        let s = r.session, d = r.outputDimension, t = s.sampleCount
        func column(_ c: Int) -> [Double] { (0..<t).map { Double(r.embedding[$0 * d + c]) } }
        var out: [String] = []
        for b in r.blocks {
            let dims = b.dimensions
            let label = b.isTimeOnly ? "time" : b.variables.joined(separator: ", ")
            let coloring: ScatterChart.Coloring
            if let v = b.variables.first.flatMap({ s.behaviour(named: $0) }) {
                let values = (0..<t).map { v[$0, 0] }
                coloring = v.isCircular ? .circular(values: values, period: 2 * .pi, label: "\(v.name) (rad)")
                                        : .continuous(values: values, map: .viridis, label: "\(v.name)\(v.columns > 1 ? "[0]" : "") (\(v.unit))", domain: nil)
            } else {
                coloring = .continuous(values: s.timestamps, map: .viridis, label: "time (s)", domain: nil)
            }
            let x = column(dims.lowerBound)
            let y: [Double]
            let yLabel: String
            if dims.count >= 2 {
                y = column(dims.lowerBound + 1)
                yLabel = "dim \(dims.lowerBound + 1)"
            } else if let v = b.variables.first.flatMap({ s.behaviour(named: $0) }) {
                y = (0..<t).map { v[$0, 0] }
                yLabel = "\(v.name) (\(v.unit))"
            } else { continue }
            out.append(ScatterChart(title: "Embedding block \(label) (dims \(dims.lowerBound)–\(dims.upperBound - 1))", x: x, y: y,
                                    coloring: coloring, xAxis: Axis("dim \(dims.lowerBound)"), yAxis: Axis(yLabel),
                                    maxPoints: 2500, equalAspect: dims.count >= 2,
                                    summary: "Samples of the embedding block coloured by \(label).").svg())
        }
        return out
    }

    /// Scores (z-scored per variable) of every neuron, neurons sorted by dominant variable; ground
    /// truth outlined when known.
    static func attributionHeatmap(_ r: PipelineResult, order: [Int]) -> String {
        let scores = r.attribution.scores
        let values = scores.flatMap { v in order.map { v.z[$0] } }
        let truth = groundTruthRows(r)
        var outlined: [Bool]?
        if truth.contains(where: { $0 != nil }) {
            outlined = scores.indices.flatMap { k in order.map { truth[k]?[$0] ?? false } }
        }
        let labels = order.map { j -> String in
            let info = r.session.neurons[j]
            return info.cellType.map { "\(info.id) \($0)" } ?? "\(info.id)"
        }
        let bound = max(2, values.map(abs).filter(\.isFinite).max() ?? 2)
        return Heatmap(title: "Attribution score per neuron (z across neurons)", values: values, rows: scores.count, columns: order.count,
                       rowLabels: scores.map(\.variable), columnLabels: labels, rowAxisLabel: "variable",
                       columnAxisLabel: "neuron (sorted by dominant variable)", colorMap: .blueWhiteRed, colorDomain: -bound...bound,
                       colorBarLabel: "z-scored score", outlined: outlined, outlineLabel: "outlined: ground truth",
                       summary: "Inverted-neuron-gradient score of each neuron for each variable.").svg()
    }

    /// Ground truth per score row (variable), when the session has it: rows named like the
    /// variable, or "variable[k]" rows combined.
    static func groundTruthRows(_ r: PipelineResult) -> [[Bool]?] {
        guard let gt = r.session.groundTruth else { return r.attribution.scores.map { _ in nil } }
        return r.attribution.scores.map { s in
            let rows = gt.variables.indices.filter { gt.variables[$0] == s.variable || gt.variables[$0].hasPrefix(s.variable + "[") }
            guard !rows.isEmpty else { return nil }
            return (0..<r.session.neuronCount).map { j in rows.contains { gt.encodes[$0][j] } }
        }
    }

    /// Linear (own block, all dimensions) and kNN (own block) held-out R², each decoder's
    /// shifted-behaviour control beside it.
    static func decoding(_ r: PipelineResult) -> String {
        let names = r.decoding.map(\.variable)
        let k = r.decoding.first?.knnNeighbours ?? KNNDecoder.defaultNeighbours
        let lowest = (r.decoding.map(\.shiftedControl) + r.decoding.map(\.knnShiftedControl)).filter(\.isFinite).min() ?? 0
        return BarChart(title: "Held-out decoding R² (linear and \(k)-nearest-neighbour)", categories: names,
                        series: [.init(name: "linear, own block", values: r.decoding.map(\.ownBlock)),
                                 .init(name: "linear, all dimensions", values: r.decoding.map(\.allDimensions)),
                                 .init(name: "linear, shifted-behaviour control", values: r.decoding.map(\.shiftedControl)),
                                 .init(name: "kNN (k = \(k)), own block", values: r.decoding.map(\.knnOwnBlock)),
                                 .init(name: "kNN, shifted-behaviour control", values: r.decoding.map(\.knnShiftedControl))],
                        yAxis: Axis("R²", domain: min(0, lowest)...1), referenceLine: (0, "chance"),
                        summary: "Linear and kNN decoding of each variable on held-out time, each against a control with the behaviour circularly shifted.").svg()
    }

    /// Held-out goodness of fit against the size of one behaviour block: each seed, mean ± s.e.,
    /// consistency across seeds, the chosen size marked (the chart `xcebra dimensions` writes).
    static func dimensionSweep(_ b: BlockSweep, session: String) -> String {
        SweepReport.chart(b.summary, title: "Goodness of fit (bits) against the \(b.label) dimension — \(session)").svg()
    }

    /// R² of the best affine map between the held-out embeddings of every pair of seeds.
    static func consistency(_ c: SeedConsistency) -> String {
        let labels = c.seeds.map { "seed \($0)" }
        return Heatmap(title: "Consistency across seeds (R², row → column)", values: c.r2.flatMap { $0 }, rows: c.seeds.count,
                       columns: c.seeds.count, rowLabels: labels, columnLabels: labels, rowAxisLabel: "from seed",
                       columnAxisLabel: "to seed", colorMap: .viridis, colorDomain: 0...1, colorBarLabel: "R²",
                       summary: "R² of the best affine map from the embedding of the row's seed to that of the column's seed, on held-out samples.").svg()
    }

    static func roc(_ r: PipelineResult) -> String? {
        guard let al = r.attribution.alignment else { return nil }
        var curves = [ROCCurve.Curve(name: r.attribution.method, scores: al.entries(of: r.attribution.explanation.map), labels: al.labels)]
        for (name, map) in r.attribution.comparisonMaps.sorted(by: { $0.key < $1.key }) {
            curves.append(.init(name: name, scores: al.entries(of: map), labels: al.labels))
        }
        return ROCCurve(title: "Attribution vs ground truth", curves: curves,
                        summary: "ROC of the attribution map entries against the ground-truth connectivity.").svg()
    }

    static func tuning(_ r: PipelineResult, top: Int) -> [String] {
        r.attribution.scores.compactMap { s -> String? in
            guard let v = r.session.behaviour(named: s.variable) else { return nil }
            let panels = s.order.prefix(top).map { j -> SmallMultiples.Panel in
                let c = TuningCurves.curve(session: r.session, neuron: j, variable: v)
                let info = r.session.neurons[j]
                return .init(title: "\(info.id)\(info.cellType.map { " \($0)" } ?? "") z=\(String(format: "%.1f", s.z[j]))", x: c.x, y: c.y)
            }
            let xLabel = TuningCurves.curve(session: r.session, neuron: s.order.first ?? 0, variable: v, bins: 2).xLabel
            return SmallMultiples(title: "Top \(panels.count) neurons for \(s.variable)", panels: panels, columns: min(3, max(1, panels.count)),
                                  xLabel: xLabel, yLabel: "mean activity",
                                  summary: "Tuning curves of the highest-scoring neurons for \(s.variable).").svg()
        }
    }
}
