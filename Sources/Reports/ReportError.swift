import Foundation

/// Errors raised by the report layer. Charts never throw on odd data (non-finite values, empty series are
/// drawn as gaps or "no data"); only structurally wrong input and I/O fail.
public enum ReportError: Error, Equatable, CustomStringConvertible {
    /// A matrix or tensor had the wrong shape for the chart.
    case invalidShape(what: String, expected: String, got: [Int])
    /// Writing `path` failed.
    case writeFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case let .invalidShape(what, expected, got):
            return "\(what): expected \(expected), got shape \(got)"
        case let .writeFailed(path, reason):
            return "could not write \(path): \(reason)"
        }
    }
}
