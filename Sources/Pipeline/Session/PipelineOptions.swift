import Contrastive
import Dimensionality
import Foundation

/// Everything the per-session pipeline can be told; all of it is echoed into summary.json.
public struct PipelineOptions: Sendable {
    /// Training recipe; nil chooses `PipelineRecipe.perVariable` over the attributed variables.
    public var training: TrainingConfiguration?
    /// Behaviour variables to attribute (nil: every behaviour variable of the session).
    public var variables: [String]?
    /// Steps and batch size of the default recipe.
    public var steps = 1_500
    public var batchSize = 512
    /// Final weight λ of the default recipe's Jacobian regulariser (`PipelineRecipe.perVariable`).
    public var regularizer = PipelineRecipe.defaultRegularizer
    public var seed: UInt64 = 0
    /// The last fraction of the session is held out from training and used to score decoding.
    public var heldOutFraction = 0.2
    /// Samples to attribute (nil: all).
    public var attributionSamples: Int? = 20_000
    /// Attribution method (nil: the model's default) and comparison methods.
    public var method: String?
    public var comparisonMethods = ["jf"]
    /// Bootstrap replicates for 95 % intervals of the scores (0: none).
    public var bootstrapReplicates = 500
    /// Number of top neurons per variable shown with tuning curves.
    public var topNeurons = 6
    /// Skip the slower figures (embedding scatter plots, tuning curves).
    public var figures = true
    /// Neighbours of the kNN decoder reported beside the linear one (`KNNDecoder`).
    public var knnNeighbours = KNNDecoder.defaultNeighbours
    /// Dimensionality estimation before the final training (`DimensionEstimation`): candidate
    /// sizes of each behaviour block (nil: no sweep, the recipe's sizes).
    public var dimensionCandidates: [Int]?
    /// Seeds per candidate (seed, seed+1, …); ≥ 2 gives error bars and consistency.
    public var dimensionSeeds = 3
    /// Training steps of each sweep run (nil: the final model's steps, which also lets the
    /// consistency matrix reuse the sweep's runs).
    public var sweepSteps: Int?
    /// Held-out batches averaged per goodness of fit.
    public var sweepEvaluationBatches = GoodnessOfFit.defaultBatchCount
    /// Seeds of the final configuration compared pairwise (`SeedConsistency`); nil: the
    /// dimension seeds when a sweep runs, none otherwise; values < 2 turn the matrix off.
    public var consistencySeeds: Int?

    public init() {}
}
