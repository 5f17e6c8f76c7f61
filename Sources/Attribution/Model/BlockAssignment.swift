import Contrastive

/// One disjoint block of the embedding (xcebra.md §2) and the behaviour variables whose
/// objective trained it; a block no behaviour objective owns is the time-only block.
public struct BlockAssignment: Sendable, Equatable {
    /// Embedding dimensions of the block.
    public var dimensions: Range<Int>
    /// Behaviour variables of the objective whose slice is exactly this block (empty: time).
    public var variables: [String]

    public init(dimensions: Range<Int>, variables: [String]) {
        self.dimensions = dimensions
        self.variables = variables
    }

    /// Label used in outputs: the variables joined by "+", or "time" for the time-only block
    /// ("time#2" etc. when there are several).
    public var isTimeOnly: Bool { variables.isEmpty }

    /// Each block of `layout` gets the variables of the behaviour-contrastive objective whose
    /// slice equals it (the full time slice of an overlapping layout never equals a block, so
    /// its remainder blocks are time-only).
    public static func assign(layout: ObjectiveLayout, objectives: [Objective]) -> [BlockAssignment] {
        layout.blocks.map { block in
            let owner = objectives.first { $0.slice == block && !$0.positives.variables.isEmpty }
            return BlockAssignment(dimensions: block, variables: owner?.positives.variables ?? [])
        }
    }

    /// Labels for a list of blocks: behaviour blocks "position", "z2", "position+speed";
    /// time-only blocks "time" (numbered "time", "time#2", … when there are several).
    public static func labels(_ blocks: [BlockAssignment]) -> [String] {
        var timeCount = 0
        return blocks.map { b in
            if !b.isTimeOnly { return b.variables.joined(separator: "+") }
            timeCount += 1
            return timeCount == 1 ? "time" : "time#\(timeCount)"
        }
    }
}
