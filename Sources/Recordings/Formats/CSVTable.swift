import Foundation

/// A numeric CSV table: an optional header row of column names, then numeric rows (data-formats §2).
public struct CSVTable: Sendable, Equatable {
    /// Column names from the header, or "0", "1", … when the first row is numeric.
    public var columns: [String]
    /// Row-major `[rows, columns]` values.
    public var values: [Double]
    public var rowCount: Int { columns.isEmpty ? 0 : values.count / columns.count }

    /// Column `name` as an array, or nil.
    public func column(_ name: String) -> [Double]? {
        guard let c = columns.firstIndex(of: name) else { return nil }
        return (0..<rowCount).map { values[$0 * columns.count + c] }
    }

    /// Reads a comma-separated file (tab-separated when the first line has tabs and no commas). Empty cells
    /// and "nan" read as NaN; other non-numeric cells are errors naming row and column.
    public static func read(_ path: String) throws(RecordingError) -> CSVTable {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RecordingError(.fileNotFound, file: path, "file not found", hint: "check the path")
        }
        return try parse(String(decoding: data, as: UTF8.self), file: path)
    }

    public static func parse(_ text: String, file: String) throws(RecordingError) -> CSVTable {
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map { String($0) }
        while lines.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { lines.removeLast() }
        guard let first = lines.first else { throw RecordingError(.empty, file: file, "the CSV file is empty") }
        let separator: Character = first.contains(",") || !first.contains("\t") ? "," : "\t"
        func cells(_ line: String) -> [String] {
            line.split(separator: separator, omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        let head = cells(first)
        let hasHeader = head.contains { Double($0) == nil && !$0.isEmpty && $0.lowercased() != "nan" }
        let columns = hasHeader ? head : head.indices.map(String.init)
        var values: [Double] = []
        values.reserveCapacity(lines.count * columns.count)
        for (r, line) in lines.enumerated().dropFirst(hasHeader ? 1 : 0) {
            let row = cells(line)
            guard row.count == columns.count else {
                throw RecordingError(.malformed, file: file, object: "line \(r + 1)", "\(row.count) cells, expected \(columns.count)")
            }
            for (c, cell) in row.enumerated() {
                if cell.isEmpty || cell.lowercased() == "nan" { values.append(.nan); continue }
                guard let v = Double(cell) else {
                    throw RecordingError(.malformed, file: file, object: "line \(r + 1), column '\(columns[c])'",
                                         "'\(cell)' is not a number", hint: "only the first row may hold column names")
                }
                values.append(v)
            }
        }
        guard !values.isEmpty else { throw RecordingError(.empty, file: file, "the CSV file has a header but no rows") }
        return CSVTable(columns: columns, values: values)
    }
}
