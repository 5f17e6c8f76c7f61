/// A plain data table for the HTML report: numeric columns right-aligned with tabular figures, headers that
/// look (and, with the page's optional inline script, are) click-sortable.
public struct HTMLTable: Sendable {
    public struct Column: Sendable {
        public var title: String
        /// Right-align, and sort numerically.
        public var numeric: Bool
        public init(_ title: String, numeric: Bool = false) { self.title = title; self.numeric = numeric }
    }

    public enum Cell: Sendable, Equatable {
        case text(String)
        /// Printed with `digits` decimals; non-finite values print as `NumberFormat.missing` and sort last.
        case number(Double, digits: Int)
        case integer(Int)
        case empty

        var display: String {
            switch self {
            case .text(let s): return s
            case let .number(v, d): return NumberFormat.fixed(v, fractionDigits: d)
            case .integer(let i): return String(i)
            case .empty: return ""
            }
        }

        /// Sort key for the inline script (numbers only).
        var sortKey: String? {
            switch self {
            case let .number(v, _): return v.isFinite ? String(v) : nil
            case .integer(let i): return String(i)
            default: return nil
            }
        }
    }

    public var caption: String
    public var columns: [Column]
    public var rows: [[Cell]]
    public var sortable: Bool

    public init(caption: String = "", columns: [Column], rows: [[Cell]] = [], sortable: Bool = true) {
        self.caption = caption; self.columns = columns; self.rows = rows; self.sortable = sortable
    }

    public mutating func append(_ row: [Cell]) { rows.append(row) }

    /// The `<table>` element. Rows shorter than `columns` are padded with empty cells; extra cells are dropped.
    public func html() -> String {
        let e = XMLEscaping.text, a = XMLEscaping.attribute
        var s = "<div class=\"table-wrap\"><table" + (sortable ? " class=\"sortable\"" : "") + ">\n"
        if !caption.isEmpty { s += "<caption>" + e(caption) + "</caption>\n" }
        s += "<thead><tr>"
        for c in columns {
            s += "<th scope=\"col\"" + (c.numeric ? " class=\"num\"" : "") + ">" + e(c.title) + "</th>"
        }
        s += "</tr></thead>\n<tbody>\n"
        for row in rows {
            s += "<tr>"
            for (j, c) in columns.enumerated() {
                let cell = j < row.count ? row[j] : .empty
                s += "<td" + (c.numeric ? " class=\"num\"" : "")
                if let k = cell.sortKey { s += " data-v=\"" + a(k) + "\"" }
                s += ">" + e(cell.display) + "</td>"
            }
            s += "</tr>\n"
        }
        return s + "</tbody></table></div>\n"
    }
}
