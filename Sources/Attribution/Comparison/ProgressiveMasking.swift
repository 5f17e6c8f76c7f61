/// TSR-style weighted precision and recall under progressive masking (Ismail et al. 2020,
/// [P4] §4.2–4.3; baselines.md §2), on the entries of one attribution map.
///
/// 1. R = |a|, then min-max scaled to [0, 1] (R = 0 everywhere when all entries are equal).
/// 2. Sort R decreasingly. For each saliency-mass level ℓ ∈ {0.1, 0.2, …, 0.9}, select the
///    smallest top-k set S_ℓ with Σ_{e ≤ k} R_(e) ≥ ℓ·Σ R ("the smallest top-k whose saliency
///    mass reaches ℓ").
/// 3. Weighted precision P_ℓ = Σ_{S_ℓ ∩ A} R / Σ_{S_ℓ} R; weighted recall
///    R_ℓ = Σ_{S_ℓ ∩ A} R / Σ_{A} R (A = truly salient entries).
/// 4. AUP = ∫P dℓ and AUR = ∫R dℓ by the trapezoid rule over the 9 levels (spacing 0.1, so
///    the maximum is 0.8); AUPR = trapezoid of P over R after sorting the 9 points by R.
public struct ProgressiveMasking: Sendable, Equatable, Codable {
    public static let levels: [Double] = (1...9).map { Double($0) / 10 }

    public var precision: [Double]
    public var recall: [Double]
    public var aup: Double
    public var aur: Double
    public var aupr: Double

    /// nil when the counts differ, there is no positive, or the map has no saliency mass.
    public init?(scores: [Double], labels: [Bool]) {
        guard scores.count == labels.count, labels.contains(true), scores.allSatisfy(\.isFinite) else { return nil }
        var r = scores.map { Swift.abs($0) }
        let lo = r.min()!, hi = r.max()!
        guard hi > lo else { return nil }
        r = r.map { ($0 - lo) / (hi - lo) }
        let order = r.indices.sorted { r[$0] > r[$1] || (r[$0] == r[$1] && $0 < $1) }
        let total = r.reduce(0, +)
        let truth = zip(r, labels).reduce(0.0) { $0 + ($1.1 ? $1.0 : 0) }
        var p: [Double] = [], rc: [Double] = []
        for level in ProgressiveMasking.levels {
            var mass = 0.0, hit = 0.0
            for e in order {
                mass += r[e]
                if labels[e] { hit += r[e] }
                if mass >= level * total { break }
            }
            p.append(mass > 0 ? hit / mass : 0)
            rc.append(truth > 0 ? hit / truth : 0)
        }
        precision = p
        recall = rc
        aup = WhiteBoxMetrics.trapezoid(x: ProgressiveMasking.levels, y: p)
        aur = WhiteBoxMetrics.trapezoid(x: ProgressiveMasking.levels, y: rc)
        let byRecall = zip(rc, p).sorted { $0.0 < $1.0 }
        aupr = WhiteBoxMetrics.trapezoid(x: byRecall.map(\.0), y: byRecall.map(\.1))
    }
}
