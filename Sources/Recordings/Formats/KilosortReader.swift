import Foundation

/// Kilosort 4 / Phy output folders (data-formats §2).
///
/// spike_times.npy in samples ((n,) or (n,1), int64/uint64), spike_clusters.npy, params.py (literal
/// assignments, parsed, never executed; `sample_rate` required), labels from cluster_group.tsv,
/// cluster_KSLabel.tsv or cluster_info.tsv (label = `group` if present, else `KSLabel`).
public enum KilosortReader {
    public enum QualityFilter: String, Sendable {
        /// Drop clusters labelled "noise" (default).
        case notNoise
        /// Keep only "good" clusters.
        case good
        /// Keep every cluster.
        case all
    }

    public static func read(_ folder: String, quality: QualityFilter = .notNoise) throws(RecordingError) -> RecordingContents {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw RecordingError(.fileNotFound, file: folder, "Kilosort/Phy folder not found")
        }
        let params = try PythonParams.read(folder + "/params.py")
        guard let rate = params["sample_rate"].flatMap(Double.init), rate > 0 else {
            throw RecordingError(.missingParameter, file: folder + "/params.py", object: "sample_rate",
                                 "sample_rate not found or not a positive number", hint: "params.py must assign sample_rate = <Hz>")
        }
        func npy(_ name: String) throws(RecordingError) -> NumericArray {
            let path = folder + "/" + name
            guard FileManager.default.fileExists(atPath: path) else {
                throw RecordingError(.missingObject, file: folder, object: name, "\(name) not found",
                                     hint: "a Kilosort/Phy folder holds spike_times.npy, spike_clusters.npy and params.py")
            }
            return try NPY.read(path)
        }
        let samples = try npy("spike_times.npy")
        let clusters = try npy("spike_clusters.npy")
        for (name, a) in [("spike_times.npy", samples), ("spike_clusters.npy", clusters)] where !(a.shape.count == 1 || (a.shape.count == 2 && a.shape[1] == 1)) {
            throw RecordingError(.wrongShape, file: folder, object: name, "shape \(a.shape), expected (n,) or (n, 1)")
        }
        guard samples.values.count == clusters.values.count else {
            throw RecordingError(.wrongShape, file: folder, object: "spike_clusters.npy",
                                 "\(clusters.values.count) cluster labels for \(samples.values.count) spike times")
        }
        for (name, a) in [("spike_times.npy", samples), ("spike_clusters.npy", clusters)] where a.dtype.contains("f") {
            throw RecordingError(.wrongType, file: folder, object: name, "dtype \(a.dtype), expected integers (samples / cluster ids)")
        }
        guard !samples.values.isEmpty else { throw RecordingError(.empty, file: folder, object: "spike_times.npy", "no spikes") }
        let labels = try ClusterLabels.read(folder)
        var byCluster: [Int64: [Double]] = [:]
        for (s, c) in zip(samples.values, clusters.values) { byCluster[Int64(c), default: []].append(s / rate) }
        var ids: [Int64] = [], times: [[Double]] = [], labelsKept: [String] = [], noise: [Int64] = [], notGood: [Int64] = []
        for id in byCluster.keys.sorted() {
            let label = labels[id] ?? "unsorted"
            if quality != .all && label == "noise" { noise.append(id); continue }
            if quality == .good && label != "good" { notGood.append(id); continue }
            ids.append(id)
            times.append(byCluster[id]!.sorted())
            labelsKept.append(label)
        }
        guard !ids.isEmpty else { throw RecordingError(.empty, file: folder, "no cluster left after the quality filter (\(quality.rawValue))") }
        var dropped: [String: [Int64]] = [:]
        if !noise.isEmpty { dropped["noise_cluster"] = noise }
        if !notGood.isEmpty { dropped["not_good_cluster"] = notGood }
        var parameters = params
        parameters["quality_filter"] = quality.rawValue
        let trains = SpikeTrains(ids: ids, times: times, columns: ["quality": labelsKept], sourcePath: folder)
        return RecordingContents(source: folder, reader: "kilosort", identifier: URL(fileURLWithPath: folder).lastPathComponent,
                                 neural: .spikes(trains), parameters: parameters, dropped: dropped)
    }
}

/// `params.py` as literal assignments `name = value` (numbers, quoted strings, True/False/None, r'…').
enum PythonParams {
    static func read(_ path: String) throws(RecordingError) -> [String: String] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RecordingError(.missingObject, file: path, "params.py not found", hint: "Kilosort/Phy folders carry params.py with sample_rate")
        }
        var out: [String: String] = [:]
        for (n, raw) in String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, parts[0].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                throw RecordingError(.malformed, file: path, object: "line \(n + 1)", "'\(raw)' is not a literal assignment")
            }
            var value = parts[1]
            if value.hasPrefix("r'") || value.hasPrefix("r\"") { value.removeFirst() }
            if let q = value.first, q == "'" || q == "\"" {
                guard value.count >= 2, value.last == q else {
                    throw RecordingError(.malformed, file: path, object: "line \(n + 1)", "unterminated string in '\(raw)'")
                }
                value = String(value.dropFirst().dropLast())
            } else if Double(value) == nil && !["True", "False", "None"].contains(value) {
                throw RecordingError(.malformed, file: path, object: "line \(n + 1)", "'\(value)' is not a literal (number, string, True/False/None)",
                                     hint: "params.py is parsed, never executed")
            }
            out[parts[0]] = value
        }
        return out
    }
}

/// Cluster labels from Phy/Kilosort TSVs: `group` (curation) wins over `KSLabel`.
enum ClusterLabels {
    static func read(_ folder: String) throws(RecordingError) -> [Int64: String] {
        var group: [Int64: String] = [:], ks: [Int64: String] = [:]
        for name in ["cluster_info.tsv", "cluster_KSLabel.tsv", "cluster_group.tsv"] {
            let path = folder + "/" + name
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            let lines = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
            guard let header = lines.first, let idColumn = header.firstIndex(of: "cluster_id") ?? header.firstIndex(of: "id") else {
                throw RecordingError(.malformed, file: path, "no cluster_id column in the header", hint: "expected a TSV with header cluster_id<TAB>label")
            }
            let g = header.firstIndex(of: "group"), k = header.firstIndex(of: "KSLabel")
            for (n, row) in lines.dropFirst().enumerated() where row.count == header.count {
                guard let id = Int64(row[idColumn]) else {
                    throw RecordingError(.malformed, file: path, object: "line \(n + 2)", "cluster id '\(row[idColumn])' is not an integer")
                }
                if let g, !row[g].isEmpty { group[id] = row[g] }
                if let k, !row[k].isEmpty { ks[id] = row[k] }
            }
        }
        return ks.merging(group) { _, curated in curated }
    }
}
