import Foundation

/// How a sweep's goodness-of-fit curve becomes one dimension.
///
/// - `band`: the smallest d′ whose mean is within k standard errors (and at least `floor` bits
///   per dimension between them) of the best mean (xcebra.md §8, with a floor). Right when the curve saturates: a Euclidean
///   slice on the synthetic benchmark (exact in 10, 10, 9 of 10 datasets for k = 1, 2, 3).
/// - `elbow`: the first candidate after which one more dimension adds less than `fraction` of
///   the largest gain per dimension seen so far:
///
///       g_i = (m_{i+1} − m_i) / (d_{i+1} − d_i)             bits per added dimension
///       r_i = max(fraction · max_{j<i} g_j,  k·√(s_i² + s_{i+1}²) / (d_{i+1} − d_i),  floor)
///       chosen = d_i for the smallest i with g_i ≤ r_i (the largest candidate when none)
///
///   with m, s the mean and s.e. over seeds (the first gain only has to clear the noise and the
///   floor). Why a second rule: a normalised (cosine) slice lives on the sphere S^{d′−1}, and
///   there the curve does not plateau. A c-dimensional latent needs d′ = c + 1 to be mapped
///   injectively; past that, every extra dimension lets the similarity kernel sharpen, so the
///   GoF keeps rising by 0.1–0.6 bits per dimension, and seeds that agree closely make the band
///   rule pick d′ = 4–6 for a 2-D position (docs/results/dimensionality-confusion.md). The elbow asks for the gain to drop, not
///   to vanish. It compares gains between candidates only, because the first candidate's bits
///   over chance are not one latent dimension's worth (a circle, d′ = 2, already wraps through
///   a 2-D arena). `latentOffset` (1 for a normalised slice) is how reports translate d′ into a
///   latent dimension; it does not change the choice.
public enum DimensionRule: String, Codable, Sendable, CaseIterable {
    case band
    case elbow
}

/// A rule with its parameters.
public struct DimensionCriterion: Codable, Sendable, Equatable {
    public var rule: DimensionRule
    /// The multiplier k on standard errors.
    public var tolerance: Double
    /// Smallest gain that counts: bits for `band`, bits per added dimension for `elbow`.
    public var floor: Double
    /// `elbow`: the fraction of the largest earlier gain a new dimension must add.
    public var fraction: Double
    /// Dimensions of a candidate that carry no latent dimension (1 for a normalised slice, whose
    /// d′ dimensions hold a (d′ − 1)-dimensional latent): a property of the slice, recorded with
    /// either rule for reports; it does not change the choice.
    public var latentOffset: Int

    public init(rule: DimensionRule = .band, tolerance: Double = 2, floor: Double = DimensionEstimate.defaultFloor,
                fraction: Double = 0.5, latentOffset: Int = 0) {
        self.rule = rule
        self.tolerance = tolerance
        self.floor = floor
        self.fraction = fraction
        self.latentOffset = latentOffset
    }

    /// The band rule with the sweeps' defaults (k = 2, floor 0.1 bits).
    public static let band = DimensionCriterion()

    /// The elbow rule for a normalised slice (fraction ½; reported with latent offset 1).
    public static let normalisedElbow = DimensionCriterion(rule: .elbow, latentOffset: 1)

    /// `self` with the latent offset of a normalised (1) or Euclidean (0) slice.
    public func forSlice(normalised: Bool) -> DimensionCriterion {
        var c = self
        c.latentOffset = normalised ? 1 : 0
        return c
    }

    /// The rule as printed by the CLI and stored in every summary.
    public var description: String {
        switch rule {
        case .band:
            return String(format: """
                chosen d′ = the smallest candidate d whose mean GoF is within k standard errors of the best: \
                mean(best) − mean(d) ≤ max(k·√(se(best)² + se(d)²), floor·max(1, |best − d|)), k = %g, floor = %g bits per dimension, \
                s.e. = sample s.d. over seeds / √seeds (0 for one seed); best = the highest mean (smallest d on ties)
                """, tolerance, floor)
        case .elbow:
            return String(format: """
                chosen d′ = the first candidate d_i after which one more dimension adds less than %g of the largest \
                gain per dimension so far: g_i = (m_{i+1} − m_i)/(d_{i+1} − d_i) ≤ max(%g·max_{j<i} g_j, \
                k·√(se_i² + se_{i+1}²)/(d_{i+1} − d_i), floor), k = %g, floor = %g bits per added dimension (m, se: mean \
                and s.e. of the GoF over seeds); the largest candidate when no step qualifies%@
                """, fraction, fraction, tolerance, floor,
                latentOffset > 0 ? "; a normalised slice of d′ dimensions holds a (d′ − \(latentOffset))-dimensional latent" : "")
        }
    }

    /// Applies the rule to a curve (equal lengths, `dimensions` in any order). `best` is the
    /// candidate with the highest mean and `band` the candidates within the band rule's
    /// tolerance of it, for both rules. Nil for an empty curve or one without finite means.
    public func choose(dimensions: [Int], means: [Double], standardErrors: [Double]) -> (dimension: Int, best: Int, band: [Int])? {
        guard let band = DimensionEstimate.choose(dimensions: dimensions, means: means, standardErrors: standardErrors,
                                                  tolerance: tolerance, floor: floor) else { return nil }
        guard rule == .elbow else { return band }
        let order = dimensions.indices.filter { means[$0].isFinite }.sorted { dimensions[$0] < dimensions[$1] }
        var largest = 0.0
        for (a, b) in zip(order, order.dropFirst()) {
            let step = Double(dimensions[b] - dimensions[a])
            let gain = (means[b] - means[a]) / step
            let noise = tolerance * (standardErrors[a] * standardErrors[a] + standardErrors[b] * standardErrors[b]).squareRoot() / step
            // `!(>)`: a gain equal to the threshold (a flat curve with floor 0) or NaN (duplicate candidates) stops.
            if !(gain > Swift.max(fraction * largest, noise, floor)) { return (dimensions[a], band.best, band.band) }
            largest = Swift.max(largest, gain)
        }
        return (dimensions[order.last!], band.best, band.band)
    }
}
