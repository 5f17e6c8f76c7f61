import Tensors

/// InfoNCE temperature τ: similarities are multiplied by the inverse temperature 1/τ.
public enum Temperature: Codable, Sendable, Equatable {
    /// A constant τ (CEBRA's default is 1).
    case fixed(Double)
    /// Learned with the model: parameter θ = ln(1/τ₀); inverse temperature = min(e^θ, 1/τ_min)
    /// (no clamp when `minimum` is nil).
    case learnable(initial: Double, minimum: Double?)

    var initialLogInverse: Float {
        switch self {
        case .fixed(let t), .learnable(let t, _): return Float(-Foundation.log(t))
        }
    }

    func validate(objective: String) throws {
        switch self {
        case .fixed(let t):
            guard t > 0, t.isFinite else { throw ConfigurationError.invalid("\(objective): temperature must be > 0, got \(t)") }
        case .learnable(let t, let m):
            guard t > 0, t.isFinite else { throw ConfigurationError.invalid("\(objective): initial temperature must be > 0, got \(t)") }
            if let m, !(m > 0 && m <= t) {
                throw ConfigurationError.invalid("\(objective): minimum temperature must be in (0, initial], got \(m)")
            }
        }
    }
}

import Foundation
