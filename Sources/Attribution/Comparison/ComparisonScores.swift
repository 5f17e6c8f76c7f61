/// Every ground-truth metric of one attribution map (d × n, the mean |attribution| per entry)
/// over the map rows that have a ground truth (`GroundTruthAlignment`).
public struct ComparisonScores: Sendable, Equatable, Codable {
    public var auROC: Double?
    public var auprc: Double?
    public var aup: Double?
    public var aur: Double?
    public var information: Double?
    public var entropy: Double?
    public var tsrAUP: Double?
    public var tsrAUR: Double?
    public var tsrAUPR: Double?
    public var gapMinMax: Double?

    public init(map: AttributionMap, alignment: GroundTruthAlignment) {
        let scores = alignment.entries(of: map), labels = alignment.labels
        let w = WhiteBoxMetrics(scores: scores, labels: labels)
        auROC = w?.auROC
        auprc = w?.auprc
        aup = w?.aup
        aur = w?.aur
        information = w?.information
        entropy = w?.entropy
        let p = ProgressiveMasking(scores: scores, labels: labels)
        tsrAUP = p?.aup
        tsrAUR = p?.aur
        tsrAUPR = p?.aupr
        gapMinMax = MapMetrics(map: scores, groundTruth: labels)?.gapMinMax
    }

    /// (column name, value) in table order.
    public var columns: [(String, Double?)] {
        [("auroc", auROC), ("auprc", auprc), ("aup", aup), ("aur", aur), ("information", information), ("entropy", entropy),
         ("tsr_aup", tsrAUP), ("tsr_aur", tsrAUR), ("tsr_aupr", tsrAUPR), ("gap_minmax", gapMinMax)]
    }

    public static let columnNames = ["auroc", "auprc", "aup", "aur", "information", "entropy", "tsr_aup", "tsr_aur", "tsr_aupr", "gap_minmax"]
}
