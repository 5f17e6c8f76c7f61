import Dimensionality

/// The dimensionality sweep of one behaviour block, as the report shows and records it.
public struct BlockSweep: Sendable {
    /// Behaviour variables of the swept objective ("position", or "a+b" for a joint block).
    public var variables: [String]
    /// Index of the swept objective in the training configuration.
    public var objective: Int
    /// The block's size in the recipe before the sweep.
    public var recipeDimension: Int
    /// Curve, per-seed GoF, consistency and estimate (`SweepSummary.collect`).
    public var summary: SweepSummary
    /// The sweep's folder relative to the report folder (runs, dimensions.{csv,json,svg}).
    public var directory: String

    public var label: String { variables.joined(separator: "+") }
    /// The size the final model uses: the estimate, or the recipe's when no run finished.
    public var chosenDimension: Int { summary.estimate?.dimension ?? recipeDimension }
}
