/// The weight of the Jacobian regulariser at a (0-based) step; nil means "off": the
/// regulariser is then not computed at all.
public enum WeightSchedule: Codable, Sendable, Equatable {
    /// Never on.
    case none
    /// Always `weight`.
    case constant(weight: Double)
    /// CEBRA's LinearRampUp: off before `on`; w₀ + (w₁ − w₀)·(s − on)/(off − on) for
    /// on ≤ s ≤ off; w₁ after `off`. At s = on with w₀ = 0 the regulariser runs with weight 0.
    case linearRampUp(on: Int, off: Int, start: Double, end: Double)
    /// As `linearRampUp`, but off again after `off` (CEBRA's LinearScheduler).
    case linear(on: Int, off: Int, start: Double, end: Double)

    public func weight(atStep s: Int) -> Double? {
        switch self {
        case .none: return nil
        case .constant(let w): return w
        case .linearRampUp(let on, let off, let w0, let w1), .linear(let on, let off, let w0, let w1):
            if s < on { return nil }
            if s <= off { return w0 + (w1 - w0) * Double(s - on) / Double(off - on) }
            if case .linear = self { return nil }
            return w1
        }
    }

    public func validate() throws {
        switch self {
        case .none: return
        case .constant(let w):
            guard w >= 0, w.isFinite else { throw ConfigurationError.invalid("regulariser weight must be ≥ 0, got \(w)") }
        case .linearRampUp(let on, let off, let w0, let w1), .linear(let on, let off, let w0, let w1):
            guard off > on else { throw ConfigurationError.invalid("regulariser schedule needs off > on, got on \(on), off \(off)") }
            guard on >= 0, w0 >= 0, w1 >= 0, w0.isFinite, w1.isFinite else {
                throw ConfigurationError.invalid("regulariser schedule needs on ≥ 0 and finite weights ≥ 0")
            }
        }
    }
}

/// How R = ½·mean_b‖J_b‖²_F is estimated for each slice.
public enum JacobianEstimator: Codable, Sendable, Equatable {
    /// C reverse passes with one-hot seeds (CEBRA's n_proj = −1).
    case exact
    /// Unbiased random projections with unit vectors (CEBRA's default n_proj = 1).
    case randomProjection(count: Int)
}
