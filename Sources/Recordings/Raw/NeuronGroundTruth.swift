/// Ground truth as stored in a file: a `GroundTruth` whose columns are identified by neuron id
/// (unit id, ROI id or column index), so it survives readers and assemblers dropping neurons.
public struct NeuronGroundTruth: Sendable, Equatable {
    /// Neuron id of each column of `truth.encodes` (and of `truth.cellTypes`).
    public var neuronIds: [Int64]
    public var truth: GroundTruth

    public init(neuronIds: [Int64], truth: GroundTruth) {
        precondition(truth.encodes.allSatisfy { $0.count == neuronIds.count } && (truth.cellTypes?.count ?? neuronIds.count) == neuronIds.count,
                     "NeuronGroundTruth: rows must have one entry per neuron id (\(neuronIds.count))")
        self.neuronIds = neuronIds
        self.truth = truth
    }

    /// The truth for neurons `ids`, in that order; nil when any id has no entry.
    public func restricted(to ids: [Int64]) -> GroundTruth? {
        var column: [Int64: Int] = [:]
        for (c, id) in neuronIds.enumerated() where column[id] == nil { column[id] = c }
        var picks: [Int] = []
        picks.reserveCapacity(ids.count)
        for id in ids {
            guard let c = column[id] else { return nil }
            picks.append(c)
        }
        return GroundTruth(variables: truth.variables, encodes: truth.encodes.map { row in picks.map { row[$0] } },
                           cellTypes: truth.cellTypes.map { types in picks.map { types[$0] } })
    }
}
