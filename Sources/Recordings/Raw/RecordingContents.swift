/// The neural part of a recording as read, before it is put on a regular time base.
public enum NeuralData: Sendable, Equatable {
    case spikes(SpikeTrains)
    case calcium(CalciumTraces)
    /// Any `[T, n]` array with its own sample times (generic HDF5, npy, CSV).
    case continuous(timestamps: [Double], values: [Float], ids: [Int64], path: String)

    /// Number of neurons (units, ROIs or columns).
    public var neuronCount: Int {
        switch self {
        case let .spikes(s): s.unitCount
        case let .calcium(c): c.roiCount
        case let .continuous(_, _, ids, _): ids.count
        }
    }
}

/// Everything a reader extracted from one file or folder: raw neural data, behaviour series on their own
/// clocks, interval sets and notes. `SessionAssembler` turns it into a `Session`.
public struct RecordingContents: Sendable, Equatable {
    /// File or folder read.
    public var source: String
    /// Reader name ("nwb", "suite2p", "kilosort", "npy", ...).
    public var reader: String
    /// Identifier (NWB `identifier`, folder name), used as the session id.
    public var identifier: String
    public var neural: NeuralData
    public var behaviour: [TimeSeriesData]
    /// Named interval sets: trials, epochs, invalid_times, ...
    public var intervals: [String: IntervalSet]
    /// Reader parameters worth recording (chosen series path, sample rate, ...).
    public var parameters: [String: String]
    /// Non-fatal notes, each starting with "warning:".
    public var warnings: [String]
    /// Ids dropped while reading, by reason (e.g. "iscell_0", "noise_cluster").
    public var dropped: [String: [Int64]]
    /// Ground truth stored in the file (simulations), keyed by neuron id.
    public var groundTruth: NeuronGroundTruth?

    public init(source: String, reader: String, identifier: String, neural: NeuralData, behaviour: [TimeSeriesData] = [],
                intervals: [String: IntervalSet] = [:], parameters: [String: String] = [:], warnings: [String] = [],
                dropped: [String: [Int64]] = [:], groundTruth: NeuronGroundTruth? = nil) {
        self.source = source
        self.reader = reader
        self.identifier = identifier
        self.neural = neural
        self.behaviour = behaviour
        self.intervals = intervals
        self.parameters = parameters
        self.warnings = warnings
        self.dropped = dropped
        self.groundTruth = groundTruth
    }
}
