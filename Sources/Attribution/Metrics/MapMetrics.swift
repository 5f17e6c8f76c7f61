/// Scores of an attribution map A (d × n) against a boolean ground truth G (d × n)
/// (xcebra.md §7.7), over the d·n flattened entries with G true as the positive class.
public struct MapMetrics: Sendable, Equatable, Codable {
    public var auROC: Double?
    public var averagePrecision: Double?
    /// max, mean, min of A over connected (G true) and non-connected entries.
    public var maxConnected: Double, meanConnected: Double, minConnected: Double
    public var maxNonConnected: Double, meanNonConnected: Double, minNonConnected: Double
    /// gap_max = max_c − max_nc; gap_mean = mean_c − mean_nc; gap_min = min_c − min_nc;
    /// gap_minmax = min_c − max_nc (> 0 ⇔ perfect separation ⇔ auROC = 1).
    public var gapMax: Double, gapMean: Double, gapMin: Double, gapMinMax: Double
    public var globalMax: Double, globalMin: Double

    /// - Returns: nil when the shapes differ or either class is empty.
    public init?(map: [Double], groundTruth: [Bool]) {
        guard map.count == groundTruth.count, !map.isEmpty else { return nil }
        let c = zip(map, groundTruth).filter { $0.1 }.map(\.0)
        let nc = zip(map, groundTruth).filter { !$0.1 }.map(\.0)
        guard !c.isEmpty, !nc.isEmpty else { return nil }
        auROC = RankingMetrics.auROC(scores: map, labels: groundTruth)
        averagePrecision = RankingMetrics.averagePrecision(scores: map, labels: groundTruth)
        maxConnected = c.max()!; minConnected = c.min()!; meanConnected = c.reduce(0, +) / Double(c.count)
        maxNonConnected = nc.max()!; minNonConnected = nc.min()!; meanNonConnected = nc.reduce(0, +) / Double(nc.count)
        gapMax = maxConnected - maxNonConnected
        gapMean = meanConnected - meanNonConnected
        gapMin = minConnected - minNonConnected
        gapMinMax = minConnected - maxNonConnected
        globalMax = map.max()!
        globalMin = map.min()!
    }

    /// The metrics as a JSON-friendly dictionary.
    public var dictionary: [String: Any] {
        var d: [String: Any] = [
            "max_connected": maxConnected, "mean_connected": meanConnected, "min_connected": minConnected,
            "max_nonconnected": maxNonConnected, "mean_nonconnected": meanNonConnected, "min_nonconnected": minNonConnected,
            "gap_max": gapMax, "gap_mean": gapMean, "gap_min": gapMin, "gap_minmax": gapMinMax,
            "max": globalMax, "min": globalMin,
        ]
        if let auROC { d["auroc"] = auROC }
        if let averagePrecision { d["auprc"] = averagePrecision }
        return d
    }
}
