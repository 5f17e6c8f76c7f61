import Attribution
import Contrastive
import Dimensionality
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
    /// The dimensionality sweeps that chose the behaviour block sizes (empty: no sweep).
    public var dimensions: [BlockSweep] = []
    /// R² between the embeddings of several seeds of the final configuration (nil: not asked).
    public var consistency: SeedConsistency?

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
        /// Held-out R² of the kNN decoder (`KNNDecoder`, `knnNeighbours` neighbours) from the own
        /// block, and of the same decoder on the shifted behaviour (the control above).
        public var knnOwnBlock: Double
        public var knnShiftedControl: Double
        public var knnNeighbours: Int
    }

    /// auROC per method when ground truth exists.
    public var auroc: [String: Double] {
        attribution.metrics.compactMapValues { $0.auROC }
    }
}
