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

    /// L(β) of one batch, nats (`lossAndDerivatives`' first value: one log-sum-exp code path
    /// for scoring and fitting; the two derivatives cost two multiply-adds per candidate beside
    /// its exp).
    public static func loss(_ batch: Batch, inverseTemperature beta: Double) -> Double {
        lossAndDerivatives(batch, inverseTemperature: beta).loss
    }

    /// Chance level ln(B + 1), nats.
    public static func chanceLoss(batchSize: Int) -> Double { Foundation.log(Double(batchSize + 1)) }

    /// (ln(B + 1) − `loss`)·log₂e.
    public static func bits(loss: Double, batchSize: Int) -> Double {
        (chanceLoss(batchSize: batchSize) - loss) / Foundation.log(2.0)
    }

    /// L(β) of one batch with its first two derivatives in β, nats: with p the softmax of
    /// β·s over the B + 1 candidates of a row, L′ = mean(E_p[s] − s⁺) and L″ = mean(Var_p[s]) ≥ 0
    /// (so L is convex in β). Computed on the gaps t = s − s⁺ (0 for the positive), which leave
    /// L, L′ and L″ unchanged but keep Var_p small numbers: Euclidean similarities −‖·‖² reach
    /// hundreds, and E_p[s²] − E_p[s]² of those would cancel. One exp per candidate, Double
    /// accumulation, max-shifted per row.
    static func lossAndDerivatives(_ batch: Batch, inverseTemperature beta: Double) -> (loss: Double, slope: Double, curvature: Double) {
        let b = batch.positive.count
        guard b > 0 else { return (0, 0, 0) }
        var loss = 0.0, slope = 0.0, curvature = 0.0
        batch.negative.withUnsafeBufferPointer { neg in
            for i in 0..<b {
                let sp = Double(batch.positive[i])
                var m = 0.0  // β·t of the positive
                for j in 0..<b { m = Swift.max(m, beta * (Double(neg[i * b + j]) - sp)) }
                var z = Foundation.exp(-m), first = 0.0, second = 0.0
                for j in 0..<b {
                    let t = Double(neg[i * b + j]) - sp
                    let w = Foundation.exp(beta * t - m)
                    z += w
                    first += w * t
                    second += w * t * t
                }
                let mean = first / z
                loss += m + Foundation.log(z)
                slope += mean
                curvature += Swift.max(second / z - mean * mean, 0)
            }
        }
        let n = Double(b)
        return (loss / n, slope / n, curvature / n)
    }

    /// The β ≥ 0 minimising the mean L(β) over `batches`, by safeguarded Newton on β:
    ///
    /// - β = 0 (chance) when L′(0) ≥ 0, as for a collapsed embedding or one that ranks the
    ///   positive no better than a negative.
    /// - Otherwise a bracket [lo, hi] with L′(lo) < 0 < L′(hi), found by doubling from
    ///   β₀ = 1/s.d. of the negative similarities, then Newton steps that fall back to bisection
    ///   when they leave the bracket, until a step changes β by < 10⁻⁶ relative (or 100 steps).
    /// - When L′ stays negative up to β₀·e¹⁴ (positives separated from every negative, so L
    ///   keeps falling towards 0) that cap is returned; usually e^{β·t} underflows first, L′ is
    ///   exactly 0 and the search stops at that β, where L is 0 to double precision.
    /// - β = 0 too when every negative similarity is the same (s.d. 0): there is no scale to
    ///   start from, and such a batch carries no ranking among the negatives.
    ///
    /// L is convex in β, so the bracket always holds the unique minimum; Newton converges in a
    /// few passes over the similarities where a golden-section search on ln β needed ~25.
    public static func fitInverseTemperature(_ batches: [Batch]) -> Double {
        guard !batches.isEmpty else { return 0 }
        func derivatives(_ beta: Double) -> (slope: Double, curvature: Double) {
            var g = 0.0, h = 0.0
            for batch in batches {
                let d = lossAndDerivatives(batch, inverseTemperature: beta)
                g += d.slope
                h += d.curvature
            }
            return (g / Double(batches.count), h / Double(batches.count))
        }
        var sum = 0.0, sumSq = 0.0, n = 0.0
        for batch in batches { for s in batch.negative { sum += Double(s); sumSq += Double(s) * Double(s); n += 1 } }
        let sd = n > 1 ? ((sumSq - sum * sum / n) / (n - 1)).squareRoot() : 0
        guard sd.isFinite, sd > 0, derivatives(0).slope < 0 else { return 0 }
        let cap = Foundation.exp(14) / sd
        var lo = 0.0, hi = 1 / sd
        var d = derivatives(hi)
        while d.slope < 0 {
            guard hi < cap else { return cap }
            lo = hi
            hi = Swift.min(2 * hi, cap)
            d = derivatives(hi)
        }
        var beta = hi
        for _ in 0..<100 {
            if d.slope == 0 { break }
            if d.slope < 0 { lo = beta } else { hi = beta }
            var next = d.curvature > 0 ? beta - d.slope / d.curvature : .nan
            if !(next > lo && next < hi) { next = (lo + hi) / 2 }
            let done = Swift.abs(next - beta) <= 1e-6 * next
            beta = next
            if done { break }
            d = derivatives(beta)
        }
        return beta
    }
}
