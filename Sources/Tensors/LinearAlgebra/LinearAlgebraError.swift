/// Why a linear-algebra routine refused its input or failed.
///
/// Every routine in `LinearAlgebra` validates shapes and finiteness before calling LAPACK, so
/// bad input (wrong extents, NaN, ±∞, matrices too large for 32-bit LAPACK indices) becomes one
/// of these errors instead of a crash or a silent garbage result.
public enum LinearAlgebraError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Operand extents do not fit the operation, e.g. `matmul` inner extents or `B.rows != A.rows`.
    case shapeMismatch(operation: String, details: String)
    /// An operand contains NaN or ±∞ (`argument` names it, e.g. "A").
    case nonFinite(operation: String, argument: String)
    /// `A` is not (numerically) symmetric positive definite: the leading minor of order
    /// `leadingMinor` (1-based) is not positive, as reported by `dpotrf`.
    case notPositiveDefinite(operation: String, leadingMinor: Int)
    /// An extent exceeds `Int32.max`, the limit of the 32-bit LAPACK/BLAS interface.
    case dimensionTooLarge(operation: String, extent: Int)
    /// A LAPACK routine returned a nonzero `info` (e.g. the SVD did not converge).
    case lapackFailure(routine: String, info: Int)
    /// The cutoff is not a finite, non-negative number.
    case invalidCutoff(operation: String, value: Double)

    public var description: String {
        switch self {
        case let .shapeMismatch(op, details): return "\(op): shape mismatch: \(details)"
        case let .nonFinite(op, arg): return "\(op): \(arg) contains NaN or infinity; expected finite values"
        case let .notPositiveDefinite(op, k):
            return "\(op): matrix is not positive definite (leading minor of order \(k) is not positive)"
        case let .dimensionTooLarge(op, n): return "\(op): extent \(n) exceeds the 32-bit LAPACK limit \(Int32.max)"
        case let .lapackFailure(routine, info): return "\(routine) failed with info = \(info)"
        case let .invalidCutoff(op, v): return "\(op): cutoff must be finite and ≥ 0, got \(v)"
        }
    }
}

/// Converts an extent to LAPACK's 32-bit `lapack_int`, refusing values that do not fit.
@usableFromInline
func lapackInt(_ n: Int, _ operation: String) throws(LinearAlgebraError) -> Int32 {
    guard let v = Int32(exactly: n) else { throw .dimensionTooLarge(operation: operation, extent: n) }
    return v
}
