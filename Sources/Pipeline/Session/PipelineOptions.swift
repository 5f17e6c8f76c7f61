import Contrastive
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

    public init() {}
}
