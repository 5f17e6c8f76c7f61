import Foundation

/// A list of sessions to process, one per row of a CSV file with a header.
///
/// Required column: `session` (a path, relative paths resolved against the manifest's folder,
/// or `arena` / `benchmark`). Optional: `id` (output folder name; default: the file stem plus the
/// row number when stems repeat), `config` (YAML/JSON recipe), `behaviour` (`;`-separated
/// variables), `seed`, `steps`, and any other column, passed on as a per-session option.
/// Lines starting with `#` are comments.
public struct BatchManifest: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var id: String
        public var session: String
        public var options: [String: String]
    }

    public var entries: [Entry]
    public let source: String

    public init(entries: [Entry], source: String) {
        self.entries = entries
        self.source = source
    }

    public static func read(_ path: String) throws -> BatchManifest {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw BatchError.manifest("\(path): cannot be read")
        }
        return try parse(text, source: path, baseDirectory: (path as NSString).deletingLastPathComponent)
    }

    public static func parse(_ text: String, source: String, baseDirectory: String = "") throws -> BatchManifest {
        let lines = text.split(whereSeparator: \.isNewline).map(String.init)
            .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty && !$0.hasPrefix("#") }
        guard let headerLine = lines.first else { throw BatchError.manifest("\(source): empty manifest (expected a header with a 'session' column)") }
        let header = splitCSV(headerLine).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let sessionColumn = header.firstIndex(of: "session") else {
            throw BatchError.manifest("\(source): the header has no 'session' column (found: \(header.joined(separator: ", ")))")
        }
        if let dup = header.first(where: { h in header.filter { $0 == h }.count > 1 }) {
            throw BatchError.manifest("\(source): column '\(dup)' appears twice")
        }
        var entries: [Entry] = []
        var seenIDs = Set<String>()
        for (n, line) in lines.dropFirst().enumerated() {
            let cells = splitCSV(line).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == header.count else {
                throw BatchError.manifest("\(source): row \(n + 1) has \(cells.count) cells, the header \(header.count)")
            }
            var session = cells[sessionColumn]
            guard !session.isEmpty else { throw BatchError.manifest("\(source): row \(n + 1) has an empty 'session'") }
            if !["arena", "benchmark"].contains(session) && !session.hasPrefix("/") && !baseDirectory.isEmpty {
                session = (baseDirectory as NSString).appendingPathComponent(session)
            }
            var options: [String: String] = [:]
            for (h, v) in zip(header, cells) where h != "session" && !v.isEmpty { options[h] = v }
            let explicitID = options.removeValue(forKey: "id")
            var id = explicitID ?? URL(fileURLWithPath: session).deletingPathExtension().lastPathComponent
            if explicitID == nil && seenIDs.contains(id) { id += "-\(n + 1)" }
            guard id.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }), !id.hasPrefix(".") else {
                throw BatchError.manifest("\(source): row \(n + 1): id '\(id)' must use letters, digits, '-', '_' or '.' (it names a folder)")
            }
            guard seenIDs.insert(id).inserted else { throw BatchError.manifest("\(source): id '\(id)' appears twice") }
            entries.append(Entry(id: id, session: session, options: options))
        }
        guard !entries.isEmpty else { throw BatchError.manifest("\(source): no sessions listed under the header") }
        return BatchManifest(entries: entries, source: source)
    }

    /// Splits one CSV line, honouring double quotes ("" inside quotes is a quote).
    static func splitCSV(_ line: String) -> [String] {
        var cells: [String] = [], cell = "", quoted = false
        var chars = Array(line)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { cell.append("\""); chars.removeFirst() } else { quoted = false }
                } else { cell.append(c) }
            } else if c == "\"" { quoted = true } else if c == "," { cells.append(cell); cell = "" } else { cell.append(c) }
        }
        cells.append(cell)
        return cells
    }
}

/// Problems with a batch run's inputs.
public enum BatchError: Error, CustomStringConvertible, Equatable {
    case manifest(String)
    case shard(String)

    public var description: String {
        switch self {
        case .manifest(let s), .shard(let s): return s
        }
    }
}
