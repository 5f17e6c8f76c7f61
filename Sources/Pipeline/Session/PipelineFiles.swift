import Attribution
import Contrastive
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
             "r2_shifted_control": d.shiftedControl, "control_shift_samples": d.controlShift]
        }
        let s = r.session
        return [
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
    }
}

extension AttributionAnalysis {
    /// The attribution part of summary.json (AttributionOutput's summary plus top neurons).
    func summaryRow(_ base: [String: Any]) -> [String: Any] {
        var s = base
        s["top_neurons"] = Dictionary(uniqueKeysWithValues: scores.map { ($0.variable, Array($0.order.prefix(10))) })
        return s
    }
}
