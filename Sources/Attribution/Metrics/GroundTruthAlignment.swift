import Recordings

/// Expands a session's ground truth (variables × neurons) to the rows of an attribution map
/// (embedding dimensions × neurons) through the block assignment.
///
/// Ground-truth variables are matched by name; per-dimension rows "z1[0]", "z1[1]", … are
/// merged into "z1" (logical or). Each behaviour block's rows get the or of its variables'
/// rows. The time-only block gets `timeVariable` when given, else the single ground-truth
/// variable no behaviour block uses (the synthetic benchmark: z1); otherwise it has no ground
/// truth and its rows are left out of the metrics.
public struct GroundTruthAlignment: Sendable, Equatable {
    /// Map rows with a ground truth, in increasing order.
    public var rows: [Int]
    /// G restricted to `rows`, row-major `rows.count × n`.
    public var labels: [Bool]
    /// Ground-truth variable per block (nil: none), parallel to the blocks.
    public var blockVariables: [String?]
    public var neurons: Int

    public init?(groundTruth: GroundTruth, blocks: [BlockAssignment], neurons n: Int, timeVariable: String? = nil) {
        var merged: [String: [Bool]] = [:]
        var order: [String] = []
        for (name, row) in zip(groundTruth.variables, groundTruth.encodes) where row.count == n {
            let base = name.firstIndex(of: "[").map { String(name[..<$0]) } ?? name
            if merged[base] == nil { order.append(base); merged[base] = row } else {
                merged[base] = zip(merged[base]!, row).map { $0 || $1 }
            }
        }
        let used = Set(blocks.flatMap(\.variables))
        let unused = order.filter { !used.contains($0) }
        let timeTruth = timeVariable ?? (unused.count == 1 ? unused[0] : nil)
        var rows: [Int] = [], labels: [Bool] = [], blockVariables: [String?] = []
        for b in blocks {
            let names = b.isTimeOnly ? (timeTruth.map { [$0] } ?? []) : b.variables
            let present = names.compactMap { merged[$0] }
            guard !names.isEmpty, present.count == names.count else { blockVariables.append(nil); continue }
            blockVariables.append(names.joined(separator: "+"))
            let row = present.dropFirst().reduce(present[0]) { zip($0, $1).map { $0 || $1 } }
            for r in b.dimensions { rows.append(r); labels += row }
        }
        guard !rows.isEmpty else { return nil }
        self.rows = rows
        self.labels = labels
        self.blockVariables = blockVariables
        neurons = n
    }

    /// The map entries of `rows`, flattened in the same order as `labels`.
    public func entries(of map: AttributionMap) -> [Double] { rows.flatMap { r in (0..<map.cols).map { map[r, $0] } } }

    /// Metrics of `map` over all aligned rows.
    public func metrics(_ map: AttributionMap) -> MapMetrics? { MapMetrics(map: entries(of: map), groundTruth: labels) }

    /// Metrics of one block's rows against its own ground-truth row (per-variable auROC).
    public func metrics(_ map: AttributionMap, block: BlockAssignment) -> MapMetrics? {
        let sel = rows.enumerated().filter { block.dimensions.contains($0.element) }
        guard !sel.isEmpty else { return nil }
        let n = neurons
        return MapMetrics(map: sel.flatMap { r in (0..<n).map { map[r.element, $0] } },
                          groundTruth: sel.flatMap { Array(labels[($0.offset * n)..<(($0.offset + 1) * n)]) })
    }
}
