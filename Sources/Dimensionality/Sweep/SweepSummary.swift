import Foundation
import Tensors

/// The sweep's curve: per candidate d′, held-out GoF over seeds (mean ± s.e.), consistency
/// between seeds, training time, and the estimate.
public struct SweepSummary: Codable, Sendable, Equatable {
    public struct Row: Codable, Sendable, Equatable {
        public var dimension: Int
        /// Seeds finished at this d′.
        public var seeds: [UInt64]
        /// GoF (bits, by the summary's `measure`) of the criterion objective per seed, mean, s.e. over seeds.
        public var bits: [Double]
        public var bitsMean: Double
        public var bitsStandardError: Double
        /// Mean ± s.e. GoF (bits) of every objective, in configuration order.
        public var objectiveBitsMean: [Double]
        public var objectiveBitsStandardError: [Double]
        /// Symmetric R² of the best affine map between the swept blocks of two seeds on the
        /// held-out samples, mean over seed pairs and its s.e. (pairs share seeds, so the s.e. is
        /// optimistic); nil with fewer than two seeds.
        public var consistencyMean: Double?
        public var consistencyStandardError: Double?
        /// Same for the whole embedding.
        public var fullConsistencyMean: Double?
        public var trainingSecondsMean: Double
        public var evaluationSecondsMean: Double
    }

    public var sessionID: String
    public var slice: SweptSlice
    /// The goodness of fit in `rows` and behind the estimate.
    public var measure: FitMeasure
    /// Name of the criterion objective (in the base configuration).
    public var criterion: String
    public var objectiveNames: [String]
    /// Rows B of each held-out batch behind the GoF (the plan's `evaluationBatch`).
    public var batchSize: Int
    public var evaluationBatches: Int
    public var rows: [Row]
    /// Nil when no run has finished.
    public var estimate: DimensionEstimate?
    public var rule: String
    /// The rule and its parameters (nil in summaries written before the elbow rule existed).
    public var dimensionCriterion: DimensionCriterion?
    /// Runs of the plan without a result yet ("d3-seed2", …).
    public var missing: [String]
    public var isComplete: Bool { missing.isEmpty }

    /// Collects the finished runs of `sweep` (loading the recorded embeddings for consistency)
    /// and applies `DimensionEstimate` with a bootstrap of `bootstrapResamples` over seeds.
    ///
    /// `measure` and `criterion` default to `SweepPlan.recommendedFit()`: the calibrated GoF, with
    /// the band rule and its 0.1-bit floor for a Euclidean slice (on the synthetic benchmark at
    /// T = 100,000 with runs trained at learning rate 1e-3 it peaks at the latent dimension, while
    /// the spec's GoF keeps rising with spare dimensions) and with the elbow rule for a normalised
    /// (cosine) slice, whose curve keeps rising slowly past its knee
    /// (docs/results/dimensionality-confusion.md).
    /// `tolerance` and `floor` override the criterion's. Both measures are recorded in every
    /// run, so any choice re-scores finished runs without retraining.
    public static func collect(_ sweep: DimensionSweep, measure: FitMeasure? = nil, criterion: DimensionCriterion? = nil,
                               tolerance: Double? = nil, floor: Double? = nil,
                               bootstrapResamples: Int = 1_000) throws -> SweepSummary {
        let normalised = try sweep.plan.isNormalised()
        let recommended = SweepPlan.recommendedFit(normalised: normalised)
        let measure = measure ?? recommended.measure
        var rule = (criterion ?? recommended.criterion).forSlice(normalised: normalised)
        if let tolerance { rule.tolerance = tolerance }
        if let floor { rule.floor = floor }
        let plan = sweep.plan
        let results = try sweep.results()
        let finished = Set(results.map(\.job))
        let criterion = try plan.criterionObjective()
        var rows: [Row] = []
        for d in plan.dimensions {
            let runs = results.filter { $0.dimension == d }
            guard !runs.isEmpty else { continue }
            let bits = runs.map { $0.bits(measure, objective: $0.criterionObjective) }
            let s = DimensionEstimate.meanAndStandardError(bits)
            let objectiveStats = runs[0].fits.indices.map { k in DimensionEstimate.meanAndStandardError(runs.map { $0.bits(measure, objective: k) }) }
            var blockR2: [Double] = [], fullR2: [Double] = []
            if runs.count >= 2 {
                let embeddings = try runs.map { try sweep.embedding($0) }
                let blocks = zip(embeddings, runs).map { e, r in e.slice(axis: 1, r.sweptBlock[0]..<r.sweptBlock[1]) }
                blockR2 = try Consistency.pairwise(blocks)
                fullR2 = try Consistency.pairwise(embeddings)
            }
            let c = DimensionEstimate.meanAndStandardError(blockR2)
            rows.append(Row(dimension: d, seeds: runs.map(\.seed), bits: bits, bitsMean: s.mean, bitsStandardError: s.standardError,
                            objectiveBitsMean: objectiveStats.map(\.mean), objectiveBitsStandardError: objectiveStats.map(\.standardError),
                            consistencyMean: blockR2.isEmpty ? nil : c.mean, consistencyStandardError: blockR2.isEmpty ? nil : c.standardError,
                            fullConsistencyMean: fullR2.isEmpty ? nil : DimensionEstimate.meanAndStandardError(fullR2).mean,
                            trainingSecondsMean: runs.map(\.trainingSeconds).reduce(0, +) / Double(runs.count),
                            evaluationSecondsMean: runs.map(\.evaluationSeconds).reduce(0, +) / Double(runs.count)))
        }
        let estimate = DimensionEstimate.estimate(dimensions: rows.map(\.dimension), samples: rows.map(\.bits), criterion: rule,
                                                  bootstrapResamples: bootstrapResamples, seed: plan.evaluationSeed)
        return SweepSummary(sessionID: sweep.session.id, slice: plan.slice, measure: measure, criterion: plan.base.objectives[criterion].name,
                            objectiveNames: plan.base.objectives.map(\.name), batchSize: plan.evaluationBatch,
                            evaluationBatches: plan.evaluationBatches, rows: rows, estimate: estimate, rule: rule.description, dimensionCriterion: rule,
                            missing: plan.jobs.filter { !finished.contains($0) }.map(\.name))
    }
}
