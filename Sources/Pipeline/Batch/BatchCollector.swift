import Foundation
import Reports

/// Merges the per-session `summary.json` files of a batch folder into `summary.csv` and an
/// `index.html` that links every session's report and lists failures.
public enum BatchCollector {
    public struct Row: Equatable, Sendable {
        public var id: String
        public var values: [String: String]
    }

    /// Reads `OUT/<id>/summary.json` for every manifest entry (in manifest order); missing and
    /// failed sessions are reported separately.
    public static func collect(manifest: BatchManifest, output: URL) throws -> (rows: [Row], failed: [(String, String)], missing: [String]) {
        var rows: [Row] = [], failed: [(String, String)] = [], missing: [String] = []
        for e in manifest.entries {
            let summaryURL = output.appendingPathComponent(e.id).appendingPathComponent("summary.json")
            if let data = try? Data(contentsOf: summaryURL), let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any] {
                rows.append(Row(id: e.id, values: flatten(json, session: e.session)))
            } else if let data = try? Data(contentsOf: output.appendingPathComponent("\(e.id).failed.json")),
                      let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any] {
                failed.append((e.id, json["error"] as? String ?? "unknown error"))
            } else {
                missing.append(e.id)
            }
        }
        return (rows, failed, missing)
    }

    /// The columns of summary.csv taken from one session's summary.json.
    static func flatten(_ json: [String: Any], session: String) -> [String: String] {
        var v: [String: String] = ["session": session]
        if let s = json["session"] as? [String: Any] {
            v["samples"] = (s["samples"] as? Int).map(String.init)
            v["neurons"] = (s["neurons"] as? Int).map(String.init)
        }
        for d in json["decoding"] as? [[String: Any]] ?? [] {
            guard let name = d["variable"] as? String else { continue }
            if let r2 = d["r2_own_block"] as? Double { v["r2_\(name)"] = String(format: "%.4f", r2) }
            if let r2 = d["r2_knn_own_block"] as? Double { v["knn_r2_\(name)"] = String(format: "%.4f", r2) }
        }
        for b in (json["dimensions"] as? [String: Any])?["blocks"] as? [[String: Any]] ?? [] {
            if let names = b["variables"] as? [String], let d = b["chosen_dimension"] as? Int { v["dim_\(names.joined(separator: "+"))"] = String(d) }
        }
        if let c = (json["consistency"] as? [String: Any])?["mean_off_diagonal"] as? Double { v["consistency_r2"] = String(format: "%.4f", c) }
        for (method, a) in json["auroc"] as? [String: Double] ?? [:] { v["auroc_\(method)"] = String(format: "%.4f", a) }
        if let t = json["timings_s"] as? [String: Double] { v["seconds"] = String(format: "%.1f", t.values.reduce(0, +)) }
        v["warnings"] = String((json["warnings"] as? [Any])?.count ?? 0)
        return v.compactMapValues { $0 }
    }

    /// Writes `summary.csv` and `index.html` into `output` (atomically).
    public static func write(manifest: BatchManifest, output: URL) throws -> (sessions: Int, failed: Int, missing: Int) {
        let (rows, failed, missing) = try collect(manifest: manifest, output: output)
        let fixed = ["session", "samples", "neurons"]
        let dynamic = Set(rows.flatMap(\.values.keys)).subtracting(fixed + ["seconds", "warnings"]).sorted()
        let columns = ["id"] + fixed + dynamic + ["seconds", "warnings"]
        func quote(_ s: String) -> String { s.contains(",") || s.contains("\"") ? "\"\(s.replacingOccurrences(of: "\"", with: "\"\""))\"" : s }
        var csv = [columns.joined(separator: ",")]
        for r in rows { csv.append(columns.map { c in quote(c == "id" ? r.id : r.values[c] ?? "") }.joined(separator: ",")) }
        try HTMLReport.writeAtomically(csv.joined(separator: "\n") + "\n", to: output.appendingPathComponent("summary.csv"))

        var page = HTMLReport(title: "xcebra batch — \(URL(fileURLWithPath: manifest.source).lastPathComponent)",
                              subtitle: "\(rows.count) of \(manifest.entries.count) sessions done, \(failed.count) failed, \(missing.count) not run yet")
        page.addHeader("manifest", manifest.source)
        page.addHeader("output", output.path)
        for (id, error) in failed { page.addWarning("\(id) failed: \(error)") }
        if !missing.isEmpty { page.addWarning("not run yet: \(missing.joined(separator: ", "))") }
        var section = ReportSection("Sessions")
        section.paragraph("Each session's report is in its folder: " + rows.map { "\($0.id)/index.html" }.prefix(5).joined(separator: ", ")
                          + (rows.count > 5 ? ", …" : "") + ".")
        let tableColumns = columns.map { HTMLTable.Column($0, numeric: !["id", "session"].contains($0)) }
        section.table(HTMLTable(caption: "One row per session (summary.csv).", columns: tableColumns, rows: rows.map { r in
            columns.map { c -> HTMLTable.Cell in
                let text = c == "id" ? r.id : r.values[c] ?? ""
                if c != "id" && c != "session", let x = Double(text) { return .number(x, digits: text.contains(".") ? 3 : 0) }
                return text.isEmpty ? .empty : .text(text)
            }
        }))
        page.addSection(section)
        try page.write(to: output.appendingPathComponent("index.html"))
        return (rows.count, failed.count, missing.count)
    }
}
