/// The i-th of n shards of a batch (1-based, as SLURM array indices are usually written):
/// entry k (0-based, manifest order) belongs to shard (k mod n) + 1, so shards get sessions
/// spread over the manifest rather than contiguous runs of similar sessions.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    public let index: Int
    public let count: Int

    public static let all = Shard(uncheckedIndex: 1, count: 1)

    private init(uncheckedIndex i: Int, count n: Int) {
        index = i
        count = n
    }

    /// Parses "i/n" with 1 ≤ i ≤ n.
    public init(_ text: String) throws {
        let parts = text.split(separator: "/").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let i = parts[0], let n = parts[1], n >= 1, i >= 1, i <= n else {
            throw BatchError.shard("--shard '\(text)': expected i/n with 1 ≤ i ≤ n (e.g. 3/8; in SLURM: $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT)")
        }
        self.init(uncheckedIndex: i, count: n)
    }

    public func contains(position k: Int) -> Bool { k % count == index - 1 }

    public var description: String { "\(index)/\(count)" }
}
