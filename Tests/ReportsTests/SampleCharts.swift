import Foundation
import Reports
import Tensors

/// One chart of every type from synthetic data resembling a session (deterministic, seeded).
enum SampleCharts {
    static let variables = ["x position", "y position", "head direction", "speed"]

    static func loss() -> LineChart {
        var rng = Xoshiro256(seed: 1)
        let steps = (0..<60).map { Double($0) * 50 }
        func curve(_ base: Double, _ rate: Double) -> ([Double], [Double]) {
            let mean = steps.map { base + 2.5 * exp(-$0 / rate) + 0.03 * rng.normal() }
            return (mean, steps.map { 0.04 + 0.1 * exp(-$0 / rate) })
        }
        let (train, trainSE) = curve(5.1, 600), (validation, validationSE) = curve(5.35, 700)
        let weight = steps.map { min(1, $0 / 1500) * 0.8 }
        return LineChart(
            title: "Training loss (InfoNCE) and regulariser weight",
            xAxis: Axis("step"), yAxis: Axis("loss (nats)"),
            series: [
                .init(name: "train, mean ± s.e. over 5 seeds", x: steps, y: train, error: trainSE),
                .init(name: "validation", x: steps, y: validation, error: validationSE, dashed: true),
                .init(name: "regulariser weight λ", x: steps, y: weight, color: RGBColor(hex: 0x555555), onSecondaryAxis: true),
            ],
            secondaryYAxis: Axis("regulariser weight λ", domain: 0...1))
    }

    static func gof() -> LineChart {
        let d: [Double] = [2, 3, 4, 6, 8, 12, 16, 24, 32]
        let bits = d.map { 1.9 * (1 - exp(-$0 / 5)) }
        return LineChart(title: "Goodness of fit against output dimension",
                         xAxis: Axis("output dimension d", scale: .logarithmic), yAxis: Axis("GoF (bits)", includesZero: true),
                         series: [.init(name: "held-out GoF", x: d, y: bits, error: d.map { _ in 0.06 }, showsMarkers: true)],
                         markers: [.init(x: 8, label: "chosen d = 8")])
    }

    static func embedding(circular: Bool, n: Int = 6000) -> ScatterChart {
        var rng = Xoshiro256(seed: 2)
        var x: [Double] = [], y: [Double] = [], c: [Double] = []
        for i in 0..<n {
            let angle = Double(i) * 0.013
            x.append(cos(angle) + 0.08 * rng.normal())
            y.append(sin(angle) + 0.08 * rng.normal())
            c.append(circular ? angle.truncatingRemainder(dividingBy: 2 * .pi) : 50 + 40 * cos(angle) + 4 * rng.normal())
        }
        let coloring: ScatterChart.Coloring = circular
            ? .circular(values: c, period: 2 * .pi, label: "head direction (rad)")
            : .continuous(values: c, map: .viridis, label: "x position (cm)", domain: nil)
        return ScatterChart(title: circular ? "Embedding, held-out: head direction" : "Embedding, train: x position",
                            x: x, y: y, coloring: coloring, xAxis: Axis("latent 1"), yAxis: Axis("latent 2"), maxPoints: 3000)
    }

    static func attribution(neurons: Int = 60) -> Heatmap {
        var rng = Xoshiro256(seed: 3)
        var values: [Double] = [], truth: [Bool] = []
        let k = variables.count
        for v in 0..<k {
            for j in 0..<neurons {
                let isTrue = j / (neurons / k) == v
                truth.append(isTrue)
                values.append((isTrue ? 0.7 : 0) + 0.18 * rng.normal())
            }
        }
        return Heatmap(title: "Attribution map (variables × neurons)", values: values, rows: k, columns: neurons,
                       rowLabels: variables, columnLabels: (0..<neurons).map { "u\($0 * 3 + 11)" },
                       rowAxisLabel: "variable", columnAxisLabel: "neuron (sorted by dominant variable)",
                       colorMap: .blueWhiteRed, colorBarLabel: "attribution score", outlined: truth)
    }

    static func consistency() -> Heatmap {
        let seeds = 5
        var values: [Double] = []
        for i in 0..<seeds { for j in 0..<seeds { values.append(i == j ? 1 : 0.86 + 0.02 * Double((i * 7 + j * 3) % 5)) } }
        let names = (0..<seeds).map { "seed \($0)" }
        return Heatmap(title: "Consistency across seeds (R²)", values: values, rows: seeds, columns: seeds,
                       rowLabels: names, columnLabels: names, colorMap: .viridis, colorDomain: 0.8...1, colorBarLabel: "R²",
                       width: 420)
    }

    static func decoding() -> BarChart {
        let r2knn = [0.91, 0.88, 0.79, 0.62], r2lin = [0.84, 0.83, 0.55, 0.58], shuffled = [0.01, -0.02, 0.0, -0.05]
        func ci(_ v: [Double], _ w: Double) -> ([Double], [Double]) { (v.map { $0 - w }, v.map { $0 + w }) }
        let (a0, a1) = ci(r2knn, 0.03), (b0, b1) = ci(r2lin, 0.04), (c0, c1) = ci(shuffled, 0.03)
        return BarChart(title: "Held-out decoding R² (95% CI over folds)", categories: variables,
                        series: [.init(name: "kNN", values: r2knn, lower: a0, upper: a1),
                                 .init(name: "linear", values: r2lin, lower: b0, upper: b1),
                                 .init(name: "shuffled-label control", values: shuffled, lower: c0, upper: c1, color: RGBColor(hex: 0x999999))],
                        yAxis: Axis("R² (held out)", domain: -0.2...1), xAxisLabel: "behaviour variable")
    }

    static func roc() -> ROCCurve {
        var rng = Xoshiro256(seed: 4)
        let labels = (0..<400).map { $0 % 4 == 0 }
        func scores(_ sep: Double) -> [Double] { labels.map { ($0 ? sep : 0) + rng.normal() } }
        return ROCCurve(title: "Recovery of ground truth", curves: [
            .init(name: "xCEBRA (inverted Jacobian)", scores: scores(2.5), labels: labels),
            .init(name: "gradient", scores: scores(1.2), labels: labels),
            .init(name: "shuffled", scores: scores(0), labels: labels),
        ])
    }

    static func raster(spikes: Bool) -> RasterPlot {
        var rng = Xoshiro256(seed: 5)
        let duration = 60.0, neurons = 40
        let time = stride(from: 0.0, to: duration, by: 0.05).map { $0 }
        let xpos = time.map { 50 + 40 * sin($0 / 4) }
        let speed = time.map { 15 + 10 * cos($0 / 1.7) + 2 * rng.normal() }
        let activity: RasterPlot.Activity
        if spikes {
            activity = .spikes((0..<neurons).map { n in
                let centre = 10 + 80 * Double(n) / Double(neurons)
                var out: [Double] = []
                for (i, t) in time.enumerated() {
                    let rate = 0.5 + 25 * exp(-pow(xpos[i] - centre, 2) / 50)
                    for _ in 0..<rng.poisson(rate * 0.05) { out.append(t + 0.05 * rng.uniform()) }
                }
                return out
            })
        } else {
            activity = .traces(time: time, values: (0..<neurons).map { n in
                let centre = 10 + 80 * Double(n) / Double(neurons)
                return xpos.map { exp(-pow($0 - centre, 2) / 80) + 0.05 * rng.normal() }
            })
        }
        return RasterPlot(title: spikes ? "Spike raster with behaviour" : "Calcium traces with behaviour", activity: activity,
                          neuronLabels: (0..<neurons).map { "unit \($0 + 1)" },
                          behaviour: [.init(name: "x position (cm)", time: time, values: xpos),
                                      .init(name: "speed (cm/s)", time: time, values: speed)])
    }

    static func tuning() -> SmallMultiples {
        let x = stride(from: 0.0, through: 100, by: 5).map { $0 }
        let panels = (0..<8).map { k -> SmallMultiples.Panel in
            let centre = 10 + 11 * Double(k)
            let y = x.map { 2 + 18 * exp(-pow($0 - centre, 2) / 150) }
            return .init(title: "unit \(k * 7 + 3) · \(variables[k / 2])", x: x, y: y, error: y.map { 0.5 + 0.08 * $0 },
                         color: Palette.color(k / 2))
        }
        return SmallMultiples(title: "Top neurons per variable: tuning curves", panels: panels, columns: 4,
                              xLabel: "variable value (binned)", yLabel: "rate (Hz)")
    }

    /// Every chart type, each rendered.
    static func all() -> [(name: String, svg: String)] {
        [("loss", loss().svg()), ("gof", gof().svg()), ("scatter-linear", embedding(circular: false).svg()),
         ("scatter-cyclic", embedding(circular: true).svg()), ("heatmap", attribution().svg()),
         ("consistency", consistency().svg()), ("bars", decoding().svg()), ("roc", roc().svg()),
         ("raster", raster(spikes: true).svg()), ("traces", raster(spikes: false).svg()), ("tuning", tuning().svg())]
    }
}
