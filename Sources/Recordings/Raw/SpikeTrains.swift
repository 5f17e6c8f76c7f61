/// Spike times of N units as read from a file, before binning.
public struct SpikeTrains: Sendable, Equatable {
    /// Unit identifiers from the file (NWB `id`, Phy cluster id), length N.
    public var ids: [Int64]
    /// Spike times in seconds, one ascending array per unit.
    public var times: [[Double]]
    /// Per-unit observation intervals (NWB `obs_intervals`), nil when the file has none.
    public var observed: [IntervalSet]?
    /// Free per-unit string columns (`quality`, `cell_type`, `KSLabel`, `location`, ...), each of length N.
    public var columns: [String: [String]]
    /// Object path or file the spikes came from.
    public var sourcePath: String

    public init(ids: [Int64], times: [[Double]], observed: [IntervalSet]? = nil, columns: [String: [String]] = [:], sourcePath: String) {
        self.ids = ids
        self.times = times
        self.observed = observed
        self.columns = columns
        self.sourcePath = sourcePath
    }

    public var unitCount: Int { ids.count }
    public var spikeCount: Int { times.reduce(0) { $0 + $1.count } }

    /// Earliest and latest spike over all units, nil without spikes.
    public var timeRange: ClosedRange<Double>? {
        let firsts = times.compactMap(\.first), lasts = times.compactMap(\.last)
        guard let lo = firsts.min(), let hi = lasts.max() else { return nil }
        return lo...hi
    }

    /// Metadata record of unit `i` (cell type from `cell_type`, area from `location`/`brain_area`, the rest in `extra`).
    public func neuronInfo(_ i: Int) -> NeuronInfo {
        var extra: [String: String] = [:]
        for (k, v) in columns where !["cell_type", "location", "brain_area"].contains(k) { extra[k] = v[i] }
        return NeuronInfo(id: ids[i], kind: .unit, area: columns["location"]?[i] ?? columns["brain_area"]?[i],
                          cellType: columns["cell_type"]?[i], extra: extra)
    }
}
