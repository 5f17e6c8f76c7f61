import Tensors

/// The InfoNCE loss of one objective, in CEBRA's form:
///
///     L = mean_i[ −φ(r_i, p_i) ] + mean_i[ log Σ_{j=1..B} exp φ(r_i, n_j) ]
///
/// with φ the similarity scaled by the inverse temperature. The positive is not in the
/// denominator and every reference sees all B negatives. The log-sum-exp subtracts the detached
/// row maximum cᵢ = maxⱼ φ(rᵢ, nⱼ), which changes neither the value nor the gradient.
public struct InfoNCE: Sendable, Equatable {
    public var similarity: Similarity
    public var temperature: Temperature

    public init(similarity: Similarity = .cosine, temperature: Temperature = .fixed(1)) {
        self.similarity = similarity
        self.temperature = temperature
    }

    /// The loss and its two terms for reference, positive and negative embeddings `[B, C]`.
    /// `logInverseTemperature` is θ (a learnable scalar `[1]`) for `.learnable`, nil for `.fixed`.
    public func callAsFunction(reference r: Variable, positive p: Variable, negative n: Variable,
                               logInverseTemperature theta: Variable?) -> (loss: Variable, alignment: Variable, uniformity: Variable) {
        var pos = similarity.paired(r, p)  // [B]
        var all = similarity.pairwise(r, n)  // [B, B]
        switch temperature {
        case .fixed(let t):
            if t != 1 {
                pos = pos * Float(1 / t)
                all = all * Float(1 / t)
            }
        case .learnable(_, let minimum):
            precondition(theta != nil, "InfoNCE: learnable temperature needs its parameter")
            var inv = theta!.exp()
            if let m = minimum { inv = inv.clamped(-.greatestFiniteMagnitude, Float(1 / m)) }
            pos = pos * inv
            all = all * inv
        }
        let alignment = -pos.mean()
        let uniformity = all.logSumExp(axis: 1).mean()
        return (alignment + uniformity, alignment, uniformity)
    }

    /// The current temperature τ for a learnable θ.
    public func currentTemperature(logInverseTemperature theta: Float?) -> Double {
        switch temperature {
        case .fixed(let t): return t
        case .learnable(_, let m):
            let inv = Double(Foundation.exp(theta ?? 0))
            return 1 / (m.map { Swift.min(inv, 1 / $0) } ?? inv)
        }
    }
}

import Foundation
