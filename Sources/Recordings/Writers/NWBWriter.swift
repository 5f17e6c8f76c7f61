import Foundation

/// Writes NWB 2.x files that pynwb reads and `pynwb-validate` accepts: the neural data as a Units table
/// (spike trains), as ophys (PlaneSegmentation + Fluorescence/DfOverF RoiResponseSeries) or as a plain
/// TimeSeries in /acquisition (continuous activity such as the synthetic benchmark's rates); behaviour
/// series (Position/CompassDirection SpatialSeries, other TimeSeries under BehavioralTimeSeries) in
/// /processing/behavior; and an optional ground-truth DynamicTable at /analysis/ground_truth
/// (`NWBGroundTruthTable`). Written with the default (earliest) HDF5 format bounds to a temporary file,
/// then renamed into place.
public enum NWBWriter {
    public struct Metadata: Sendable {
        public var identifier: String
        public var sessionDescription: String
        /// ISO-8601 with offset, e.g. "2024-01-01T00:00:00+00:00".
        public var sessionStartTime: String

        public init(identifier: String, sessionDescription: String, sessionStartTime: String = "2024-01-01T00:00:00+00:00") {
            self.identifier = identifier
            self.sessionDescription = sessionDescription
            self.sessionStartTime = sessionStartTime
        }
    }

    /// Sample times of a series: `starting_time` + `rate` (t_i = start + i / rate, which the reader recomputes
    /// exactly) or explicit `timestamps`.
    public enum Clock: Sendable, Equatable {
        case regular(start: Double, rate: Double)
        case timestamps([Double])

        /// The times t_0 … t_{count−1}, computed as the reader does.
        public func times(count: Int) -> [Double] {
            switch self {
            case let .regular(start, rate): return (0..<count).map { start + Double($0) / rate }
            case let .timestamps(t): return t
            }
        }
    }

    /// Continuous `[T, n]` activity written as a TimeSeries in /acquisition (read back as `.continuous`).
    public struct AcquisitionSeries: Sendable {
        public var name: String
        public var clock: Clock
        /// Row-major `[T, columns]`.
        public var values: [Float]
        public var columns: Int
        public var unit: String
        public var description: String

        public init(name: String, clock: Clock, values: [Float], columns: Int, unit: String = "a.u.", description: String) {
            self.name = name
            self.clock = clock
            self.values = values
            self.columns = columns
            self.unit = unit
            self.description = description
        }
    }

    /// What to write as the neural data.
    public enum Neural: Sendable {
        case units(SpikeTrains)
        case ophys(NWBOphysData)
        case acquisition(AcquisitionSeries)

        /// Ids the ground-truth table refers to: unit ids, ROI ids, or column indices.
        var neuronIds: [Int64] {
            switch self {
            case let .units(u): u.ids
            case let .ophys(o): o.roiIds
            case let .acquisition(a): (0..<Int64(a.columns)).map { $0 }
            }
        }
    }

    public static let nwbVersion = "2.8.0"

    /// Writes `neural`, `behaviour` and, when given, the ground truth (whose `neuronIds` must be ids of `neural`).
    public static func write(to path: String, metadata: Metadata, neural: Neural, behaviour: [TimeSeriesData] = [],
                             groundTruth: NeuronGroundTruth? = nil) throws(RecordingError) {
        if let groundTruth, let missing = groundTruth.neuronIds.first(where: { !Set(neural.neuronIds).contains($0) }) {
            throw RecordingError(.invalidArgument, file: path, object: "/analysis/ground_truth",
                                 "ground truth names neuron \(missing), which the neural data does not have")
        }
        let tmp = AtomicFile.temporaryPath(for: path)
        do throws(RecordingError) {
            let file = try HDF5File.create(tmp)
            try typed(file, "NWBFile", "core")
            try file.setAttribute("nwb_version", string: nwbVersion)
            try file.write("identifier", strings: [metadata.identifier], scalar: true)
            try file.write("session_description", strings: [metadata.sessionDescription], scalar: true)
            try file.write("session_start_time", strings: [metadata.sessionStartTime], scalar: true)
            try file.write("timestamps_reference_time", strings: [metadata.sessionStartTime], scalar: true)
            try file.write("file_create_date", strings: [ISO8601DateFormatter().string(from: Date())])
            for g in ["acquisition", "analysis", "general", "processing", "stimulus"] { try file.createGroup(g) }
            let stimulus = try file.group("stimulus")
            try stimulus.createGroup("presentation")
            try stimulus.createGroup("templates")
            switch neural {
            case let .units(units): try writeUnits(units, into: file)
            case let .ophys(ophys): try writeOphys(ophys, into: file)
            case let .acquisition(series): try writeAcquisition(series, into: try file.group("acquisition"))
            }
            if !behaviour.isEmpty { try writeBehaviour(behaviour, into: try file.group("processing")) }
            if let groundTruth { try NWBGroundTruthTable.write(groundTruth, into: try file.group("analysis")) }
            try file.flush()
        } catch {
            unlinkQuietly(tmp)
            throw error
        }
        try AtomicFile.moveIntoPlace(tmp, path)
    }

    /// Units, behaviour and ground truth whose columns follow `units.ids`.
    public static func write(to path: String, metadata: Metadata, units: SpikeTrains, behaviour: [TimeSeriesData] = [],
                             groundTruth: GroundTruth? = nil) throws(RecordingError) {
        try write(to: path, metadata: metadata, neural: .units(units), behaviour: behaviour,
                  groundTruth: groundTruth.map { NeuronGroundTruth(neuronIds: units.ids, truth: $0) })
    }

    static func typed(_ object: HDF5Object, _ type: String, _ namespace: String) throws(RecordingError) {
        try object.setAttribute("neurodata_type", string: type)
        try object.setAttribute("namespace", string: namespace)
        try object.setAttribute("object_id", string: UUID().uuidString.lowercased())
    }

    static func column(_ d: HDF5Dataset, _ description: String, type: String = "VectorData") throws(RecordingError) {
        try typed(d, type, "hdmf-common")
        try d.setAttribute("description", string: description)
    }

    static func writeUnits(_ units: SpikeTrains, into file: HDF5File) throws(RecordingError) {
        let g = try file.createGroup("units")
        try typed(g, "Units", "core")
        try g.setAttribute("description", string: "units written by xcebra")
        let stringColumns = units.columns.keys.sorted()
        try g.setAttribute("colnames", strings: ["spike_times"] + stringColumns)
        try typed(try g.write("id", int64s: units.ids, shape: [units.unitCount]), "ElementIdentifiers", "hdmf-common")
        let flat = units.times.flatMap { $0 }
        try column(try g.write("spike_times", doubles: flat, shape: [flat.count]), "the spike times for each unit in seconds")
        var end: UInt64 = 0
        let index = units.times.map { end += UInt64($0.count); return end }
        let idx = try g.write("spike_times_index", uint64s: index, shape: [index.count])
        try column(idx, "Index for VectorData 'spike_times'", type: "VectorIndex")
        try idx.setReferenceAttribute("target", to: "/units/spike_times")
        for name in stringColumns {
            try column(try g.write(name, strings: units.columns[name]!), name)
        }
    }

    /// The members every TimeSeries has: `data` with unit/conversion/offset/resolution, and its clock.
    static func writeSeriesBody(_ g: HDF5Group, data: (HDF5Group) throws(RecordingError) -> HDF5Dataset, unit: String, clock: Clock,
                                description: String) throws(RecordingError) {
        try g.setAttribute("description", string: description)
        try g.setAttribute("comments", string: "no comments")
        let d = try data(g)
        try d.setAttribute("unit", string: unit)
        try d.setAttribute("conversion", double: 1)
        try d.setAttribute("offset", double: 0)
        try d.setAttribute("resolution", double: -1)
        switch clock {
        case let .regular(start, rate):
            let s = try g.write("starting_time", doubles: [start], shape: [])
            try s.setAttribute("rate", double: rate)
            try s.setAttribute("unit", string: "seconds")
        case let .timestamps(times):
            let t = try g.write("timestamps", doubles: times, shape: [times.count])
            try t.setAttribute("interval", int32: 1)
            try t.setAttribute("unit", string: "seconds")
        }
    }

    static func writeAcquisition(_ s: AcquisitionSeries, into acquisition: HDF5Group) throws(RecordingError) {
        let rows = s.columns > 0 ? s.values.count / s.columns : 0
        guard s.columns > 0, rows * s.columns == s.values.count, rows > 0 else {
            throw RecordingError(.invalidArgument, file: acquisition.filePath, object: "/acquisition/" + s.name,
                                 "\(s.values.count) values for \(s.columns) columns; expected a non-empty [T, columns] array")
        }
        if case let .timestamps(t) = s.clock, t.count != rows {
            throw RecordingError(.invalidArgument, file: acquisition.filePath, object: "/acquisition/" + s.name,
                                 "\(t.count) timestamps for \(rows) rows")
        }
        let g = try acquisition.createGroup(s.name)
        try typed(g, "TimeSeries", "core")
        try writeSeriesBody(g, data: { (g: HDF5Group) throws(RecordingError) in
            try g.write("data", floats: s.values, shape: [rows, s.columns], chunkRows: max(1, min(rows, (1 << 18) / s.columns)), gzip: 4)
        }, unit: s.unit, clock: s.clock, description: s.description)
    }

    static func writeBehaviour(_ series: [TimeSeriesData], into processing: HDF5Group) throws(RecordingError) {
        let module = try processing.createGroup("behavior")
        try typed(module, "ProcessingModule", "core")
        try module.setAttribute("description", string: "behaviour")
        var containers: [String: HDF5Group] = [:]
        for s in series {
            let containerType = s.isCircular ? "CompassDirection" : (s.containerType == "Position" ? "Position" : "BehavioralTimeSeries")
            let container: HDF5Group
            if let c = containers[containerType] { container = c } else {
                container = try module.createGroup(containerType)
                try typed(container, containerType, "core")
                containers[containerType] = container
            }
            let g = try container.createGroup(s.name)
            let spatial = containerType != "BehavioralTimeSeries"
            try typed(g, spatial ? "SpatialSeries" : "TimeSeries", "core")
            try writeSeriesBody(g, data: { (g: HDF5Group) throws(RecordingError) in
                try g.write("data", doubles: s.values, shape: s.columns == 1 ? [s.sampleCount] : [s.sampleCount, s.columns])
            }, unit: s.unit, clock: .timestamps(s.timestamps), description: "no description")
            if spatial { try g.write("reference_frame", strings: ["unknown"], scalar: true) }
        }
    }
}
