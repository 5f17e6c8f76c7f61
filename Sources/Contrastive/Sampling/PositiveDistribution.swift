/// How an objective picks the positive sample for a reference at time t.
///
/// | case | positive |
/// |---|---|
/// | `time(offset)` | t + offset, clamped to the valid window range |
/// | `timeDelta(δ, variables)` | argmin_s ‖c_s − (c_t + Δ_u)‖ with Δ_u = c_u − c_{u−δ} (0 for u < δ) for a uniform u |
/// | `deltaNormal(σ, variables)` | argmin_s ‖c_s − (c_t + ε)‖, ε ~ N(0, σ²I) |
/// | `discrete(variable)` | uniform among s with label_s = label_t (t included) |
/// | `discreteTimeDelta(discrete, δ, variables)` | `timeDelta` restricted to samples with the same discrete label |
///
/// c is the concatenation of the named behaviour variables, raw (not z-scored); circular
/// variables enter as (cos, sin). Nearest-neighbour searches are exact (k-d tree).
public enum PositiveDistribution: Codable, Sendable, Equatable {
    case time(offset: Int)
    case timeDelta(delta: Int, variables: [String])
    case deltaNormal(sigma: Double, variables: [String])
    case discrete(variable: String)
    case discreteTimeDelta(discrete: String, delta: Int, variables: [String])

    /// Behaviour variables this distribution reads (empty for `time`).
    public var variables: [String] {
        switch self {
        case .time: return []
        case .timeDelta(_, let v), .deltaNormal(_, let v): return v
        case .discrete(let v): return [v]
        case .discreteTimeDelta(let d, _, let v): return [d] + v
        }
    }

    /// Short human-readable form ("time_delta(1) on position").
    public var summary: String {
        switch self {
        case .time(let o): return "time(offset \(o))"
        case .timeDelta(let d, let v): return "time_delta(δ=\(d)) on \(v.joined(separator: ", "))"
        case .deltaNormal(let s, let v): return "delta_normal(σ=\(s)) on \(v.joined(separator: ", "))"
        case .discrete(let v): return "discrete on \(v)"
        case .discreteTimeDelta(let d, let delta, let v): return "time_delta(δ=\(delta)) on \(v.joined(separator: ", ")) within \(d)"
        }
    }
}
