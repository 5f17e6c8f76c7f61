/// A simulation request that cannot be honoured, with the offending parameter named.
///
/// Every configuration is validated before any work starts, so bad user input surfaces as one of
/// these errors and never as a crash.
public enum SimulationError: Error, Equatable, CustomStringConvertible {
    /// A parameter lies outside its valid range; `expected` states the range in words.
    case invalidParameter(name: String, value: String, expected: String)
    /// A user-supplied file (trajectory to replay, output path) is unreadable or malformed.
    case badFile(path: String, location: String, expected: String)
    /// The output could not be written.
    case writeFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case let .invalidParameter(name, value, expected):
            return "simulation parameter '\(name)' = \(value): expected \(expected)"
        case let .badFile(path, location, expected):
            return "\(path) (\(location)): expected \(expected)"
        case let .writeFailed(path, reason):
            return "cannot write \(path): \(reason)"
        }
    }
}

/// Throws `invalidParameter` unless `condition` holds.
@inline(__always)
func require(_ condition: Bool, _ name: String, _ value: @autoclosure () -> Any, _ expected: String) throws {
    if !condition { throw SimulationError.invalidParameter(name: name, value: "\(value())", expected: expected) }
}
