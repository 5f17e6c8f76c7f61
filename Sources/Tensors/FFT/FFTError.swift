/// Why an FFT routine refused its input. NaN and ±∞ are not errors: they propagate through the
/// transform as IEEE arithmetic dictates.
public enum FFTError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An input that must be non-empty is empty (`argument` names it).
    case emptyInput(operation: String, argument: String)
    /// A requested transform length is < 1 or exceeds FFTW's 32-bit limit.
    case invalidLength(operation: String, length: Int)
    /// The operand has the wrong rank or shape (`details` says what was expected).
    case shapeMismatch(operation: String, details: String)
    /// FFTW returned no plan (it never should for a valid length).
    case planningFailed(length: Int)

    public var description: String {
        switch self {
        case let .emptyInput(op, arg): return "\(op): \(arg) is empty; expected at least one element"
        case let .invalidLength(op, n): return "\(op): invalid transform length \(n); expected 1...\(Int32.max)"
        case let .shapeMismatch(op, details): return "\(op): \(details)"
        case let .planningFailed(n): return "FFTW could not plan a transform of length \(n)"
        }
    }
}
