import Contrastive

/// Which block of the embedding a sweep resizes.
public enum SweptSlice: String, Codable, Sendable, CaseIterable {
    /// The disjoint block of the first objective whose positives are not `time` (e.g. (3,6) of
    /// the synthetic recipe, (0,4) of the RatInABox recipe).
    case behaviour
    /// The block of the time objective that no other objective uses (the time-only block:
    /// [0,3) of the synthetic recipe, [4,14) of the RatInABox recipe).
    case time
}

/// One training run of a sweep.
public struct SweepJob: Hashable, Sendable, Codable {
    public var dimension: Int
    public var seed: UInt64
    public init(dimension: Int, seed: UInt64) { self.dimension = dimension; self.seed = seed }
    /// File stem of the run's outputs, "d3-seed7".
    public var name: String { "d\(dimension)-seed\(seed)" }
}

/// A dimensionality sweep: a base training configuration, the block to resize, the candidate
/// sizes d′ and the seeds (xcebra.md §8).
///
/// For candidate d′ the swept disjoint block is resized to d′ columns, the other blocks keep
/// their sizes and order, every objective keeps the blocks it spanned (so its slice moves and
/// grows with them), and the output dimension becomes the sum. The synthetic recipe
/// {(0,6) time, (3,6) behaviour} with the behaviour block at d′ = 2 becomes {(0,5), (3,5)};
/// with the time block at 5 it becomes {(0,8), (5,8)}. The offset1 encoders scale their widths
/// with the output dimension (faithful to CEBRA). The run with seed s trains with
/// `configuration.seed = s` and is evaluated with `evaluationSeed` (the same held-out batches
/// for every run).
public struct SweepPlan: Codable, Sendable, Equatable {
    public var base: TrainingConfiguration
    public var slice: SweptSlice
    public var dimensions: [Int]
    public var seeds: [UInt64]
    /// Held-out batches averaged per GoF (`GoodnessOfFit.defaultBatchCount` = 500).
    public var evaluationBatches: Int
    /// Rows B of each held-out batch (each reference against B negatives); nil: the training
    /// batch size. The calibrated GoF is bounded by log₂(B + 1), so a latent whose curve nears
    /// that ceiling (≈ 8.3 of 9 bits for 6 dimensions at B = 512 on the synthetic benchmark) is
    /// resolved better with a larger evaluation batch; training is unaffected.
    public var evaluationBatchSize: Int?
    public var evaluationSeed: UInt64
    /// Index of the objective whose block is resized and whose GoF drives the estimate; nil:
    /// the first behaviour (or time) objective, as `slice` says. Set it to sweep the block of
    /// another behaviour variable (the report sweeps every variable's block in turn).
    public var criterion: Int?

    public init(base: TrainingConfiguration, slice: SweptSlice, dimensions: [Int], seeds: [UInt64],
                evaluationBatches: Int = GoodnessOfFit.defaultBatchCount, evaluationBatchSize: Int? = nil,
                evaluationSeed: UInt64 = 0, criterion: Int? = nil) {
        self.criterion = criterion
        self.evaluationBatchSize = evaluationBatchSize
        self.base = base
        self.slice = slice
        self.dimensions = dimensions
        self.seeds = seeds
        self.evaluationBatches = evaluationBatches
        self.evaluationSeed = evaluationSeed
    }

    /// The held-out batch size B the goodness of fit uses: `evaluationBatchSize` or the training batch size.
    public var evaluationBatch: Int { evaluationBatchSize ?? base.batchSize }

    /// Every run, d′-major then seed, in the order shards are dealt.
    public var jobs: [SweepJob] { dimensions.flatMap { d in seeds.map { SweepJob(dimension: d, seed: $0) } } }

    /// The measure and rule a summary uses unless told otherwise: for a normalised slice (cosine
    /// similarity, or any slice of a renormalised configuration: both live on a sphere) the
    /// calibrated GoF and the elbow rule with latent offset 1, else the calibrated GoF and the
    /// band rule (`SweepSummary.collect`).
    public func recommendedFit() throws -> (measure: FitMeasure, criterion: DimensionCriterion) {
        Self.recommendedFit(normalised: try isNormalised())
    }

    static func recommendedFit(normalised: Bool) -> (measure: FitMeasure, criterion: DimensionCriterion) {
        (.calibrated, normalised ? .normalisedElbow : .band)
    }

    /// Whether the swept slice lives on a sphere (cosine criterion or renormalised configuration).
    public func isNormalised() throws -> Bool {
        let k = try criterionObjective()
        return base.renormalize || base.objectives[k].criterion.similarity == .cosine
    }

    /// Index of the objective whose goodness of fit drives the estimate: `criterion` when set,
    /// else the first behaviour objective for `.behaviour`, the first time objective for `.time`.
    public func criterionObjective() throws -> Int {
        let objectives = base.objectives
        if let k = criterion {
            guard objectives.indices.contains(k), objectives[k].isTimeContrastive == (slice == .time) else {
                throw DimensionalityError.invalidPlan("objective \(k) is not a \(slice.rawValue) objective of the configuration; objectives: \(objectives.map(\.name).joined(separator: "; "))")
            }
            return k
        }
        switch slice {
        case .behaviour:
            guard let k = objectives.firstIndex(where: { !$0.isTimeContrastive }) else {
                throw DimensionalityError.invalidPlan("the configuration has no behaviour objective to sweep; objectives: \(objectives.map(\.name).joined(separator: "; "))")
            }
            return k
        case .time:
            guard let k = objectives.firstIndex(where: \.isTimeContrastive) else {
                throw DimensionalityError.invalidPlan("the configuration has no time objective to sweep; objectives: \(objectives.map(\.name).joined(separator: "; "))")
            }
            return k
        }
    }

    /// Index of the swept block in the base layout's disjoint blocks.
    public func sweptBlock() throws -> Int {
        let layout = try base.validate()
        let k = try criterionObjective()
        let own = base.objectives[k].slice
        let others = base.objectives.indices.filter { $0 != k }.map { base.objectives[$0].slice }
        let candidates = layout.blocks.indices.filter { b in
            let block = layout.blocks[b]
            switch slice {
            case .behaviour: return block == own
            case .time: return own.contains(block.lowerBound) && !others.contains { $0.overlaps(block) }
            }
        }
        guard candidates.count == 1 else {
            throw DimensionalityError.invalidPlan("cannot find a single \(slice.rawValue) block to resize in the slices \(base.objectives.map { "(\($0.start),\($0.stop))" }.joined(separator: ", ")) (blocks \(layout.blocks.map { "[\($0.lowerBound):\($0.upperBound))" }.joined(separator: ", "))); the \(slice.rawValue) objective must own exactly one disjoint block")
        }
        return candidates[0]
    }

    /// The training configuration of one run, and the columns of the swept block in its embedding.
    public func configuration(dimension: Int, seed: UInt64) throws -> (configuration: TrainingConfiguration, block: Range<Int>) {
        guard dimension >= 1 else { throw DimensionalityError.invalidPlan("candidate dimensions must be ≥ 1, got \(dimension)") }
        let layout = try base.validate()
        let target = try sweptBlock()
        var sizes = layout.blocks.map(\.count)
        sizes[target] = dimension
        var starts = [0]
        for s in sizes { starts.append(starts.last! + s) }
        func moved(_ r: Range<Int>) -> Range<Int> {
            let inside = layout.blocks.indices.filter { r.contains(layout.blocks[$0].lowerBound) }
            return starts[inside.first!]..<starts[inside.last! + 1]
        }
        var c = base
        c.outputDimension = starts.last!
        c.seed = seed
        c.objectives = base.objectives.map { o in
            var o = o
            let r = moved(o.slice)
            o.start = r.lowerBound
            o.stop = r.upperBound
            return o
        }
        return (c, starts[target]..<starts[target + 1])
    }

    /// Checks everything that does not need the data: candidates, seeds, held-out fraction,
    /// and that every candidate's configuration is valid (cosine and renormalised blocks need
    /// d′ ≥ 2, since a unit vector in one dimension is ±1).
    public func validate() throws {
        guard !dimensions.isEmpty, Set(dimensions).count == dimensions.count else {
            throw DimensionalityError.invalidPlan("the candidate dimensions must be non-empty and distinct, got \(dimensions)")
        }
        guard !seeds.isEmpty, Set(seeds).count == seeds.count else {
            throw DimensionalityError.invalidPlan("the seeds must be non-empty and distinct, got \(seeds)")
        }
        guard evaluationBatches >= 1 else { throw DimensionalityError.invalidPlan("evaluation batches must be ≥ 1, got \(evaluationBatches)") }
        if let b = evaluationBatchSize, b < 2 {
            throw DimensionalityError.invalidPlan("the evaluation batch size must be ≥ 2 (a reference against at least 2 negatives), got \(b)")
        }
        guard base.heldOutFraction > 0 else {
            throw DimensionalityError.invalidPlan("the base configuration holds out no data (heldOutFraction = 0); the goodness of fit is measured on held-out time, e.g. heldOutFraction = 0.2")
        }
        for d in dimensions {
            let (c, block) = try configuration(dimension: d, seed: seeds[0])
            if base.renormalize && block.count < 2 {
                throw DimensionalityError.invalidPlan("d′ = \(d): the model renormalises each block, and a normalised block needs ≥ 2 dimensions (a unit vector in 1-D is ±1); start the range at 2")
            }
            do { _ = try c.validate() } catch let e as ConfigurationError {
                throw DimensionalityError.invalidPlan("d′ = \(d): \(e.description)")
            }
        }
    }
}
