import Foundation

/// Runs the sessions of one shard of a manifest, each into `OUT/<id>/`, so that any number of
/// shards (processes, SLURM array tasks) can work on one output folder at once.
///
/// Crash safety: a session is computed in `OUT/.<id>.partial-<host>-<pid>/` and renamed to
/// `OUT/<id>/` only when complete (a rename within one file system is atomic), so a killed
/// shard leaves no half-written result; a re-run finds `OUT/<id>/` and skips the session, and
/// removes its own stale partial folders. A session that fails writes `OUT/<id>.failed.json`
/// (the error, the time) and the shard goes on; a later successful run removes that file.
public struct BatchRunner {
    public enum Outcome: Equatable, Sendable {
        case done
        case skipped
        case failed(String)
    }

    public let manifest: BatchManifest
    public let output: URL
    public let shard: Shard

    public init(manifest: BatchManifest, output: URL, shard: Shard = .all) {
        self.manifest = manifest
        self.output = output
        self.shard = shard
    }

    /// This shard's entries, in manifest order.
    public var assigned: [BatchManifest.Entry] {
        manifest.entries.enumerated().filter { shard.contains(position: $0.offset) }.map(\.element)
    }

    public func resultFolder(_ entry: BatchManifest.Entry) -> URL { output.appendingPathComponent(entry.id) }
    public func failureFile(_ entry: BatchManifest.Entry) -> URL { output.appendingPathComponent("\(entry.id).failed.json") }

    /// Processes every assigned entry with `body(entry, temporaryFolder)`, which writes the
    /// session's results into the folder it is given.
    public func run(progress: ((BatchManifest.Entry, Outcome) -> Void)? = nil,
                    _ body: (BatchManifest.Entry, URL) throws -> Void) throws -> [String: Outcome] {
        let fm = FileManager.default
        try fm.createDirectory(at: output, withIntermediateDirectories: true)
        let host = ProcessInfo.processInfo.hostName.filter { $0.isLetter || $0.isNumber || $0 == "-" }
        let pid = ProcessInfo.processInfo.processIdentifier
        var outcomes: [String: Outcome] = [:]
        for entry in assigned {
            let final = resultFolder(entry)
            if fm.fileExists(atPath: final.path) {
                outcomes[entry.id] = .skipped
                progress?(entry, .skipped)
                continue
            }
            removeStalePartials(of: entry, host: host)
            let partial = output.appendingPathComponent(".\(entry.id).partial-\(host)-\(pid)")
            try? fm.removeItem(at: partial)
            try fm.createDirectory(at: partial, withIntermediateDirectories: true)
            do {
                try body(entry, partial)
                if rename(partial.path, final.path) != 0 {
                    // another shard finished the same session first: keep theirs
                    try? fm.removeItem(at: partial)
                    outcomes[entry.id] = .skipped
                    progress?(entry, .skipped)
                    continue
                }
                try? fm.removeItem(at: failureFile(entry))
                outcomes[entry.id] = .done
                progress?(entry, .done)
            } catch {
                try? fm.removeItem(at: partial)
                let record: [String: String] = ["id": entry.id, "session": entry.session, "error": "\(error)",
                                                "shard": shard.description, "time": ISO8601DateFormatter().string(from: Date())]
                if let data = try? JSONSerialization.data(withJSONObject: record, options: [.prettyPrinted, .sortedKeys]) {
                    try? data.write(to: failureFile(entry), options: .atomic)
                }
                outcomes[entry.id] = .failed("\(error)")
                progress?(entry, .failed("\(error)"))
            }
        }
        return outcomes
    }

    /// Partial folders of `entry` left by dead processes of this host (a process that is still
    /// running keeps its folder).
    private func removeStalePartials(of entry: BatchManifest.Entry, host: String) {
        let fm = FileManager.default
        let prefix = ".\(entry.id).partial-\(host)-"
        guard let names = try? fm.contentsOfDirectory(atPath: output.path) else { return }
        for name in names where name.hasPrefix(prefix) {
            if let pid = Int32(name.dropFirst(prefix.count)), kill(pid, 0) == 0 { continue }
            try? fm.removeItem(at: output.appendingPathComponent(name))
        }
    }
}
