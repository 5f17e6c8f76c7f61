/// Loss terms at one logged step.
public struct TrainingRecord: Codable, Sendable, Equatable {
    public struct ObjectiveTerms: Codable, Sendable, Equatable {
        public var loss: Double
        public var alignment: Double
        public var uniformity: Double
        public var temperature: Double
        /// ½·mean‖J‖² of this slice, when the regulariser ran at this step.
        public var jacobian: Double?
    }

    /// 0-based step index of the update this record describes.
    public var step: Int
    /// Σ_k w_k·L_k + λ·Σ_k R_k.
    public var total: Double
    public var objectives: [ObjectiveTerms]
    /// λ at this step, nil while the regulariser is off.
    public var regularizerWeight: Double?
    /// Wall time of the step in seconds.
    public var seconds: Double
}

/// Writes a training log as CSV (one row per record, one column group per objective) and JSON.
public enum TrainingLogWriter {
    public static func csv(_ records: [TrainingRecord], objectiveNames: [String]) -> String {
        var header = ["step", "total", "regularizer_weight", "seconds"]
        for k in objectiveNames.indices {
            header += ["loss_\(k)", "alignment_\(k)", "uniformity_\(k)", "temperature_\(k)", "jacobian_\(k)"]
        }
        var lines = ["# objectives: " + objectiveNames.enumerated().map { "\($0.offset)=\($0.element)" }.joined(separator: "; "),
                     header.joined(separator: ",")]
        for r in records {
            var row = [String(r.step), format(r.total), r.regularizerWeight.map(format) ?? "", format(r.seconds)]
            for o in r.objectives {
                row += [format(o.loss), format(o.alignment), format(o.uniformity), format(o.temperature), o.jacobian.map(format) ?? ""]
            }
            lines.append(row.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func format(_ x: Double) -> String { x.isFinite ? String(x) : "nan" }
}
