import Tensors

/// One recording session, aligned on a single time base: the unit of everything downstream
/// (training, attribution, reports).
///
/// Neural activity is `[T, N]` Float32 (spike counts per bin, or calcium traces per frame);
/// every behaviour variable is sampled on the same `timestamps` (seconds, strictly increasing).
public struct Session: Sendable {
    /// Short identifier (file stem, NWB identifier, or simulation name).
    public var id: String
    /// Sample times in seconds, length T.
    public var timestamps: [Double]
    /// Neural activity `[T, N]`.
    public var neural: Tensor
    /// What `neural` holds.
    public var neuralKind: NeuralKind
    /// Per-neuron metadata, length N, in column order of `neural`.
    public var neurons: [NeuronInfo]
    /// Behaviour variables on the neural time base.
    public var behaviour: [BehaviourVariable]
    /// Named interval sets (trials, epochs, obs_intervals, invalid_times, ...).
    public var intervals: [String: IntervalSet]
    /// Samples usable for training and attribution (false inside invalid or unobserved time).
    public var valid: [Bool]
    /// Known ground truth (simulations, annotated fixtures).
    public var groundTruth: GroundTruth?
    /// Where the data came from and how it was processed.
    public var provenance: Provenance

    public init(id: String, timestamps: [Double], neural: Tensor, neuralKind: NeuralKind, neurons: [NeuronInfo],
                behaviour: [BehaviourVariable] = [], intervals: [String: IntervalSet] = [:], valid: [Bool]? = nil,
                groundTruth: GroundTruth? = nil, provenance: Provenance) {
        precondition(neural.rank == 2 && neural.shape[0] == timestamps.count,
                     "Session: neural \(neural.shape) does not match \(timestamps.count) timestamps")
        precondition(neurons.count == neural.shape[1], "Session: \(neurons.count) neuron records for \(neural.shape[1]) columns")
        for b in behaviour {
            precondition(b.sampleCount == timestamps.count, "Session: behaviour '\(b.name)' has \(b.sampleCount) samples, expected \(timestamps.count)")
        }
        self.id = id
        self.timestamps = timestamps
        self.neural = neural
        self.neuralKind = neuralKind
        self.neurons = neurons
        self.behaviour = behaviour
        self.intervals = intervals
        self.valid = valid ?? [Bool](repeating: true, count: timestamps.count)
        self.groundTruth = groundTruth
        self.provenance = provenance
    }

    /// Number of samples T.
    public var sampleCount: Int { timestamps.count }
    /// Number of neurons N.
    public var neuronCount: Int { neural.shape[1] }
    /// Duration from the first to the last sample, in seconds.
    public var duration: Double { (timestamps.last ?? 0) - (timestamps.first ?? 0) }

    /// Fraction of samples usable (`valid` true), in [0, 1].
    public var validFraction: Double { valid.isEmpty ? 0 : Double(valid.reduce(0) { $0 + ($1 ? 1 : 0) }) / Double(valid.count) }

    /// The behaviour variable called `name`, if present.
    public func behaviour(named name: String) -> BehaviourVariable? { behaviour.first { $0.name == name } }
}

/// What the columns of `Session.neural` measure.
public enum NeuralKind: Sendable, Equatable {
    /// Spike counts per bin of the given width (seconds).
    case spikeCounts(binWidth: Double)
    /// Calcium imaging traces: raw fluorescence, ΔF/F, or deconvolved activity.
    case calcium(CalciumSignal)
    /// Anything else (generic arrays, synthetic benchmark rates).
    case continuous

    public enum CalciumSignal: String, Sendable { case fluorescence, dff, deconvolved }
}

/// Metadata of one neuron (a spike-sorted unit or an imaging ROI).
public struct NeuronInfo: Sendable, Equatable {
    public enum Kind: String, Sendable { case unit, roi, synthetic }
    /// Identifier from the file (unit id, ROI index) or the simulation.
    public var id: Int64
    public var kind: Kind
    /// Brain area / location, when the file says.
    public var area: String?
    /// Cell type, when known (curated label or simulation ground truth).
    public var cellType: String?
    /// Further per-neuron fields (quality, electrode group, KSLabel, ...).
    public var extra: [String: String]

    public init(id: Int64, kind: Kind, area: String? = nil, cellType: String? = nil, extra: [String: String] = [:]) {
        self.id = id
        self.kind = kind
        self.area = area
        self.cellType = cellType
        self.extra = extra
    }
}

/// A named behaviour variable `[T, k]` on the session's time base.
public struct BehaviourVariable: Sendable, Equatable {
    public var name: String
    /// Row-major `[T, k]` values in physical units (conversion and offset applied).
    public var values: [Double]
    /// Number of columns k (2 for 2-D position, 1 for speed or head direction).
    public var columns: Int
    /// Unit of the values ("m", "rad", "m/s", ...).
    public var unit: String
    /// True for angles (radians, wrapped); samplers then use (cos, sin) of each column.
    public var isCircular: Bool
    /// True for labels (integer levels, resampled by nearest neighbour); discrete samplers use these.
    public var isDiscrete: Bool
    /// Path of the source object inside the file, when read from one.
    public var sourcePath: String?

    public init(name: String, values: [Double], columns: Int, unit: String, isCircular: Bool = false, isDiscrete: Bool = false,
                sourcePath: String? = nil) {
        precondition(columns > 0 && values.count % columns == 0, "BehaviourVariable '\(name)': \(values.count) values for \(columns) columns")
        self.name = name
        self.values = values
        self.columns = columns
        self.unit = unit
        self.isCircular = isCircular
        self.isDiscrete = isDiscrete
        self.sourcePath = sourcePath
    }

    public var sampleCount: Int { values.count / columns }

    /// Value at sample `t`, column `c`.
    public subscript(t: Int, c: Int) -> Double { values[t * columns + c] }
}

/// A set of half-open time intervals [start, stop) in seconds.
public struct IntervalSet: Sendable, Equatable {
    public var starts: [Double]
    public var stops: [Double]

    public init(starts: [Double], stops: [Double]) {
        precondition(starts.count == stops.count, "IntervalSet: \(starts.count) starts, \(stops.count) stops")
        self.starts = starts
        self.stops = stops
    }

    public var count: Int { starts.count }

    /// True when `t` lies in any interval.
    public func contains(_ t: Double) -> Bool {
        for i in 0..<starts.count where t >= starts[i] && t < stops[i] { return true }
        return false
    }

    /// Total covered time (intervals assumed disjoint).
    public var totalDuration: Double { zip(starts, stops).reduce(0) { $0 + ($1.1 - $1.0) } }
}

/// Known truth about which neuron encodes which behaviour variable.
public struct GroundTruth: Sendable, Equatable {
    /// Names of the encoded variables or latents (rows of `encodes`).
    public var variables: [String]
    /// `encodes[v][n]` is true when neuron n depends on variable v.
    public var encodes: [[Bool]]
    /// Cell type of each neuron, when defined (simulation populations).
    public var cellTypes: [String]?

    public init(variables: [String], encodes: [[Bool]], cellTypes: [String]? = nil) {
        precondition(encodes.count == variables.count, "GroundTruth: \(encodes.count) rows for \(variables.count) variables")
        self.variables = variables
        self.encodes = encodes
        self.cellTypes = cellTypes
    }
}

/// Where a session came from: file, reader, parameters and anything dropped on the way.
public struct Provenance: Sendable, Equatable {
    public var source: String
    public var reader: String
    public var parameters: [String: String]
    public var warnings: [String]
    public var dropped: [String: [Int64]]

    public init(source: String, reader: String, parameters: [String: String] = [:], warnings: [String] = [], dropped: [String: [Int64]] = [:]) {
        self.source = source
        self.reader = reader
        self.parameters = parameters
        self.warnings = warnings
        self.dropped = dropped
    }
}
