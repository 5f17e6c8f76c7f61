/// Per-neuron scores for one behaviour variable (or the time-only block), xcebra.md §7.9.
public struct VariableScores: Sendable, Equatable {
    /// "position", "z2", "position+speed", or "time".
    public var variable: String
    /// The disjoint block whose rows define the score.
    public var block: Range<Int>
    /// score_i = mean_{r ∈ block} A[r, i].
    public var scores: [Double]
    /// z_i = (score_i − mean) / sd across neurons (sd with n − 1; all zero when sd = 0).
    public var z: [Double]
    /// rank_i: 1 = strongest; ties broken by neuron index.
    public var ranks: [Int]

    /// Neuron indices from strongest to weakest.
    public var order: [Int] { ranks.indices.sorted { ranks[$0] < ranks[$1] } }
}

public enum NeuronScoring {
    /// Scores of every neuron for every block of the map.
    public static func scores(map: AttributionMap, blocks: [BlockAssignment]) -> [VariableScores] {
        zip(BlockAssignment.labels(blocks), blocks).map { label, b in
            variableScores(rowSums: blockMeans(map.values, cols: map.cols, rows: b.dimensions), variable: label, block: b.dimensions)
        }
    }

    /// mean over `rows` of a row-major matrix with `cols` columns.
    static func blockMeans(_ values: [Double], cols: Int, rows: Range<Int>) -> [Double] {
        (0..<cols).map { j in rows.reduce(0.0) { $0 + values[$1 * cols + j] } / Double(rows.count) }
    }

    static func variableScores(rowSums s: [Double], variable: String, block: Range<Int>) -> VariableScores {
        let z = zScores(s)
        let order = s.indices.sorted { s[$0] > s[$1] || (s[$0] == s[$1] && $0 < $1) }
        var ranks = [Int](repeating: 0, count: s.count)
        for (r, i) in order.enumerated() { ranks[i] = r + 1 }
        return VariableScores(variable: variable, block: block, scores: s, z: z, ranks: ranks)
    }

    /// (x − mean)/sd with the n − 1 standard deviation; zeros when sd is 0 or n < 2.
    public static func zScores(_ x: [Double]) -> [Double] {
        guard x.count >= 2 else { return x.map { _ in 0 } }
        let mean = x.reduce(0, +) / Double(x.count)
        let sd = (x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(x.count - 1)).squareRoot()
        guard sd > 0, sd.isFinite else { return x.map { _ in 0 } }
        return x.map { ($0 - mean) / sd }
    }
}
