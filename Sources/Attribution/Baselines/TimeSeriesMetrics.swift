import Foundation
import Tensors

/// The white-box metrics of the time-series papers (baselines.md §2), over attributions
/// `[N, T, D]` and a binary truth of the same shape.
///
/// Normalisation (tint): each sample is scaled over all its cells to
/// a' = (a − min)/(max + 1e-5) (tint's code; the spec's (max − min + 1e-5) is the same when
/// min = 0, as for masks and |gradients|), then all samples are flattened together.
///
/// Curves: for every distinct score τ (increasing), P(τ) and R(τ) are the precision and recall of
/// {a' ≥ τ} (scikit-learn's full `precision_recall_curve`, whose last point is (R, P) = (0, 1)).
/// - AUP = ∫P dτ, AUR = ∫R dτ by the trapezoid rule over the thresholds. `.tint` pairs P(τ_i)
///   with τ_i (tint: `precision[:-1]`); `.shifted` pairs P(τ_{i+1}) with τ_i (the rare scripts'
///   `precision[1:]`, an off-by-one that lifts near-binary masks to AUP ≈ 1).
/// - AUPRC = ∫P dR, trapezoid over the curve including its end point (0, 1).
/// - I_m = Σ_{truth} |log₂(1 − a' + 1e-5)| (↑), S_m = Σ_{truth} a'|log₂(a' + 1e-5)| +
///   (1 − a')|log₂(1 − a' + 1e-5)| (↓); published tables divide I_m by 10⁴ and S_m by 10²
///   (rare) or 10³.
/// - auROC: `RankingMetrics.auROC` on the normalised scores.
public struct TimeSeriesMetrics: Sendable, Equatable, Codable {
    public enum Pairing: String, Sendable { case tint, shifted }

    public var aup: Double
    public var aur: Double
    public var auprc: Double
    public var information: Double
    public var entropy: Double
    public var auroc: Double

    public init(attributions a: Tensor, truth: Tensor, pairing: Pairing = .tint) throws {
        guard a.shape == truth.shape, a.rank >= 2 else {
            throw AttributionError.incompatible("metrics: attributions \(a.shape) and truth \(truth.shape) must have the same shape [N, …]")
        }
        let scores = TimeSeriesMetrics.normalised(a)
        let labels = truth.scalars.map { $0 != 0 }
        guard labels.contains(true), labels.contains(false) else {
            throw AttributionError.incompatible("metrics: the truth must contain both salient and non-salient cells")
        }
        (aup, aur, auprc) = TimeSeriesMetrics.curves(scores: scores, labels: labels, pairing: pairing)
        var info = 0.0, ent = 0.0
        for (s, l) in zip(scores, labels) where l {
            let keep = Swift.abs(Foundation.log2(1 - s + 1e-5))
            info += keep
            ent += s * Swift.abs(Foundation.log2(s + 1e-5)) + (1 - s) * keep
        }
        information = info
        entropy = ent
        auroc = RankingMetrics.auROC(scores: scores, labels: labels) ?? 0.5
    }

    /// Per-sample (a − min)/(max + 1e-5), flattened, in Double.
    public static func normalised(_ a: Tensor) -> [Double] {
        let n = a.shape[0], m = a.count / Swift.max(n, 1)
        var out = [Double](repeating: 0, count: a.count)
        for b in 0..<n {
            let row = a.scalars[(b * m)..<((b + 1) * m)]
            let lo = Double(row.min() ?? 0), hi = Double(row.max() ?? 0)
            for (i, v) in row.enumerated() { out[b * m + i] = (Double(v) - lo) / (hi + 1e-5) }
        }
        return out
    }

    /// (AUP, AUR, AUPRC) from scikit-learn's precision–recall curve.
    static func curves(scores: [Double], labels: [Bool], pairing: Pairing) -> (Double, Double, Double) {
        let groups = RankingMetrics.tiedGroups(scores)  // decreasing score
        let positives = Double(labels.reduce(0) { $0 + ($1 ? 1 : 0) })
        var tp = 0.0, seen = 0.0
        var thresholds: [Double] = [], precision: [Double] = [], recall: [Double] = []
        for g in groups {
            for i in g where labels[i] { tp += 1 }
            seen += Double(g.count)
            thresholds.append(scores[g[0]])
            precision.append(tp / seen)
            recall.append(tp / positives)
        }
        thresholds.reverse(); precision.reverse(); recall.reverse()  // increasing τ, as sklearn
        let pAt: [Double] = pairing == .tint ? precision : Array(precision.dropFirst()) + [1]
        var aup = 0.0, aur = 0.0
        for i in 1..<Swift.max(thresholds.count, 1) {
            let w = thresholds[i] - thresholds[i - 1]
            aup += w * (pAt[i] + pAt[i - 1]) / 2
            aur += w * (recall[i] + recall[i - 1]) / 2
        }
        // ∫P dR over recall decreasing from R(τ_1) to 0, with the end point (0, 1).
        let r = recall + [0], p = precision + [1]
        var auprc = 0.0
        for i in 1..<r.count { auprc += (r[i - 1] - r[i]) * (p[i] + p[i - 1]) / 2 }
        return (aup, aur, auprc)
    }
}
