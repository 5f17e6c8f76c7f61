import Tensors

/// The dimensionality chosen from a goodness-of-fit curve, with its uncertainty.
public struct DimensionEstimate: Codable, Sendable, Equatable {
    /// The chosen d′ (by `criterion`).
    public var dimension: Int
    /// The d′ with the highest mean GoF (ties: the smallest).
    public var best: Int
    /// Every candidate whose mean is within the band rule's tolerance of the best (under the band
    /// rule the chosen d′ is the smallest; the elbow may choose below it).
    public var band: [Int]
    /// Bootstrap over seeds: each candidate's per-seed values resampled with replacement,
    /// the rule applied `bootstrapResamples` times; the candidates chosen at least once and how
    /// often (fractions summing to 1).
    public var bootstrapDimensions: [Int]
    public var bootstrapFrequencies: [Double]
    public var bootstrapResamples: Int
    /// The 2.5 % and 97.5 % quantiles of the bootstrap estimates.
    public var bootstrapInterval: [Int]
    /// The rule's multiplier k and floor (bits).
    public var tolerance: Double
    public var floor: Double
    /// The rule (`DimensionRule`; nil in results written before the elbow rule existed: band)
    /// and the elbow's parameters.
    public var rule: DimensionRule?
    public var fraction: Double?
    public var latentOffset: Int?

    /// The latent dimension the chosen d′ holds on a normalised slice (d′ − offset, at least 1);
    /// nil on a Euclidean slice, where it is d′ itself.
    public var latentDimension: Int? {
        guard let offset = latentOffset, offset > 0 else { return nil }
        return Swift.max(dimension - offset, 1)
    }

    /// The rule and parameters behind this estimate.
    public var criterion: DimensionCriterion {
        DimensionCriterion(rule: rule ?? .band, tolerance: tolerance, floor: floor, fraction: fraction ?? 0.5, latentOffset: latentOffset ?? 0)
    }

    /// The floor (bits per dimension) sweeps use by default (`SweepSummary.collect`): a
    /// dimension must add at least this much to be worth having. Without it, seeds that agree closely (s.e. of a
    /// few hundredths of a bit) let a spare dimension's 0.05–0.1 bits count as a gain. Chosen
    /// from the stop-13 sweeps on the spec's GoF (on 10 fresh datasets per k = 1, 2, 3: exact in
    /// 10, 10 and 9 of 10 with it, 3, 10 and 9 without); kept for the calibrated GoF, where
    /// well-trained spare dimensions add at most 0.06 bits for k = 1, 2
    /// (docs/results/dimensionality-confusion.md).
    public static let defaultFloor = 0.1

    /// The band rule with the sweeps' defaults (`DimensionCriterion.band`).
    public static var rule: String { DimensionCriterion.band.description }

    /// Applies the band rule to a curve of means and standard errors (equal lengths, `dimensions`
    /// in any order). Returns nil for an empty curve or one without finite means. Its floor
    /// defaults to 0, like `estimate(dimensions:samples:)`; `DimensionCriterion.band` and sweep
    /// summaries use `defaultFloor`.
    public static func choose(dimensions: [Int], means: [Double], standardErrors: [Double], tolerance: Double = 2,
                              floor: Double = 0) -> (dimension: Int, best: Int, band: [Int])? {
        let order = dimensions.indices.filter { means[$0].isFinite }.sorted { dimensions[$0] < dimensions[$1] }
        guard var best = order.first else { return nil }
        for i in order where means[i] > means[best] { best = i }
        let band = order.filter { i in
            let se = (standardErrors[best] * standardErrors[best] + standardErrors[i] * standardErrors[i]).squareRoot()
            // The floor is per dimension: d′ spare dimensions must add d′·floor bits between them,
            // so a curve that creeps up by less than the floor per dimension cannot pull the
            // estimate upward by accumulating over several candidates.
            let span = Double(Swift.max(1, Swift.abs(dimensions[best] - dimensions[i])))
            return means[best] - means[i] <= Swift.max(tolerance * se, floor * span)
        }
        return (dimensions[band.first!], dimensions[best], band.map { dimensions[$0] })
    }

    /// Mean and standard error (sample s.d./√n; 0 for n = 1) of `values`.
    public static func meanAndStandardError(_ values: [Double]) -> (mean: Double, standardError: Double) {
        guard !values.isEmpty else { return (.nan, .nan) }
        let n = Double(values.count), mean = values.reduce(0, +) / n
        guard values.count > 1 else { return (mean, 0) }
        let v = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        return (mean, (v / n).squareRoot())
    }

    /// The estimate from per-seed values (`samples[i]` = the GoF of each seed at `dimensions[i]`),
    /// with the bootstrap over seeds drawn from `Xoshiro256(seed: seed)`.
    /// Returns nil when no candidate has a value.
    public static func estimate(dimensions: [Int], samples: [[Double]], tolerance: Double = 2, floor: Double = 0,
                                bootstrapResamples: Int = 1_000, seed: UInt64 = 0) -> DimensionEstimate? {
        estimate(dimensions: dimensions, samples: samples, criterion: DimensionCriterion(tolerance: tolerance, floor: floor),
                 bootstrapResamples: bootstrapResamples, seed: seed)
    }

    /// The same with any rule (`DimensionCriterion`); the bootstrap applies that rule too.
    public static func estimate(dimensions: [Int], samples: [[Double]], criterion: DimensionCriterion,
                                bootstrapResamples: Int = 1_000, seed: UInt64 = 0) -> DimensionEstimate? {
        let stats = samples.map(meanAndStandardError)
        guard let point = criterion.choose(dimensions: dimensions, means: stats.map(\.mean), standardErrors: stats.map(\.standardError))
        else { return nil }
        var rng = Xoshiro256(seed: seed)
        var counts: [Int: Int] = [:], draws: [Int] = []
        for _ in 0..<bootstrapResamples {
            let resampled = samples.map { s in s.isEmpty ? s : (0..<s.count).map { _ in s[rng.uniformInt(below: s.count)] } }
            let st = resampled.map(meanAndStandardError)
            if let c = criterion.choose(dimensions: dimensions, means: st.map(\.mean), standardErrors: st.map(\.standardError)) {
                counts[c.dimension, default: 0] += 1
                draws.append(c.dimension)
            }
        }
        draws.sort()
        let keys = counts.keys.sorted()
        let interval = draws.isEmpty ? [point.dimension, point.dimension]
            : [draws[Int(0.025 * Double(draws.count - 1))], draws[Int((0.975 * Double(draws.count - 1)).rounded(.up))]]
        return DimensionEstimate(dimension: point.dimension, best: point.best, band: point.band, bootstrapDimensions: keys,
                                 bootstrapFrequencies: keys.map { Double(counts[$0]!) / Double(Swift.max(draws.count, 1)) },
                                 bootstrapResamples: bootstrapResamples, bootstrapInterval: interval,
                                 tolerance: criterion.tolerance, floor: criterion.floor, rule: criterion.rule,
                                 fraction: criterion.fraction, latentOffset: criterion.latentOffset)
    }
}
