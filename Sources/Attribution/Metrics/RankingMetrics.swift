/// Ranking quality of scores against boolean labels, exactly as scikit-learn computes it.
public enum RankingMetrics {
    /// Area under the ROC curve (`sklearn.metrics.roc_auc_score`): the ROC curve has one point
    /// per distinct score (thresholds in decreasing order, tied scores enter together) and the
    /// area is the trapezoid rule, so a tie between a positive and a negative counts ½; all
    /// scores equal → 0.5. Equals the Mann–Whitney U/(P·N) with ties ½.
    /// - Returns: nil when either class is empty (undefined; sklearn raises).
    public static func auROC(scores: [Double], labels: [Bool]) -> Double? {
        precondition(scores.count == labels.count, "auROC: \(scores.count) scores for \(labels.count) labels")
        let p = labels.reduce(0) { $0 + ($1 ? 1 : 0) }, nNeg = labels.count - p
        guard p > 0, nNeg > 0 else { return nil }
        var area = 0.0, tp = 0.0, fp = 0.0
        for group in tiedGroups(scores) {
            var dtp = 0.0, dfp = 0.0
            for i in group { if labels[i] { dtp += 1 } else { dfp += 1 } }
            // Trapezoid between (fp, tp) and (fp + dfp, tp + dtp), unnormalised.
            area += dfp * (tp + dtp / 2)
            tp += dtp
            fp += dfp
        }
        return area / (Double(p) * Double(nNeg))
    }

    /// Average precision (`sklearn.metrics.average_precision_score`):
    /// AP = Σ_k (R_k − R_{k−1})·P_k over the distinct thresholds in decreasing order, where P_k
    /// and R_k count every sample scoring ≥ the k-th threshold (no interpolation).
    /// - Returns: nil when there is no positive.
    public static func averagePrecision(scores: [Double], labels: [Bool]) -> Double? {
        precondition(scores.count == labels.count, "averagePrecision: \(scores.count) scores for \(labels.count) labels")
        let p = labels.reduce(0) { $0 + ($1 ? 1 : 0) }
        guard p > 0 else { return nil }
        var ap = 0.0, tp = 0.0, seen = 0.0, lastRecall = 0.0
        for group in tiedGroups(scores) {
            for i in group where labels[i] { tp += 1 }
            seen += Double(group.count)
            let recall = tp / Double(p)
            ap += (recall - lastRecall) * (tp / seen)
            lastRecall = recall
        }
        return ap
    }

    /// Indices grouped by equal score, groups in decreasing score order (NaN sorts last, as the
    /// lowest score).
    static func tiedGroups(_ scores: [Double]) -> [[Int]] {
        let order = scores.indices.sorted { a, b in
            let x = scores[a], y = scores[b]
            if x.isNaN { return false }
            if y.isNaN { return true }
            return x > y
        }
        var groups: [[Int]] = []
        for i in order {
            if let last = groups.last?.last, scores[last] == scores[i] || (scores[last].isNaN && scores[i].isNaN) {
                groups[groups.count - 1].append(i)
            } else {
                groups.append([i])
            }
        }
        return groups
    }
}
