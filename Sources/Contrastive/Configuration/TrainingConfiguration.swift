/// Everything that defines a training run; stored in checkpoints and echoed into summaries.
public struct TrainingConfiguration: Codable, Sendable, Equatable {
    /// Encoder name from `EncoderRegistry` (e.g. "offset10-model", "offset1-model-mse-clip-5-5").
    public var model: String
    /// Output dimension d.
    public var outputDimension: Int
    /// Hidden channels U of the convolutional encoders (ignored by the offset1 family).
    public var hiddenUnits: Int
    public var objectives: [Objective]
    /// L2-normalise each disjoint block of the raw output before slicing.
    public var renormalize: Bool
    public var batchSize: Int
    public var steps: Int
    public var learningRate: Double
    public var weightDecay: Double
    public var regularizerSchedule: WeightSchedule
    public var regularizerEstimator: JacobianEstimator
    public var seed: UInt64
    /// The last fraction of the session (contiguous) is held out from training, for validation.
    public var heldOutFraction: Double
    /// Write a checkpoint every this many steps (0: only at the end).
    public var checkpointEvery: Int
    /// Record the loss terms every this many steps.
    public var logEvery: Int

    public init(model: String, outputDimension: Int, hiddenUnits: Int = 32, objectives: [Objective], renormalize: Bool = false,
                batchSize: Int = 512, steps: Int = 10_000, learningRate: Double = 3e-4, weightDecay: Double = 0,
                regularizerSchedule: WeightSchedule = .none, regularizerEstimator: JacobianEstimator = .randomProjection(count: 1),
                seed: UInt64 = 0, heldOutFraction: Double = 0, checkpointEvery: Int = 0, logEvery: Int = 10) {
        self.model = model
        self.outputDimension = outputDimension
        self.hiddenUnits = hiddenUnits
        self.objectives = objectives
        self.renormalize = renormalize
        self.batchSize = batchSize
        self.steps = steps
        self.learningRate = learningRate
        self.weightDecay = weightDecay
        self.regularizerSchedule = regularizerSchedule
        self.regularizerEstimator = regularizerEstimator
        self.seed = seed
        self.heldOutFraction = heldOutFraction
        self.checkpointEvery = checkpointEvery
        self.logEvery = logEvery
    }

    /// Checks everything that does not need the data; the trainer checks the rest.
    public func validate() throws -> ObjectiveLayout {
        guard batchSize >= 2 else { throw ConfigurationError.invalid("batch size must be ≥ 2, got \(batchSize)") }
        guard steps >= 0 else { throw ConfigurationError.invalid("steps must be ≥ 0, got \(steps)") }
        guard learningRate > 0, learningRate.isFinite else { throw ConfigurationError.invalid("learning rate must be > 0, got \(learningRate)") }
        guard weightDecay >= 0 else { throw ConfigurationError.invalid("weight decay must be ≥ 0, got \(weightDecay)") }
        guard heldOutFraction >= 0, heldOutFraction < 1 else { throw ConfigurationError.invalid("held-out fraction must be in [0, 1), got \(heldOutFraction)") }
        guard logEvery >= 1, checkpointEvery >= 0 else { throw ConfigurationError.invalid("logEvery must be ≥ 1 and checkpointEvery ≥ 0") }
        if case .randomProjection(let n) = regularizerEstimator, n < 1 {
            throw ConfigurationError.invalid("the random-projection estimator needs ≥ 1 projection, got \(n)")
        }
        try regularizerSchedule.validate()
        for o in objectives {
            try o.criterion.temperature.validate(objective: "objective \(o.name)")
            guard o.weight >= 0, o.weight.isFinite else { throw ConfigurationError.invalid("objective \(o.name): weight must be ≥ 0") }
            if o.criterion.similarity == .cosine && o.slice.count < 2 {
                throw ConfigurationError.invalid("objective \(o.name): cosine similarity needs a slice of ≥ 2 dimensions")
            }
        }
        return try ObjectiveLayout(slices: objectives.map(\.slice), dimension: outputDimension)
    }
}

/// Named recipes (xcebra.md §6). Behaviour variable names are parameters because sessions
/// name them differently.
public enum TrainingPreset: String, CaseIterable, Sendable {
    /// CEBRA's synthetic demo: offset1-model-mse-clip-5-5, d = 6; (0,6) Euclidean `time(1)`;
    /// (3,6) Euclidean `time_delta(1)` on the behaviour latent; B = 512; 2,000 steps; the
    /// regulariser ramp (2500 → 15000) never switches on.
    case syntheticDemo = "synthetic-demo"
    /// The paper's synthetic recipe (second-hand): as the demo with B = 5,000, 20,000 steps and
    /// LinearRampUp(2500, 5000, 0 → 0.1).
    case paperSynthetic = "paper-synthetic"
    /// Attribution on synthetic-benchmark-like data (the recipe of the attribution acceptance):
    /// `synthetic-demo` for 2,000 steps, then its own regulariser end weight actually switched
    /// on — LinearRampUp(2000, 3000, 0 → 0.01) — and 3,000 more steps at full weight (6,000
    /// steps, B = 512).
    ///
    /// Why: the encoder only sees the data manifold, so without the regulariser the row space of
    /// J_f is free off the manifold, and J_f⁺ = J_g L⁻¹ (what the Inverted Neuron Gradient
    /// estimates) holds only for the minimum-norm J_f, which the penalty ½λ‖J_f‖²_F selects
    /// (xcebra.md §5). The penalty starts after the embedding has converged (2,000 steps give
    /// held-out R² ≈ 0.98). λ = 0.01, not `paper-synthetic`'s 0.1: at B = 512 and a few thousand
    /// steps, 0.1 shrinks the behaviour block until it degrades (benchmark seed 0: R²(z2 ← dims
    /// 3–5) 0.85, inverted auROC 0.80 — worse than unregularised 0.91), while 0.01 keeps it
    /// (R² 0.95) and lifts the inverted auROC to 0.96. The steps at full weight matter: with
    /// 1,000 of them (4,000 steps) the 5-seed inverted auROC was 0.958, 0.980, 0.980, 0.980,
    /// 0.949; with 3,000 the weakest seeds rose (seed 4: 0.949 → 0.977, seed 0: 0.958 → 0.986;
    /// all seeds in `AttributionBenchmarks`).
    case syntheticAttribution = "synthetic-attribution"
    /// CEBRA's RatInABox demo: offset10-model U = 256, d = 14; (0,4) cosine `time_delta(1)` on
    /// the behaviour; (0,14) cosine `time(10)`; renormalised; B = 2,500; 10,000 steps;
    /// LinearRampUp(steps/4, steps/2, 0 → 0.1).
    case ratinaboxDemo = "ratinabox-demo"
    /// The toolkit default: `ratinabox-demo` with B = 512.
    case standard = "default"

    public func configuration(behaviour variables: [String], seed: UInt64 = 0, steps: Int? = nil) -> TrainingConfiguration {
        switch self {
        case .syntheticAttribution:
            var c = TrainingPreset.syntheticDemo.configuration(behaviour: variables, seed: seed, steps: steps ?? 6_000)
            c.regularizerSchedule = .linearRampUp(on: 2_000, off: 3_000, start: 0, end: 0.01)
            return c
        case .syntheticDemo, .paperSynthetic:
            let paper = self == .paperSynthetic
            let n = steps ?? (paper ? 20_000 : 2_000)
            let euclid = InfoNCE(similarity: .euclidean, temperature: .fixed(1))
            return TrainingConfiguration(
                model: "offset1-model-mse-clip-5-5", outputDimension: 6,
                objectives: [Objective(slice: 0..<6, criterion: euclid, positives: .time(offset: 1)),
                             Objective(slice: 3..<6, criterion: euclid, positives: .timeDelta(delta: 1, variables: variables))],
                batchSize: paper ? 5_000 : 512, steps: n,
                regularizerSchedule: paper ? .linearRampUp(on: 2_500, off: 5_000, start: 0, end: 0.1)
                                           : .linearRampUp(on: 2_500, off: 15_000, start: 0, end: 0.01),
                seed: seed)
        case .ratinaboxDemo, .standard:
            let n = steps ?? 10_000
            let cosine = InfoNCE(similarity: .cosine, temperature: .fixed(1))
            return TrainingConfiguration(
                model: "offset10-model", outputDimension: 14, hiddenUnits: 256,
                objectives: [Objective(slice: 0..<4, criterion: cosine, positives: .timeDelta(delta: 1, variables: variables)),
                             Objective(slice: 0..<14, criterion: cosine, positives: .time(offset: 10))],
                renormalize: true, batchSize: self == .standard ? 512 : 2_500, steps: n,
                regularizerSchedule: .linearRampUp(on: n / 4, off: max(n / 2, n / 4 + 1), start: 0, end: 0.1),
                seed: seed)
        }
    }

    /// Adam learning rate for the short runs of a dimensionality sweep (`xcebra dimensions`),
    /// where the recipe's own rate (3e-4, xcebra.md §6) is meant for a final model trained much
    /// longer. Euclidean recipes: 1e-3. On the synthetic benchmark (T = 100,000, B = 512,
    /// 1,500-step runs) it brought the runs within 0.45–0.75 bits of the true latent's calibrated
    /// goodness of fit for k = 5, 6 and made the sweep exact in 10 of 10 datasets for each
    /// k = 1…6, with candidates k ± 1 and with 1…8; 3e-4 left them 0.6–1.5 bits below and missed
    /// k = 5 and 6. Cosine recipes: their own 3e-4, the rate the elbow rule was validated with on
    /// the arena (docs/results/dimensionality-confusion.md).
    public var sweepLearningRate: Double {
        switch self {
        case .syntheticDemo, .paperSynthetic, .syntheticAttribution: return 1e-3
        case .ratinaboxDemo, .standard: return configuration(behaviour: ["x"]).learningRate
        }
    }
}
