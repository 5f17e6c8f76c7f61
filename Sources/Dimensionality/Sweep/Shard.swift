/// The i-th of n shards of a job list (1 ≤ i ≤ n): jobs are dealt round-robin, job j (0-based)
/// going to shard (j mod n) + 1, so each shard gets a mix of small and large d′.
public struct Shard: Codable, Sendable, Equatable, CustomStringConvertible {
    public let index: Int
    public let count: Int

    public init(index: Int, count: Int) throws {
        guard count >= 1, (1...count).contains(index) else {
            throw DimensionalityError.invalidPlan("shard \(index)/\(count) is not valid; use i/n with 1 ≤ i ≤ n")
        }
        self.index = index
        self.count = count
    }

    /// Parses "i/n" (e.g. "2/4").
    public init(parsing text: String) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]) else {
            throw DimensionalityError.invalidPlan("shard '\(text)' is not of the form i/n (e.g. 1/4)")
        }
        try self.init(index: i, count: n)
    }

    /// Whether job `j` (0-based position in the full job list) belongs to this shard.
    public func contains(job j: Int) -> Bool { j % count == index - 1 }

    public var description: String { "\(index)/\(count)" }
}
