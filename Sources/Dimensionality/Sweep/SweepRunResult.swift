import Contrastive

/// Everything one finished run of a sweep records; one JSON file per run
/// (`runs/d<d′>-seed<s>.json`), written atomically after the held-out embedding
/// (`runs/d<d′>-seed<s>.embedding.npy`, float32 `[H, d]`), so that its presence marks the run
/// finished.
public struct SweepRunResult: Codable, Sendable, Equatable {
    public var dimension: Int
    public var seed: UInt64
    /// The exact configuration trained (the plan's `configuration(dimension:seed:)`).
    public var configuration: TrainingConfiguration
    /// Columns [start, stop) of the swept block in this run's embedding.
    public var sweptBlock: [Int]
    /// Index of the objective whose GoF drives the estimate.
    public var criterionObjective: Int
    /// Held-out GoF per objective.
    public var fits: [ObjectiveFit]
    public var evaluationBatches: Int
    /// Rows B of each held-out batch; nil in results written before it was recorded (they used
    /// the training batch size).
    public var evaluationBatchSize: Int?
    public var evaluationSeed: UInt64
    /// Held-out samples [start, stop) of the session.
    public var heldOut: [Int]
    public var sessionID: String
    public var sampleCount: Int
    public var neuronCount: Int
    /// Wall time of training and of the held-out evaluation, seconds.
    public var trainingSeconds: Double
    public var evaluationSeconds: Double
    /// Training loss per objective at the last step (nats).
    public var finalTrainingLoss: [Double]
    /// Name of the held-out embedding file, relative to the run folder.
    public var embeddingFile: String
    public var xcebraVersion: String

    /// The held-out batch size B behind `fits`.
    public var evaluationBatch: Int { evaluationBatchSize ?? configuration.batchSize }

    /// GoF in bits of the criterion objective.
    public var bits: Double { fits[criterionObjective].bits }

    /// GoF in bits of objective `k` by `measure` (NaN for a calibrated value a result predating it lacks).
    public func bits(_ measure: FitMeasure, objective k: Int) -> Double {
        switch measure {
        case .infoNCE: return fits[k].bits
        case .calibrated: return fits[k].calibratedBits ?? .nan
        }
    }
    public var job: SweepJob { SweepJob(dimension: dimension, seed: seed) }
}

/// Which goodness of fit drives a sweep's curve and estimate.
public enum FitMeasure: String, Codable, Sendable, CaseIterable {
    /// The spec's GoF, (ln B − InfoNCE)·log₂e with the trained criterion (`GoodnessOfFit`).
    case infoNCE = "infonce"
    /// The positive's identification among B + 1 candidates at the best-fitting inverse
    /// temperature (`CalibratedGoodnessOfFit`): scale-free and bounded by log₂(B + 1).
    case calibrated
}
