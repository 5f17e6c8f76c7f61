/// Validated slices of a d-dimensional embedding and their disjoint blocks.
///
/// Rules (errors name the offending slice):
/// - every slice is non-empty and inside [0, d); the smallest start is 0 and the largest stop d;
/// - sorted by start, the slices leave no gap (a start beyond every earlier stop is an error);
/// - overlap is allowed, duplicates are not.
///
/// Disjoint blocks (for renormalisation, block-wise attribution scores and R² checks):
/// - without overlap, the slices themselves;
/// - with overlap, exactly one slice must cover [0, d); the others must be pairwise disjoint
///   and not cover [0, d) between them; the uncovered remainders become extra blocks.
///   {(0,4), (0,14)} → [0:4], [4:14]; {(0,6), (3,6)} → [0:3], [3:6].
public struct ObjectiveLayout: Sendable, Equatable {
    public let dimension: Int
    public let slices: [Range<Int>]
    public let blocks: [Range<Int>]

    public init(slices: [Range<Int>], dimension d: Int) throws {
        guard d >= 1 else { throw ConfigurationError.invalid("the output dimension must be ≥ 1, got \(d)") }
        guard !slices.isEmpty else { throw ConfigurationError.invalid("at least one objective is needed") }
        for s in slices where s.isEmpty || s.lowerBound < 0 || s.upperBound > d {
            throw ConfigurationError.invalid("slice (\(s.lowerBound),\(s.upperBound)) is empty or outside the embedding [0, \(d))")
        }
        var seen = Set<[Int]>()
        for s in slices where !seen.insert([s.lowerBound, s.upperBound]).inserted {
            throw ConfigurationError.invalid("slice (\(s.lowerBound),\(s.upperBound)) appears twice")
        }
        let sorted = slices.sorted { ($0.lowerBound, $0.upperBound) < ($1.lowerBound, $1.upperBound) }
        guard sorted.first!.lowerBound == 0 else {
            throw ConfigurationError.invalid("no slice starts at 0 (first is (\(sorted[0].lowerBound),\(sorted[0].upperBound))); dimensions 0..<\(sorted[0].lowerBound) would be untrained")
        }
        guard let maxStop = slices.map(\.upperBound).max(), maxStop == d else {
            throw ConfigurationError.invalid("no slice ends at the output dimension \(d); the last dimensions would be untrained")
        }
        var covered = 0
        for s in sorted {
            if s.lowerBound > covered {
                throw ConfigurationError.invalid("slice (\(s.lowerBound),\(s.upperBound)) leaves dimensions \(covered)..<\(s.lowerBound) uncovered")
            }
            covered = max(covered, s.upperBound)
        }
        dimension = d
        self.slices = slices
        blocks = try ObjectiveLayout.disjointBlocks(sorted, d)
    }

    private static func disjointBlocks(_ sorted: [Range<Int>], _ d: Int) throws -> [Range<Int>] {
        let overlapping = zip(sorted, sorted.dropFirst()).contains { $0.overlaps($1) }
        if !overlapping { return sorted }
        let full = sorted.filter { $0 == 0..<d }
        guard full.count == 1 else {
            throw ConfigurationError.invalid("overlapping slices need exactly one slice covering the whole embedding (0,\(d)); got \(sorted.map { "(\($0.lowerBound),\($0.upperBound))" }.joined(separator: ", "))")
        }
        let others = sorted.filter { $0 != 0..<d }
        for (a, b) in zip(others, others.dropFirst()) where a.overlaps(b) {
            throw ConfigurationError.invalid("slices (\(a.lowerBound),\(a.upperBound)) and (\(b.lowerBound),\(b.upperBound)) overlap; besides the full slice, slices must be disjoint")
        }
        var blocks: [Range<Int>] = []
        var cursor = 0
        for s in others {
            if s.lowerBound > cursor { blocks.append(cursor..<s.lowerBound) }
            blocks.append(s)
            cursor = s.upperBound
        }
        if cursor < d { blocks.append(cursor..<d) }
        guard blocks.count > others.count else {
            throw ConfigurationError.invalid("the behaviour and time slices coincide: the partial slices cover the whole embedding, leaving the full slice no dimensions of its own")
        }
        return blocks
    }
}
