import Foundation
import NeuralNetworks
import Recordings
import Tensors

/// Writes an `AttributionAnalysis` to a folder: `scores.csv`, `map.h5`, `summary.json`, each
/// through a temporary file renamed into place.
public enum AttributionOutput {
    /// scores.csv: one row per (neuron, variable), variables in block order, neurons by index.
    /// Columns: neuron, neuron_id, cell_type, variable, score, z, rank, p_value, ci_lower,
    /// ci_upper (p_value empty without a shift null or for the time block; CI empty without
    /// bootstrap).
    public static func scoresCSV(_ a: AttributionAnalysis, session: Session) -> String {
        var lines = ["neuron,neuron_id,cell_type,variable,score,z,rank,p_value,ci_lower,ci_upper"]
        for (k, s) in a.scores.enumerated() {
            let p = a.significance.flatMap { k < $0.pValues.count ? $0.pValues[k] : nil }
            for i in s.scores.indices {
                let info = i < session.neurons.count ? session.neurons[i] : nil
                let cell = (info?.cellType ?? "").replacingOccurrences(of: ",", with: ";")
                var row = ["\(i)", info.map { "\($0.id)" } ?? "", cell, s.variable, fmt(s.scores[i]), fmt(s.z[i]), "\(s.ranks[i])"]
                row.append(p.map { fmt($0[i]) } ?? "")
                if let ci = a.intervals?[k] { row += [fmt(ci.lower[i]), fmt(ci.upper[i])] } else { row += ["", ""] }
                lines.append(row.joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// summary.json content: every parameter, the seed, the version, timings, cutoffs, the
    /// Moore–Penrose fraction, saturation, conditioning and metrics.
    public static func summary(_ a: AttributionAnalysis, model: EmbeddingModel, session: Session,
                               options: AttributionAnalysis.Options, modelPath: String?, sessionPath: String?) -> [String: Any] {
        var s: [String: Any] = [
            "xcebra": ToolkitVersion.string, "method": a.method, "model_path": modelPath ?? "", "session_path": sessionPath ?? "",
            "session": session.id, "samples_attributed": a.explanation.sampleCount,
            "samples_used": a.explanation.usedSampleCount, "sample_selection": options.explanation.selection.rawValue, "sessionLength": session.sampleCount,
            "neurons": model.inputNeurons, "output_dimension": model.outputDimension, "encoder": model.configuration.model,
            "renormalize": model.configuration.renormalize, "training_steps": model.configuration.steps,
            "training_seed": model.configuration.seed,
            "options": ["samples": options.samples.map { $0 as Any } ?? "all", "sample_seed": options.sampleSeed,
                        "route": options.route.rawValue, "moore_penrose_stride": options.moorePenroseStride,
                        "chunk_size": options.explanation.chunkSize, "time_blocks": options.explanation.timeBlocks,
                        "comparison_methods": options.comparisonMethods, "time_variable": options.timeVariable ?? ""] as [String: Any],
            "blocks": zip(BlockAssignment.labels(a.blocks), a.blocks).map { ["label": $0, "dimensions": [$1.dimensions.lowerBound, $1.dimensions.upperBound], "variables": $1.variables] as [String: Any] },
            "timings_seconds": a.seconds.merging(a.explanation.phaseSeconds.mapKeys { "attribution:\($0)" }) { x, _ in x },
            "warnings": a.warnings,
        ]
        if let d = a.explanation.diagnostics {
            var j: [String: Any] = [
                "lsq_rcond": d.lsqRcond, "svd_relative_cutoff": d.svdRelativeCutoff,
                "svd_cutoff_rule": "sigma_i > max(d, n) * 1.1920929e-7 * sigma_max",
                "jacobian_seconds": d.jacobianSeconds, "inversion_seconds": d.inversionSeconds,
                "fast_route_samples": d.fastRouteSamples, "samples": d.samples,
                "rank_counts": d.rankCounts.mapKeys { "\($0)" },
                "condition_decades_gram_1norm": d.conditionDecades.mapKeys { $0 == Int.max ? "not_positive_definite" : "1e\($0)" },
                "moore_penrose_checked": d.moorePenroseChecked, "moore_penrose_passed": d.moorePenrosePassed,
                "zero_gradient_row_fraction": d.zeroGradientRowFraction, "max_jacobian_rank": model.maximumJacobianRank,
            ]
            if let f = d.moorePenroseFraction { j["moore_penrose_fraction"] = f }
            if let f = d.saturationFraction { j["clip_saturation_fraction"] = f }
            if let f = d.rankDeficientFraction { j["rank_deficient_fraction"] = f }
            if let sv = d.solver { j["solver"] = sv.rawValue }
            if let r = d.route { j["route"] = r.rawValue }
            s["jacobian"] = j
        }
        if let o = a.overlap {
            func value(_ x: Double?) -> Any { x.map { $0 as Any } ?? NSNull() }
            s["block_overlap"] = [
                "measure": "cosine of the smallest principal angle between the row spaces of a block's Jacobian rows and the other rows (svd cutoff as jf-inv-svd), per sample",
                "samples": o.samples, "warning_above": BlockOverlap.warningCosine,
                "blocks": o.labels.indices.map { a in
                    ["label": o.labels[a], "median_with_rest": value(o.withRest[a]), "p90_with_rest": value(o.withRestUpperDecile[a]),
                     "median_with_block": Dictionary(uniqueKeysWithValues: o.labels.indices.filter { $0 != a }.map { (o.labels[$0], value(o.pairwise[a][$0])) })] as [String: Any]
                },
            ] as [String: Any]
        }
        if !a.metrics.isEmpty {
            s["ground_truth_metrics"] = a.metrics.mapValues { $0.dictionary }
            s["ground_truth_metrics_per_block"] = a.blockMetrics.mapValues { $0.mapValues { $0.dictionary } }
            s["ground_truth_block_variables"] = a.alignment?.blockVariables.map { $0 ?? "" } ?? []
        }
        if let b = options.bootstrap, a.intervals != nil {
            s["bootstrap"] = ["replicates": b.replicates, "level": b.level, "seed": b.seed,
                              "scheme": "percentile CI over contiguous time blocks of [0, T), resampled with replacement"]
        }
        if let n = a.significance, let o = options.significance {
            s["significance"] = ["shifts": n.shifts, "steps": n.steps, "batch_size": n.batchSize, "seed": o.seed,
                                 "samples_per_model": o.samples.map { $0 as Any } ?? "all", "method": o.method,
                                 "minimum_shift_fraction": o.minimumShiftFraction,
                                 "retrained": "whole encoder from fresh initialisation, same configuration (steps/batch as listed), for shift 0 and every shift",
                                 "statistic": "z-score of the neuron's block score across neurons",
                                 "p_value": "(1 + #{null z >= observed z}) / (shifts + 1)"] as [String: Any]
        }
        return s
    }

    /// Writes the three files into `directory` (created if needed).
    public static func write(_ a: AttributionAnalysis, model: EmbeddingModel, session: Session, options: AttributionAnalysis.Options,
                             modelPath: String? = nil, sessionPath: String? = nil, to directory: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw AttributionError.output(path: directory, reason: "\(error)")
        }
        let dir = URL(fileURLWithPath: directory)
        do {
            try NeuralNetworks.AtomicFile.write(Data(scoresCSV(a, session: session).utf8), to: dir.appendingPathComponent("scores.csv"))
            let json = try JSONSerialization.data(withJSONObject: summary(a, model: model, session: session, options: options,
                                                                          modelPath: modelPath, sessionPath: sessionPath),
                                                  options: [.prettyPrinted, .sortedKeys])
            try NeuralNetworks.AtomicFile.write(json, to: dir.appendingPathComponent("summary.json"))
        } catch let e as AttributionError { throw e } catch {
            throw AttributionError.output(path: directory, reason: "\(error)")
        }
        let d = a.explanation.map.rows, n = a.explanation.map.cols
        var items = [HDF5ArrayWriter.Item(path: "/attribution/map", shape: [d, n], values: a.explanation.map.values.map(Float.init),
                                          stringAttributes: ["method": a.method, "orientation": "embedding dimensions x neurons",
                                                             "reduction": "mean over samples of |per-sample map|"],
                                          numberAttributes: ["samples": Double(a.explanation.sampleCount)])]
        for (name, m) in a.comparisonMaps.sorted(by: { $0.key < $1.key }) {
            items.append(.init(path: "/attribution/comparison/\(name)", shape: [d, n], values: m.values.map(Float.init),
                               stringAttributes: ["method": name]))
        }
        items.append(.init(path: "/attribution/scores", shape: [a.scores.count, n], values: a.scores.flatMap { $0.scores.map(Float.init) },
                           stringAttributes: ["variables": a.scores.map(\.variable).joined(separator: ",")]))
        if let al = a.alignment {
            items.append(.init(path: "/attribution/ground_truth", shape: [al.rows.count, n], values: al.labels.map { $0 ? 1 : 0 },
                               stringAttributes: ["map_rows": al.rows.map(String.init).joined(separator: ",")]))
        }
        let path = dir.appendingPathComponent("map.h5").path
        do { try HDF5ArrayWriter.write(items, to: path) } catch {
            throw AttributionError.output(path: path, reason: "\(error)")
        }
    }

    static func fmt(_ x: Double) -> String { x.isFinite ? String(format: "%.6g", x) : "nan" }
}

fileprivate extension Dictionary {
    func mapKeys<K: Hashable>(_ f: (Key) -> K) -> [K: Value] {
        Dictionary<K, Value>(uniqueKeysWithValues: map { (f($0.key), $0.value) })
    }
}
