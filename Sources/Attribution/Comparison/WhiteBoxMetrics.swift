import Foundation

/// The white-box metrics of time_interpret (tint 0.3, used by the ContraLSP paper [P2]) for an
/// attribution map against a boolean ground truth, over the flattened entries (baselines.md §2).
///
/// Normalisation (as the spec states tint's): a′ = (a − min)/(max − min + 1e-5) over all
/// entries (our maps are one d × n map, i.e. one "sample"). Then, with A the truly salient set:
///
/// - Precision/recall curve exactly as `sklearn.metrics.precision_recall_curve` (≥ 1.1): the
///   thresholds τ_1 < … < τ_K are the distinct scores; P(τ) and R(τ) are the precision and
///   recall of {a′ ≥ τ}.
/// - AUP = ∫P dτ and AUR = ∫R dτ by the trapezoid rule over the thresholds (tint pairs
///   P[:-1] with the thresholds; undefined, nil, with fewer than two distinct scores).
/// - AUPRC = average precision (`RankingMetrics.averagePrecision`, sklearn's
///   `average_precision_score`, as tint).
/// - I_m(A) = Σ_{e∈A} |log₂(1 − a′_e + 1e-5)| (mask information, higher is better).
/// - S_m(A) = Σ_{e∈A} [a′_e |log₂(a′_e + 1e-5)| + (1 − a′_e)|log₂(1 − a′_e + 1e-5)|]
///   (mask entropy, lower is better). Papers print I_m/10⁴ and S_m/10²; we report raw sums.
/// - auROC = `RankingMetrics.auROC`.
public struct WhiteBoxMetrics: Sendable, Equatable, Codable {
    public var auROC: Double?
    public var auprc: Double?
    public var aup: Double?
    public var aur: Double?
    public var information: Double
    public var entropy: Double

    public static let epsilon = 1e-5

    /// - Parameter normalize: min-max scale first (tint's default; tests switch it off).
    /// - Returns: nil when the counts differ, the map is empty or a score is not finite.
    public init?(scores: [Double], labels: [Bool], normalize: Bool = true) {
        guard scores.count == labels.count, !scores.isEmpty, scores.allSatisfy(\.isFinite) else { return nil }
        var a = scores
        if normalize {
            let lo = a.min()!, hi = a.max()!
            a = a.map { ($0 - lo) / (hi - lo + WhiteBoxMetrics.epsilon) }
        }
        auROC = RankingMetrics.auROC(scores: a, labels: labels)
        auprc = RankingMetrics.averagePrecision(scores: a, labels: labels)
        let curve = WhiteBoxMetrics.precisionRecallCurve(scores: a, labels: labels)
        if let curve, curve.thresholds.count >= 2 {
            aup = WhiteBoxMetrics.trapezoid(x: curve.thresholds, y: curve.precision)
            aur = WhiteBoxMetrics.trapezoid(x: curve.thresholds, y: curve.recall)
        }
        let eps = WhiteBoxMetrics.epsilon
        var info = 0.0, ent = 0.0
        for (v, t) in zip(a, labels) where t {
            info += Swift.abs(log2(1 - v + eps))
            ent += v * Swift.abs(log2(v + eps)) + (1 - v) * Swift.abs(log2(1 - v + eps))
        }
        information = info
        entropy = ent
    }

    /// sklearn's curve: thresholds increasing, precision and recall at each (without the final
    /// (1, 0) point sklearn appends). nil without positives.
    public static func precisionRecallCurve(scores: [Double], labels: [Bool]) -> (thresholds: [Double], precision: [Double], recall: [Double])? {
        let positives = labels.reduce(0) { $0 + ($1 ? 1 : 0) }
        guard positives > 0 else { return nil }
        var thresholds: [Double] = [], precision: [Double] = [], recall: [Double] = []
        var tp = 0.0, seen = 0.0
        for group in RankingMetrics.tiedGroups(scores) {
            for i in group where labels[i] { tp += 1 }
            seen += Double(group.count)
            thresholds.append(scores[group[0]])
            precision.append(tp / seen)
            recall.append(tp / Double(positives))
        }
        return (thresholds.reversed(), precision.reversed(), recall.reversed())
    }

    /// ∫ y dx by the trapezoid rule over increasing x.
    static func trapezoid(x: [Double], y: [Double]) -> Double {
        var s = 0.0
        for k in 1..<x.count { s += (x[k] - x[k - 1]) * (y[k] + y[k - 1]) / 2 }
        return s
    }
}
