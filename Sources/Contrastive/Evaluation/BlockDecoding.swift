import Foundation
import Recordings
import Tensors

/// Held-out linear R² of every behaviour variable from every disjoint embedding block: the
/// diagnostic that a behaviour block carries its variable and the time block does not
/// (xcebra.md §10: diagonal ≥ 0.9, off-diagonal ≤ 0.3 on the synthetic benchmark).
public struct BlockDecoding: Codable, Sendable, Equatable {
    public struct Entry: Codable, Sendable, Equatable {
        public var variable: String
        public var block: [Int]
        public var r2: Double
    }

    public var entries: [Entry]

    /// Circular variables are decoded as (cos, sin). The split is contiguous: fit on the first
    /// `trainFraction`, score on the rest.
    public init(embedding: Tensor, blocks: [Range<Int>], session: Session, trainFraction: Double = 0.8) throws {
        var entries: [Entry] = []
        for v in session.behaviour {
            let (target, k) = BlockDecoding.target(v)
            for b in blocks {
                let r2 = try LinearDecoder.heldOutR2(embedding: embedding, block: b, target: target, targetColumns: k, trainFraction: trainFraction)
                entries.append(Entry(variable: v.name, block: [b.lowerBound, b.upperBound], r2: r2))
            }
        }
        self.entries = entries
    }

    /// The values a linear decoder predicts for `v`: raw columns, or (cos, sin) of each column
    /// of an angle, row-major `[T, k]`.
    public static func target(_ v: BehaviourVariable) -> (values: [Double], columns: Int) {
        guard v.isCircular else { return (v.values, v.columns) }
        let t = v.sampleCount, k = 2 * v.columns
        var y = [Double](repeating: 0, count: t * k)
        for i in 0..<t { for c in 0..<v.columns {
            y[i * k + 2 * c] = Foundation.cos(v[i, c])
            y[i * k + 2 * c + 1] = Foundation.sin(v[i, c])
        } }
        return (y, k)
    }

    public func r2(variable: String, block: Range<Int>) -> Double? {
        entries.first { $0.variable == variable && $0.block == [block.lowerBound, block.upperBound] }?.r2
    }

    /// A small text table: variables down, blocks across.
    public var table: String {
        let blocks = entries.map(\.block).reduce(into: [[Int]]()) { if !$0.contains($1) { $0.append($1) } }
        let vars = entries.map(\.variable).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let width = max(20, (vars.map(\.count).max() ?? 0) + 2)
        var lines = ["held-out linear R²".padding(toLength: width, withPad: " ", startingAt: 0)
                     + blocks.map { "  dims \($0[0])-\($0[1] - 1)" }.joined()]
        for v in vars {
            lines.append(v.padding(toLength: width, withPad: " ", startingAt: 0)
                         + blocks.map { b in String(format: "  %9.3f", entries.first { $0.variable == v && $0.block == b }?.r2 ?? .nan) }.joined())
        }
        return lines.joined(separator: "\n")
    }
}
