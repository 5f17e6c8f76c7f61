/// Why a goodness-of-fit evaluation or a dimensionality sweep cannot run, with what to change.
public enum DimensionalityError: Error, CustomStringConvertible, Equatable {
    /// The configuration holds out no data (`heldOutFraction` = 0) or too little for one batch.
    case heldOutData(String)
    /// The sweep plan cannot be applied to the configuration (slice, range, seeds).
    case invalidPlan(String)
    /// A result file in the sweep folder cannot be read or belongs to another sweep.
    case incompatibleResult(file: String, reason: String)
    /// Too few runs to compute a statistic (consistency needs two seeds).
    case insufficientData(String)

    public var description: String {
        switch self {
        case .heldOutData(let s): return "held-out evaluation: \(s)"
        case .invalidPlan(let s): return "dimensionality sweep: \(s)"
        case .incompatibleResult(let f, let r): return "\(f): \(r)"
        case .insufficientData(let s): return s
        }
    }
}
