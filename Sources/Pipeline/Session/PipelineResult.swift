import Attribution
import Contrastive
import Foundation
import Recordings

/// What one pipeline run measured, kept in memory for the report and written to summary.json.
public struct PipelineResult {
    public var session: Session
    public var configuration: TrainingConfiguration
    public var records: [TrainingRecord]
    public var embedding: [Float]
    public var outputDimension: Int
    public var blocks: [BlockAssignment]
    public var decoding: [DecodingScore]
    public var attribution: AttributionAnalysis
    public var attributionSummary: [String: Any]
    public var timings: [String: Double]
    public var warnings: [String]

    /// Held-out linear decoding of one variable.
    public struct DecodingScore: Codable, Sendable {
        public var variable: String
        /// From the variable's own block.
        public var ownBlock: Double
        /// From the whole embedding.
        public var allDimensions: Double
        /// Control: the behaviour circularly shifted by `controlShift` samples, decoded from the own block.
        public var shiftedControl: Double
        public var controlShift: Int
        /// R² on the training part (same decoder), to see over-fitting.
        public var training: Double
    }

    /// auROC per method when ground truth exists.
    public var auroc: [String: Double] {
        attribution.metrics.compactMapValues { $0.auROC }
    }
}
