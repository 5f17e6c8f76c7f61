import Attribution
import Contrastive
import Dimensionality
import Foundation
import NeuralNetworks
import Recordings
import Tensors

/// Writes a pipeline result's files (each atomically).
enum PipelineFiles {
    static func write(_ r: PipelineResult, embedding: Tensor, to dir: URL) throws {
        let map = r.attribution.explanation.map
        var extra = [
            HDF5ArrayWriter.Item(path: "/attribution/map", shape: [map.rows, map.cols], values: map.values.map(Float.init),
                                 stringAttributes: ["method": r.attribution.method, "orientation": "embedding dimensions x neurons"]),
            HDF5ArrayWriter.Item(path: "/attribution/neuron_ids", shape: [r.session.neuronCount], data: .int64(r.session.neurons.map(\.id))),
        ]
        if let al = r.attribution.alignment {
            extra.append(.init(path: "/attribution/ground_truth", shape: [al.rows.count, map.cols], data: .uint8(al.labels.map { $0 ? 1 : 0 }),
                               stringAttributes: ["map_rows": al.rows.map(String.init).joined(separator: ",")]))
        }
        let slices = "[" + r.configuration.objectives.map { "[\($0.start),\($0.stop)]" }.joined(separator: ",") + "]"
        try EmbeddingFile.write(embedding: embedding, session: r.session, model: r.configuration.model, slicesJSON: slices,
                                to: dir.appendingPathComponent("embedding.h5").path, extra: extra)
        try AtomicFile.write(Data(AttributionOutput.scoresCSV(r.attribution, session: r.session).utf8), to: dir.appendingPathComponent("scores.csv"))
        try AtomicFile.write(Data(TrainingLogWriter.csv(r.records, objectiveNames: r.configuration.objectives.map(\.name)).utf8),
                             to: dir.appendingPathComponent("training_log.csv"))
        try AtomicFile.write(try JSONSerialization.data(withJSONObject: summary(r), options: [.prettyPrinted, .sortedKeys]),
                             to: dir.appendingPathComponent("summary.json"))
        try SessionReportPage(result: r).html().write(to: dir.appendingPathComponent("index.html"))
    }

    /// summary.json: schema version, provenance, every parameter, timings, metrics, warnings.
    static func summary(_ r: PipelineResult) -> [String: Any] {
        let configJSON = (try? JSONSerialization.jsonObject(with: JSONEncoder().encode(r.configuration))) ?? [:]
        let decoding = r.decoding.map { d -> [String: Any] in
            ["variable": d.variable, "r2_own_block": d.ownBlock, "r2_all_dimensions": d.allDimensions, "r2_training": d.training,
             "r2_shifted_control": d.shiftedControl, "control_shift_samples": d.controlShift,
             "r2_knn_own_block": jsonNumber(d.knnOwnBlock), "r2_knn_shifted_control": jsonNumber(d.knnShiftedControl),
             "knn_neighbours": d.knnNeighbours]
        }
        let s = r.session
        var out: [String: Any] = [
            "schema_version": 1,
            "xcebra": ToolkitVersion.string,
            "blas": NumericRuntime.blasDescription,
            "blas_threads": NumericRuntime.blasThreads,
            "session": ["id": s.id, "source": s.provenance.source, "reader": s.provenance.reader, "samples": s.sampleCount,
                        "neurons": s.neuronCount, "duration_s": s.duration, "valid_fraction": s.validFraction,
                        "behaviour": s.behaviour.map { ["name": $0.name, "columns": $0.columns, "unit": $0.unit, "circular": $0.isCircular] as [String: Any] },
                        "parameters": s.provenance.parameters, "dropped": s.provenance.dropped.mapValues { $0.map(Int.init) }] as [String: Any],
            "training": ["configuration": configJSON, "final": r.records.last.map { ["step": $0.step, "total": $0.total] } ?? [:]] as [String: Any],
            "decoding": decoding,
            "attribution": r.attribution.summaryRow(r.attributionSummary),
            "auroc": r.auroc,
            "timings_s": r.timings,
            "warnings": r.warnings,
        ]
        if !r.dimensions.isEmpty { out["dimensions"] = dimensionsSummary(r.dimensions) }
        if let c = r.consistency {
            out["consistency"] = ["seeds": c.seeds, "r2": c.r2.map { $0.map(jsonNumber) }, "mean_off_diagonal": jsonNumber(c.meanOffDiagonal),
                                  "held_out_samples": c.samples, "reused_sweep_seeds": c.reusedSeeds,
                                  "definition": "r2[i][j] = R² of the best affine map from seed i's held-out embedding to seed j's (mean over j's columns)"]
        }
        return out
    }

    /// The sweeps: the rule, and per swept block its variables, sizes and the whole
    /// `SweepSummary` (per-seed GoF, means, consistency, estimate, as in dimensions.json).
    static func dimensionsSummary(_ sweeps: [BlockSweep]) -> [String: Any] {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return [
            // Each block's measure and rule follow its slice (SweepPlan.recommendedFit); both are also in its sweep.
            "rules": sweeps.map(\.summary.rule),
            "measures": sweeps.map(\.summary.measure.rawValue),
            "search": "each behaviour block in turn, the earlier blocks at their chosen sizes",
            "blocks": sweeps.map { b -> [String: Any] in
                ["variables": b.variables, "objective": b.objective, "recipe_dimension": b.recipeDimension,
                 "chosen_dimension": b.chosenDimension, "folder": b.directory,
                 "sweep": (try? JSONSerialization.jsonObject(with: encoder.encode(b.summary))) ?? [:]]
            },
        ]
    }

    /// JSON has no NaN or ∞: undefined numbers are written as null.
    static func jsonNumber(_ x: Double) -> Any { x.isFinite ? x : NSNull() }
}

extension AttributionAnalysis {
    /// The attribution part of summary.json (AttributionOutput's summary plus top neurons).
    func summaryRow(_ base: [String: Any]) -> [String: Any] {
        var s = base
        s["top_neurons"] = Dictionary(uniqueKeysWithValues: scores.map { ($0.variable, Array($0.order.prefix(10))) })
        return s
    }
}
