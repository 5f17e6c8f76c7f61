/// Why an attribution could not be computed, with what was expected.
public enum AttributionError: Error, CustomStringConvertible, Equatable {
    /// The model and the session (or options) do not fit together.
    case incompatible(String)
    /// An option is out of range.
    case invalidOption(String)
    /// A per-sample Jacobian contains NaN or ±∞ (sample index in the session).
    case nonFiniteJacobian(sample: Int)
    /// Writing an output failed.
    case output(path: String, reason: String)

    public var description: String {
        switch self {
        case .incompatible(let s): return s
        case .invalidOption(let s): return s
        case .nonFiniteJacobian(let t):
            return "the encoder's Jacobian at sample \(t) is not finite; check the model and the input for extreme values"
        case .output(let p, let r): return "cannot write \(p): \(r)"
        }
    }
}
