import Foundation

/// A human-readable summary of a recording file or folder (`xcebra inspect`): neural data kind, counts,
/// duration, rates, behaviour series with shapes and units, and what the readers pick by default.
public enum RecordingSummary {
    /// Detects the format from the path and summarises it; errors are the readers' typed errors.
    /// For CEBRA-style array inputs (`FILE[:KEY]`) it lists the arrays in the file, then what `SessionLoader`
    /// would build with `options.arrays` (orientation, T × N, clock, behaviour), or why it cannot.
    public static func describe(_ path: String, options: SessionLoader.Options = SessionLoader.Options()) throws(RecordingError) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            if let spec = try? ArraySpec(parsing: path), spec.key != nil { return try arraySummary(spec, options: options) }
            throw RecordingError(.fileNotFound, file: path, "file not found", hint: "check the path")
        }
        if isDirectory.boolValue {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            if files.contains("F.npy") || files.contains("spks.npy") { return try contentsSummary(Suite2pReader.read(path, fs: Suite2pReader.frameRate(in: path) ?? 1), fsKnown: Suite2pReader.frameRate(in: path) != nil) }
            if files.contains("spike_times.npy") { return try contentsSummary(KilosortReader.read(path), fsKnown: true) }
            throw RecordingError(.unrecognisedFormat, file: path, "folder is neither a Suite2p plane folder (F.npy) nor a Kilosort/Phy folder (spike_times.npy)",
                                 hint: files.isEmpty ? "the folder is empty" : "found: " + files.sorted().prefix(10).joined(separator: ", "))
        }
        if SessionLoader.isArrayInput(path) { return try arraySummary(ArraySpec(file: path), options: options) }
        try FileSignature.require(path, is: .hdf5)
        return try nwbSummary(path, options: options)
    }

    /// The arrays a file holds, then what the loader would make of `spec` with `options.arrays`.
    static func arraySummary(_ spec: ArraySpec, options: SessionLoader.Options) throws(RecordingError) -> String {
        let path = spec.file
        var lines: [String] = []
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "npy":
            let a = try NPY.read(path)
            lines.append("\(path): NumPy array \(a.dtype) shape \(a.shape)")
        case "npz":
            lines.append("\(path): NumPy archive")
            lines += (try NPZ.readAll(path)).sorted { $0.key < $1.key }.map { "  \($0.key): \($0.value.dtype) shape \($0.value.shape)" }
        case "csv", "tsv", "txt":
            let t = try CSVTable.read(path)
            lines.append("\(path): CSV table, \(t.rowCount) rows × \(t.columns.count) columns: " + t.columns.joined(separator: ", "))
        case "mat":
            lines.append("\(path): MATLAB v7.3 MAT-file; variables (MATLAB dimensions):")
            for name in try MATFile.variables(path) {
                let d = try HDF5File.open(path).dataset(name)
                lines.append("  \(name): \(try d.stringAttribute("MATLAB_class") ?? "?") \(Array(try d.shape().reversed()))")
            }
        default:
            _ = try ArrayFile.read(ArraySpec(file: path, key: spec.key)) // rejects pandas/pickles with the typed error
            let file = try HDF5File.open(path)
            lines.append("\(path): HDF5 file (not NWB); datasets:")
            for node in try file.walk() where node.target == .dataset {
                let d = try file.dataset(node.path)
                lines.append("  \(node.path): \(try d.elementType()) shape \(try d.shape())")
            }
        }
        do {
            let c = try ArrayReader.read(neural: spec.description, options: options.arrays)
            let axis = c.parameters["time_axis"] == "1" ? "columns" : "rows"
            lines.append("loader: neural '\(c.parameters["neural_key"] ?? "?")' \(c.parameters["neural_shape"] ?? "") read with time along \(axis)")
            lines.append(contentsSummary(c, fsKnown: true))
        } catch {
            lines.append("loader: cannot assemble a session as given: \(error.message)" + (error.hint.map { " — \($0)" } ?? ""))
        }
        return lines.joined(separator: "\n")
    }

    static func nwbSummary(_ path: String, options: SessionLoader.Options) throws(RecordingError) -> String {
        let nwb = try NWBFile.open(path)
        var lines = ["\(path): NWB \(nwb.version)"]
        let contents = try NWBReader.read(path, neural: options.neural, behaviour: options.behaviour)
        lines.append(try contentsSummary(contents, fsKnown: true))
        let candidates = nwb.calciumCandidates
        if candidates.count > 1 { lines.append("calcium series: " + candidates.map { "\($0.path) (\($0.containerType ?? "?"))" }.joined(separator: ", ")) }
        let others = nwb.timeSeriesPaths.filter { !nwb.defaultBehaviourPaths.contains($0) && $0 != contents.parameters["neural_path"] }
        if !others.isEmpty { lines.append("other time series (not used by default): " + others.joined(separator: ", ")) }
        return lines.joined(separator: "\n")
    }

    static func format(_ x: Double) -> String { String(format: "%.6g", x) }

    static func contentsSummary(_ c: RecordingContents, fsKnown: Bool) -> String {
        var lines: [String] = []
        switch c.neural {
        case let .spikes(s):
            let range = s.timeRange ?? 0...0
            let duration = range.upperBound - range.lowerBound
            lines.append("neural: spike trains (\(c.reader)) at \(s.sourcePath): \(s.unitCount) units, \(s.spikeCount) spikes, "
                         + "\(format(range.lowerBound))–\(format(range.upperBound)) s (\(format(duration)) s), mean rate "
                         + "\(format(duration > 0 ? Double(s.spikeCount) / Double(s.unitCount) / duration : 0)) Hz per unit")
            if !s.columns.isEmpty { lines.append("unit columns: " + s.columns.keys.sorted().joined(separator: ", ")) }
            if s.observed != nil { lines.append("obs_intervals: present (used for the valid mask)") }
            lines.append("default: binned at 25 ms")
        case let .calcium(t):
            let duration = (t.timestamps.last ?? 0) - (t.timestamps.first ?? 0)
            let rate = duration > 0 ? Double(t.frameCount - 1) / duration : 0
            lines.append("neural: calcium \(t.signal.rawValue) (\(c.reader)) at \(t.path): \(t.roiCount) ROIs × \(t.frameCount) frames, "
                         + (fsKnown ? "\(format(rate)) Hz, \(format(duration)) s" : "frame rate unknown (pass --fs)"))
            if !t.choice.isEmpty { lines.append("default choice: \(t.choice)") }
        case let .continuous(ts, _, ids, p):
            let duration = (ts.last ?? 0) - (ts.first ?? 0)
            lines.append("neural: continuous array (\(c.reader)) at \(p): \(ts.count) samples × \(ids.count) columns, "
                         + "\(format(ts.first ?? 0))–\(format(ts.last ?? 0)) s, \(format(duration > 0 ? Double(ts.count - 1) / duration : 0)) Hz")
            if let choice = c.parameters["neural_choice"] { lines.append("default choice: \(choice)") }
        }
        for (reason, ids) in c.dropped.sorted(by: { $0.key < $1.key }) {
            lines.append("dropped (\(reason)): \(ids.count) — ids \(ids.prefix(20).map(String.init).joined(separator: ", "))")
        }
        if c.behaviour.isEmpty { lines.append("behaviour: none") }
        for s in c.behaviour {
            let duration = (s.timestamps.last ?? 0) - (s.timestamps.first ?? 0)
            lines.append("behaviour: \(s.name) [\(s.sampleCount), \(s.columns)] \(s.unit)\(s.isCircular ? " (circular)" : "") at \(s.path), "
                         + "\(format(s.timestamps.first ?? 0))–\(format(s.timestamps.last ?? 0)) s, \(format(duration > 0 ? Double(s.sampleCount - 1) / duration : 0)) Hz")
        }
        for (name, set) in c.intervals.sorted(by: { $0.key < $1.key }) { lines.append("intervals: \(name) (\(set.count))") }
        if let g = c.groundTruth {
            let types = Dictionary(grouping: g.truth.cellTypes ?? [], by: { $0 }).mapValues(\.count)
                .sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            lines.append("ground truth: \(g.truth.variables.count) variables (\(g.truth.variables.joined(separator: ", "))) × \(g.neuronIds.count) neurons"
                         + (types.isEmpty ? "" : "; cell types: \(types)"))
        }
        lines += c.warnings
        return lines.joined(separator: "\n")
    }
}
