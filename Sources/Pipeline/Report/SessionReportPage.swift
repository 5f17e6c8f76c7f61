import Attribution
import Contrastive
import Dimensionality
import Foundation
import Recordings
import Reports
import Tensors

/// The per-session `index.html`: header (provenance and parameters), figures and tables, all
/// inline (no network), readable printed.
struct SessionReportPage {
    let result: PipelineResult

    /// Neurons grouped by dominant variable (highest z), strongest first within each group.
    var neuronOrder: [Int] {
        let scores = result.attribution.scores
        let n = result.session.neuronCount
        guard !scores.isEmpty else { return Array(0..<n) }
        let dominant = (0..<n).map { j in scores.indices.max { scores[$0].z[j] < scores[$1].z[j] }! }
        return (0..<n).sorted { a, b in
            dominant[a] != dominant[b] ? dominant[a] < dominant[b] : scores[dominant[a]].z[a] > scores[dominant[b]].z[b]
        }
    }

    func html() -> HTMLReport {
        let r = result, s = r.session, c = r.configuration
        var page = HTMLReport(title: "xcebra report — \(s.id)",
                              subtitle: "Which neurons carry which behaviour: xCEBRA embedding and Inverted Neuron Gradient attribution")
        page.addHeader("session", "\(s.id) (\(s.provenance.reader): \(s.provenance.source))")
        page.addHeader("neural data", "\(s.neuronCount) \(neuronKind(s)) × \(s.sampleCount) samples, \(fmt(s.duration, 1)) s\(binText(s))")
        if !r.dimensions.isEmpty {
            page.addHeader("dimensionality", r.dimensions.map { "\($0.label) d′ = \($0.chosenDimension) (recipe \($0.recipeDimension))" }.joined(separator: ", "))
        }
        if !s.provenance.dropped.isEmpty {
            page.addHeader("dropped", s.provenance.dropped.map { "\($0.value.count) (\($0.key))" }.sorted().joined(separator: ", "))
        }
        page.addHeader("behaviour", s.behaviour.map { "\($0.name) [\($0.columns) col, \($0.unit)\($0.isCircular ? ", circular" : "")]" }.joined(separator: "; "))
        page.addHeader("model", "\(c.model), d = \(c.outputDimension), batch \(c.batchSize), \(c.steps) steps, lr \(c.learningRate)")
        page.addHeader("objectives", c.objectives.map(\.name).joined(separator: "; "))
        page.addHeader("split", "training on the first \(fmt(100 * (1 - c.heldOutFraction), 0)) %, held out: the last \(fmt(100 * c.heldOutFraction, 0)) %")
        page.addHeader("attribution", "\(r.attribution.method) on \(r.attribution.explanation.sampleCount) samples")
        page.addHeader("seed / threads", "\(c.seed) / \(NumericRuntime.blasThreads) BLAS thread(s)")
        page.addHeader("xcebra", "\(ToolkitVersion.string); \(NumericRuntime.blasDescription)")
        page.addHeader("wall time", r.timings.sorted { $0.key < $1.key }.map { "\($0.key) \(fmt($0.value, 1)) s" }.joined(separator: ", "))
        for w in r.warnings { page.addWarning(w) }

        let order = neuronOrder
        var overview = ReportSection("Attribution")
        overview.paragraph(summaryText())
        overview.figure(ReportFigures.attributionHeatmap(r, order: order), caption: "Score of every neuron for every behaviour variable "
                        + "(mean |inverse Jacobian| over the variable's embedding block, z-scored across neurons). Neurons are grouped by "
                        + "their dominant variable." + (s.groundTruth != nil ? " Outlines mark the ground truth." : ""))
        if let roc = ReportFigures.roc(r) {
            overview.figure(roc, caption: "ROC of the attribution map against the ground-truth map, for the inverted gradient and the plain gradient.")
        }
        overview.table(metricsTable())
        page.addSection(overview)

        var top = ReportSection("Top neurons per variable")
        for svg in ReportFigures.tuning(r, top: 6) { top.figure(svg, caption: "Tuning of the highest-scoring neurons against the variable.") }
        top.table(neuronTable(order: order))
        page.addSection(top)

        var embedding = ReportSection("Embedding")
        embedding.figure(svgs: ReportFigures.embeddings(r), caption: "Embedding blocks coloured by the variable each was trained on "
                         + "(the time block by time).")
        let k = r.decoding.first?.knnNeighbours ?? KNNDecoder.defaultNeighbours
        embedding.figure(ReportFigures.decoding(r), caption: "Held-out decoding R² from each variable's own block (linear and "
                         + "\(k)-nearest-neighbour regression, Euclidean, unweighted mean of the neighbours' behaviour; angles as (cos, sin)) "
                         + "and linear from the whole embedding, each against a control in which the behaviour is circularly shifted in time.")
        page.addSection(embedding)

        if !r.dimensions.isEmpty || r.consistency != nil { page.addSection(dimensionalitySection()) }

        var training = ReportSection("Training")
        training.figure(ReportFigures.training(r), caption: "InfoNCE per objective; chance is ln(\(c.batchSize)) = \(fmt(Foundation.log(Double(c.batchSize)), 2)).")
        page.addSection(training)

        var data = ReportSection("Data")
        data.figure(ReportFigures.activity(r, order: order), caption: "A snippet of the neural data with the behaviour underneath (sanity check of alignment).")
        page.addSection(data)
        page.footer = "Generated by xcebra \(ToolkitVersion.string). Files: scores.csv, summary.json, embedding.h5, model.ckpt, training_log.csv"
            + (r.dimensions.isEmpty ? "." : ", dimensions/.")
        return page
    }

    func summaryText() -> String {
        var parts: [String] = []
        for s in result.attribution.scores {
            let top = s.order.prefix(5).map { j -> String in
                let info = result.session.neurons[j]
                return info.cellType.map { "\(info.id) (\($0))" } ?? "\(info.id)"
            }
            parts.append("\(s.variable): \(top.joined(separator: ", "))")
        }
        var text = "Top neurons — " + parts.joined(separator: "; ") + "."
        if !result.auroc.isEmpty {
            // Per block beside the pooled value: a pooled auROC can hide one poorly attributed
            // variable (e.g. 0.78 pooled from 1.000, 0.79 and 1.000).
            text += " auROC against the ground truth: " + result.auroc.sorted { $0.key < $1.key }.map { method, pooled in
                let blocks = (result.attribution.blockMetrics[method] ?? [:]).sorted { $0.key < $1.key }
                    .compactMap { label, m in m.auROC.map { "\(label) \(fmt($0, 3))" } }
                return "\(method) \(fmt(pooled, 3))" + (blocks.isEmpty ? "" : " (" + blocks.joined(separator: ", ") + ")")
            }.joined(separator: "; ") + "."
        }
        return text
    }

    func metricsTable() -> HTMLTable {
        let blockMetrics = result.attribution.blockMetrics[result.attribution.method] ?? [:]
        let rows: [[HTMLTable.Cell]] = result.decoding.map { d in
            let auc = blockMetrics[d.variable]?.auROC
            let overlap = result.attribution.overlap.flatMap { o in o.labels.firstIndex(of: d.variable).flatMap { o.withRest[$0] } }
            return [.text(d.variable), .number(d.training, digits: 3), .number(d.ownBlock, digits: 3), .number(d.allDimensions, digits: 3),
                    .number(d.shiftedControl, digits: 3), .number(d.knnOwnBlock, digits: 3), .number(d.knnShiftedControl, digits: 3),
                    overlap.map { .number($0, digits: 3) } ?? .empty, auc.map { .number($0, digits: 3) } ?? .empty]
        }
        let k = result.decoding.first?.knnNeighbours ?? KNNDecoder.defaultNeighbours
        return HTMLTable(caption: "Per variable: linear decoding R² (training part, held out from its block and from all dimensions, "
                         + "shifted-behaviour control), held-out \(k)-nearest-neighbour decoding R² from its block and its control, "
                         + "the overlap of its block's Jacobian rows with the other rows (median cosine of the smallest principal "
                         + "angle; above \(BlockOverlap.warningCosine) the inverted map separates the blocks by cancellation and is "
                         + "unreliable) and auROC of its block against the ground truth.",
                         columns: [.init("variable"), .init("R² train", numeric: true), .init("R² held out", numeric: true),
                                   .init("R² all dims", numeric: true), .init("R² control", numeric: true),
                                   .init("kNN R² held out", numeric: true), .init("kNN R² control", numeric: true), .init("row overlap", numeric: true),
                                   .init("auROC", numeric: true)],
                         rows: rows)
    }

    /// The sweeps (one figure and one table row per swept block) and the consistency matrix.
    func dimensionalitySection() -> ReportSection {
        let r = result
        var section = ReportSection("Dimensionality")
        if !r.dimensions.isEmpty {
            section.paragraph("Each behaviour block was resized over the candidate dimensions in turn (the blocks before it at their "
                              + "chosen sizes), trained with several seeds, and scored by its objective's held-out goodness of fit; "
                              + "the final model uses the chosen sizes. Goodness of fit and rule per block: "
                              + r.dimensions.map { "\($0.label): \($0.summary.measure.rawValue), \($0.summary.rule)" }.joined(separator: "; ") + ".")
            for b in r.dimensions {
                section.figure(ReportFigures.dimensionSweep(b, session: r.session.id),
                               caption: "Held-out goodness of fit of the \(b.label) objective against the size of its block: each seed (dots), "
                               + "mean ± s.e. over seeds (band), consistency R² between seeds on that block (right axis), chosen d′ marked. "
                               + "Files: \(b.directory)/dimensions.csv, dimensions.json, dimensions.svg.")
            }
            let rows: [[HTMLTable.Cell]] = r.dimensions.map { b in
                let e = b.summary.estimate
                let chosen = b.summary.rows.first { $0.dimension == b.chosenDimension }
                return [.text(b.label), .integer(b.recipeDimension), .integer(b.chosenDimension), e.map { .integer($0.best) } ?? .empty,
                        .text(e.map { "\($0.bootstrapInterval[0])–\($0.bootstrapInterval[1])" } ?? ""),
                        chosen.map { .number($0.bitsMean, digits: 3) } ?? .empty, chosen?.consistencyMean.map { .number($0, digits: 3) } ?? .empty]
            }
            section.table(HTMLTable(caption: "Per swept block: size in the recipe, chosen size, size with the best mean GoF, bootstrap "
                                    + "95 % interval over seeds, and GoF (bits) and consistency R² at the chosen size.",
                                    columns: [.init("block"), .init("recipe d", numeric: true), .init("chosen d′", numeric: true),
                                              .init("best d′", numeric: true), .init("95 % interval"), .init("GoF bits", numeric: true),
                                              .init("consistency R²", numeric: true)],
                                    rows: rows))
        }
        if let c = r.consistency {
            section.figure(ReportFigures.consistency(c), caption: "R² of the best affine map from the held-out embedding of one seed "
                           + "(row) to another's (column), final configuration, \(c.samples) held-out samples; mean off the diagonal "
                           + "\(fmt(c.meanOffDiagonal, 3)). High values mean the embedding is identifiable up to a linear map.")
            section.table(HTMLTable(caption: "Consistency R² from the row's seed to the column's seed (summary.json: consistency.r2)"
                                    + (c.reusedSeeds.isEmpty ? "." : "; seeds \(c.reusedSeeds.map(String.init).joined(separator: ", ")) reuse the dimensionality sweep's runs."),
                                    columns: [.init("from → to")] + c.seeds.map { .init("seed \($0)", numeric: true) },
                                    rows: c.seeds.indices.map { i in [.text("seed \(c.seeds[i])")] + c.r2[i].map { .number($0, digits: 3) } }))
        }
        return section
    }

    func neuronTable(order: [Int]) -> HTMLTable {
        let s = result.session, scores = result.attribution.scores
        let n = s.neuronCount, t = s.sampleCount
        var mean = [Double](repeating: 0, count: n)
        for i in 0..<t { for j in 0..<n { mean[j] += Double(s.neural.scalars[i * n + j]) } }
        let rows: [[HTMLTable.Cell]] = order.map { j in
            let info = s.neurons[j]
            let dominant = scores.indices.max { scores[$0].z[j] < scores[$1].z[j] }.map { scores[$0].variable } ?? ""
            return [.integer(Int(info.id)), .text(info.cellType ?? info.extra["quality"] ?? ""), .number(mean[j] / Double(max(t, 1)), digits: 3)]
                + scores.map { .number($0.z[j], digits: 2) } + [.text(dominant)]
        }
        return HTMLTable(caption: "Neurons: mean activity per sample, z-scored attribution score per variable, dominant variable.",
                         columns: [.init("id", numeric: true), .init("type / quality"), .init("mean activity", numeric: true)]
                            + scores.map { .init("z \($0.variable)", numeric: true) } + [.init("dominant")],
                         rows: rows)
    }

    func neuronKind(_ s: Session) -> String {
        switch s.neuralKind {
        case .spikeCounts: return "units"
        case .calcium: return "ROIs"
        case .continuous: return "channels"
        }
    }

    func binText(_ s: Session) -> String {
        if case .spikeCounts(let w) = s.neuralKind { return ", \(fmt(w * 1000, 0)) ms bins" }
        return ""
    }
}

func fmt(_ x: Double, _ digits: Int) -> String { x.isFinite ? String(format: "%.\(digits)f", x) : "n/a" }
