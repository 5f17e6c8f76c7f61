import Foundation
import Tensors

/// A scale-free goodness of fit: the positive's identification among B + 1 candidates, at the
/// inverse temperature that fits the held-out data best.
///
///     L(β) = mean over rows i of −log [ e^{β·s_i⁺} / (e^{β·s_i⁺} + Σ_j e^{β·s_ij⁻}) ]
///     GoF_cal [bits] = (ln(B + 1) − min_β L(β))·log₂e  ∈ [0, log₂(B + 1)]
///
/// with s⁺ the similarity of each reference to its positive and s⁻ to the B negatives.
///
/// Why, beside the spec's GoF (`GoodnessOfFit`): CEBRA's InfoNCE leaves the positive out of the
/// normaliser, so it has no floor. Pushing negatives apart keeps lowering it, and a larger
/// embedding (more dimensions, a wider clip box, a larger sphere) has more room to do so. In
/// sweeps on the synthetic benchmark that GoF kept rising past the true dimension
/// (docs/results/dimensionality-confusion.md). L(β) is a cross-entropy. It is ≥ 0, a collapsed
/// embedding gives ln(B + 1) for every β (0 bits), and a perfect one tends to 0 (log₂(B + 1)
/// bits). It is convex in β, and fitting β removes the embedding's overall scale. What is
/// left is how well the similarity ranks the positive. Extra dimensions cannot raise that
/// beyond what the latent supports.
///
/// Caveat: the ceiling log₂(B + 1) is real, so a latent carrying more information per positive
/// than that saturates the curve early. β is fitted on calibration batches separate from the
/// evaluation batches, so the fitted value is not tuned to the batches it is scored on.
public enum CalibratedGoodnessOfFit {
    /// The similarities of one batch: `positive[i]` = s_i⁺, `negative[i·B + j]` = s_ij⁻.
    public struct Batch: Sendable {
        public var positive: [Float]
        public var negative: [Float]
        public init(positive: [Float], negative: [Float]) {
            precondition(negative.count == positive.count * positive.count, "CalibratedGoodnessOfFit: \(negative.count) negative similarities for \(positive.count) rows")
            self.positive = positive
            self.negative = negative
        }
    }

    /// L(β) of one batch, nats (Double accumulation, max-shifted per row).
    public static func loss(_ batch: Batch, inverseTemperature beta: Double) -> Double {
        let b = batch.positive.count
        guard b > 0 else { return 0 }
        var total = 0.0
        batch.negative.withUnsafeBufferPointer { neg in
            for i in 0..<b {
                let sp = beta * Double(batch.positive[i])
                var m = sp
                for j in 0..<b { m = Swift.max(m, beta * Double(neg[i * b + j])) }
                var z = Foundation.exp(sp - m)
                for j in 0..<b { z += Foundation.exp(beta * Double(neg[i * b + j]) - m) }
                total += m + Foundation.log(z) - sp
            }
        }
        return total / Double(b)
    }

    /// Chance level ln(B + 1), nats.
    public static func chanceLoss(batchSize: Int) -> Double { Foundation.log(Double(batchSize + 1)) }

    /// (ln(B + 1) − `loss`)·log₂e.
    public static func bits(loss: Double, batchSize: Int) -> Double {
        (chanceLoss(batchSize: batchSize) - loss) / Foundation.log(2.0)
    }

    /// The β ≥ 0 minimising the mean L(β) over `batches`: golden-section search on ln β over
    /// [ln β₀ − 14, ln β₀ + 14] (β₀ = 1/s.d. of the negative similarities), which is unimodal
    /// because L is convex in β. Then β = 0 (chance) if that is better, as for a collapsed
    /// embedding. Tolerance 10⁻⁴ in ln β.
    public static func fitInverseTemperature(_ batches: [Batch]) -> Double {
        guard !batches.isEmpty else { return 0 }
        func mean(_ beta: Double) -> Double { batches.reduce(0) { $0 + loss($1, inverseTemperature: beta) } / Double(batches.count) }
        var sum = 0.0, sumSq = 0.0, n = 0.0
        for batch in batches { for s in batch.negative { sum += Double(s); sumSq += Double(s) * Double(s); n += 1 } }
        let sd = n > 1 ? ((sumSq - sum * sum / n) / (n - 1)).squareRoot() : 0
        guard sd.isFinite, sd > 0 else { return 0 }
        let center = -Foundation.log(sd)
        var lo = center - 14, hi = center + 14
        let g = (5.0.squareRoot() - 1) / 2
        var x1 = hi - g * (hi - lo), x2 = lo + g * (hi - lo)
        var f1 = mean(Foundation.exp(x1)), f2 = mean(Foundation.exp(x2))
        while hi - lo > 1e-4 {
            if f1 <= f2 {
                hi = x2; x2 = x1; f2 = f1
                x1 = hi - g * (hi - lo); f1 = mean(Foundation.exp(x1))
            } else {
                lo = x1; x1 = x2; f1 = f2
                x2 = lo + g * (hi - lo); f2 = mean(Foundation.exp(x2))
            }
        }
        let beta = Foundation.exp((lo + hi) / 2)
        return mean(beta) <= mean(0) ? beta : 0
    }
}
