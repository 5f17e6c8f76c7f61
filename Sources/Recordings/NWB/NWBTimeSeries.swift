import Foundation

/// NWB types whose `data` is neural or imaging, not behaviour (excluded from behaviour discovery).
let nwbNeuralSeriesTypes: Set<String> = [
    "RoiResponseSeries", "ElectricalSeries", "SpikeEventSeries", "ImageSeries", "TwoPhotonSeries",
    "OnePhotonSeries", "ImageMaskSeries", "OpticalSeries", "IndexSeries", "DecompositionSeries",
    "PatchClampSeries", "CurrentClampSeries", "VoltageClampSeries", "AnnotationSeries", "IntervalSeries",
]

/// Containers whose series are behaviour variables read by default (data-formats §1.5).
let nwbBehaviourContainerTypes: Set<String> = ["Position", "CompassDirection", "BehavioralTimeSeries", "PupilTracking", "EyeTracking"]

extension NWBFile {
    /// Reads the clock of a TimeSeries group: `timestamps` (possibly a soft link), else `starting_time` + `rate`
    /// as t_i = starting_time + i / rate. Validates length and strict increase.
    public func timestamps(ofSeries seriesPath: String, count: Int) throws(RecordingError) -> [Double] {
        let group = try hdf5.group(seriesPath)
        if group.exists("timestamps") {
            let ts = try group.dataset("timestamps").readDoubles()
            guard ts.shape.count == 1, ts.values.count == count else {
                throw error(.wrongShape, seriesPath + "/timestamps", "timestamps have shape \(ts.shape), expected (\(count),) to match data")
            }
            try Validation.requireIncreasing(ts.values, file: path, object: seriesPath + "/timestamps")
            return ts.values
        }
        guard group.exists("starting_time") else {
            throw error(.missingObject, seriesPath, "series has neither timestamps nor starting_time",
                        hint: "an NWB TimeSeries needs timestamps or starting_time + rate")
        }
        let start = try group.dataset("starting_time")
        let t0 = try start.readDoubles().values.first ?? 0
        guard let rate = try start.doubleAttribute("rate") else {
            throw error(.missingObject, seriesPath + "/starting_time", "starting_time has no 'rate' attribute", hint: "rate in Hz is required")
        }
        guard rate > 0, rate.isFinite, t0.isFinite else {
            throw error(.invalidArgument, seriesPath + "/starting_time", "rate \(rate) Hz / starting_time \(t0) invalid; expected a positive rate")
        }
        return (0..<count).map { t0 + Double($0) / rate }
    }

    /// Reads a TimeSeries-like group (`data` (T,) or (T,k) of any numeric type) in physical units:
    /// value = data × conversion + offset. CompassDirection series in degrees are converted to radians.
    /// - Parameter warnings: receives non-fatal notes (unknown angle unit).
    public func readTimeSeries(_ seriesPath: String, warnings: inout [String]) throws(RecordingError) -> TimeSeriesData {
        let group = try hdf5.group(seriesPath)
        let dataset = try group.dataset("data")
        let array = try dataset.readDoubles()
        guard array.shape.count == 1 || array.shape.count == 2, array.shape[0] > 0 else {
            throw error(array.shape.first == 0 ? .empty : .wrongShape, seriesPath + "/data",
                        "data has shape \(array.shape), expected (T,) or (T, k) with T > 0")
        }
        let columns = array.shape.count == 2 ? array.shape[1] : 1
        guard columns > 0 else { throw error(.wrongShape, seriesPath + "/data", "data has shape \(array.shape), expected k > 0 columns") }
        let count = array.shape[0]
        let timestamps = try timestamps(ofSeries: seriesPath, count: count)
        let conversion = try dataset.doubleAttribute("conversion") ?? 1
        let offset = try dataset.doubleAttribute("offset") ?? 0
        var unit = try dataset.stringAttribute("unit") ?? "unknown"
        var values = array.values
        if conversion != 1 || offset != 0 {
            for i in values.indices { values[i] = values[i] * conversion + offset }
        }
        let container = parentType(of: seriesPath)
        var circular = false
        if container == "CompassDirection" {
            circular = true
            switch unit.lowercased() {
            case "degrees", "degree", "deg":
                for i in values.indices { values[i] *= .pi / 180 }
                unit = "radians"
            case "radians", "radian", "rad":
                unit = "radians"
            default:
                warnings.append("warning: unknown unit '\(unit)' on CompassDirection series \(seriesPath); values assumed to be radians")
                unit = "radians"
            }
        }
        let type = nodes.first { $0.path == seriesPath }?.neurodataType ?? "TimeSeries"
        return TimeSeriesData(name: NWBFile.lastComponent(seriesPath), path: seriesPath, neurodataType: type, containerType: container,
                              timestamps: timestamps, values: values, columns: columns, unit: unit, isCircular: circular)
    }

    /// Paths of TimeSeries-like groups that are not neural data: known behaviour/TimeSeries types, and unknown
    /// (extension) types holding `data` plus `timestamps` or `starting_time`.
    public var timeSeriesPaths: [String] {
        nodes.compactMap { n -> String? in
            guard n.target == .group, let type = n.neurodataType, !nwbNeuralSeriesTypes.contains(type) else { return nil }
            if type == "TimeSeries" || type == "SpatialSeries" { return n.path }
            let known = n.namespace == "core" || n.namespace == "hdmf-common" || n.namespace == "hdmf-experimental"
            if !known, let g = try? hdf5.group(n.path), g.exists("data"), g.exists("timestamps") || g.exists("starting_time") {
                return n.path
            }
            return nil
        }
    }

    /// Behaviour series read by default: those inside Position, CompassDirection, BehavioralTimeSeries,
    /// PupilTracking or EyeTracking containers.
    public var defaultBehaviourPaths: [String] {
        timeSeriesPaths.filter { parentType(of: $0).map(nwbBehaviourContainerTypes.contains) ?? false }
    }

    /// Reads the default behaviour series (or those named in `select`, by path or name).
    public func readBehaviour(select: [String]? = nil, warnings: inout [String]) throws(RecordingError) -> [TimeSeriesData] {
        let all = timeSeriesPaths
        var paths = defaultBehaviourPaths
        if let select {
            paths = []
            for s in select {
                guard let p = all.first(where: { $0 == s || NWBFile.lastComponent($0) == s || $0.hasSuffix("/" + s) }) else {
                    let available = all.map { "\(NWBFile.lastComponent($0)) @ \($0)" }.joined(separator: ", ")
                    throw error(.missingObject, s, "behaviour variable '\(s)' not found", hint: "available: \(available)")
                }
                paths.append(p)
            }
        }
        var result: [TimeSeriesData] = []
        for p in paths { result.append(try readTimeSeries(p, warnings: &warnings)) }
        return result
    }

    /// `/intervals/*` tables (TimeIntervals: trials, epochs, invalid_times, ...) as interval sets by name.
    public func readIntervals() throws(RecordingError) -> [String: IntervalSet] {
        var result: [String: IntervalSet] = [:]
        for node in objects(ofType: ["TimeIntervals"]) {
            let g = try hdf5.group(node.path)
            let starts = try g.dataset("start_time").readDoubles()
            let stops = try g.dataset("stop_time").readDoubles()
            guard starts.values.count == stops.values.count else {
                throw error(.wrongShape, node.path, "start_time has \(starts.values.count) rows, stop_time \(stops.values.count)")
            }
            try Validation.requireFinite(starts.values + stops.values, file: path, object: node.path, what: "interval bounds")
            if let bad = starts.values.indices.first(where: { starts.values[$0] > stops.values[$0] }) {
                throw error(.malformed, node.path, "interval \(bad) stops before it starts")
            }
            result[NWBFile.lastComponent(node.path)] = IntervalSet(starts: starts.values, stops: stops.values)
        }
        return result
    }
}
