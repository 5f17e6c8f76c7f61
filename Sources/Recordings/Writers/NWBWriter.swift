import Foundation

/// Writes NWB 2.x files that pynwb reads: a Units table (spike trains, string columns), behaviour series
/// (Position/CompassDirection SpatialSeries, other TimeSeries under BehavioralTimeSeries), and an optional
/// ground-truth DynamicTable in /analysis. Temporary file + rename.
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

    public static let nwbVersion = "2.8.0"

    public static func write(to path: String, metadata: Metadata, units: SpikeTrains, behaviour: [TimeSeriesData] = [],
                             groundTruth: GroundTruth? = nil) throws(RecordingError) {
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
            try writeUnits(units, into: file)
            if !behaviour.isEmpty { try writeBehaviour(behaviour, into: try file.group("processing")) }
            if let groundTruth { try writeGroundTruth(groundTruth, ids: units.ids, into: try file.group("analysis")) }
            try file.flush()
        } catch {
            unlinkQuietly(tmp)
            throw error
        }
        try AtomicFile.moveIntoPlace(tmp, path)
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
            try g.setAttribute("description", string: "no description")
            try g.setAttribute("comments", string: "no comments")
            let d = try g.write("data", doubles: s.values, shape: s.columns == 1 ? [s.sampleCount] : [s.sampleCount, s.columns])
            try d.setAttribute("unit", string: s.unit)
            try d.setAttribute("conversion", double: 1)
            try d.setAttribute("offset", double: 0)
            try d.setAttribute("resolution", double: -1)
            let t = try g.write("timestamps", doubles: s.timestamps, shape: [s.sampleCount])
            try t.setAttribute("interval", int32: 1)
            try t.setAttribute("unit", string: "seconds")
            if spatial { try g.write("reference_frame", strings: ["unknown"], scalar: true) }
        }
    }

    static func writeGroundTruth(_ truth: GroundTruth, ids: [Int64], into analysis: HDF5Group) throws(RecordingError) {
        let g = try analysis.createGroup("ground_truth")
        try typed(g, "DynamicTable", "hdmf-common")
        try g.setAttribute("description", string: "which neuron encodes which behaviour variable (1 = encodes)")
        var names = ["neuron_id"] + truth.variables.map { "encodes_" + $0 }
        try typed(try g.write("id", int64s: Array(0..<Int64(ids.count)), shape: [ids.count]), "ElementIdentifiers", "hdmf-common")
        try column(try g.write("neuron_id", int64s: ids, shape: [ids.count]), "unit id in /units")
        for (v, row) in zip(truth.variables, truth.encodes) {
            try column(try g.write("encodes_" + v, uint8s: row.map { $0 ? 1 : 0 }, shape: [ids.count]), "1 when the neuron encodes \(v)")
        }
        if let types = truth.cellTypes {
            names.append("cell_type")
            try column(try g.write("cell_type", strings: types), "cell type")
        }
        try g.setAttribute("colnames", strings: names)
    }

    /// Reads back a ground-truth table written by `write` (nil when absent).
    public static func readGroundTruth(_ nwb: NWBFile) throws(RecordingError) -> GroundTruth? {
        guard nwb.hdf5.exists("/analysis/ground_truth") else { return nil }
        let g = try nwb.hdf5.group("/analysis/ground_truth")
        let names = try g.stringsAttribute("colnames") ?? []
        var variables: [String] = [], encodes: [[Bool]] = []
        for n in names where n.hasPrefix("encodes_") {
            variables.append(String(n.dropFirst(8)))
            encodes.append(try g.dataset(n).readInt64s().values.map { $0 != 0 })
        }
        let types = g.exists("cell_type") ? try g.dataset("cell_type").readStrings() : nil
        return GroundTruth(variables: variables, encodes: encodes, cellTypes: types)
    }
}
