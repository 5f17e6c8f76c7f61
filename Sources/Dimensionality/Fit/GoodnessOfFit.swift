import Contrastive
import Foundation
import Tensors

/// Goodness of fit of a contrastive embedding in bits (xcebra.md §8):
///
///     GoF [bits] = (ln(B·S) − L)·log₂e
///
/// with L the InfoNCE loss in nats (mean over batches), B the batch size and S the number of
/// sessions (1 here). ln(B·S) is the chance level: a collapsed embedding (all rows equal) makes
/// every similarity the same constant c, so L = −c + ln(B·e^c) = ln B and GoF = 0 bits.
///
/// When the negatives contain each reference's positive and every other negative is infinitely
/// far away, L → 0 and GoF → log₂(B·S) (9 bits at B = 512): the positive is identified among
/// B candidates with certainty. With negatives drawn independently of the positive (as in
/// training) L can in principle go below 0, so log₂(B·S) is the ceiling of the identification
/// reading, not a hard bound on the number.
public enum GoodnessOfFit {
    /// Batches averaged by the held-out evaluation unless told otherwise (CEBRA's default).
    public static let defaultBatchCount = 500

    /// The chance-level loss ln(B·S) in nats.
    public static func chanceLoss(batchSize: Int, sessions: Int = 1) -> Double {
        Foundation.log(Double(batchSize) * Double(sessions))
    }

    /// (ln(B·S) − `loss`)·log₂e: the goodness of fit in bits of an InfoNCE loss in nats.
    public static func bits(loss: Double, batchSize: Int, sessions: Int = 1) -> Double {
        (chanceLoss(batchSize: batchSize, sessions: sessions) - loss) / Foundation.log(2.0)
    }

    /// The InfoNCE loss (nats) of one batch: `reference`, `positive` `[B, C]`, `negative`
    /// `[B, C]`, the similarity scaled by exp(θ) when `logInverseTemperature` θ is given
    /// (learnable temperature) and by 1/τ for a fixed temperature. No gradient is recorded.
    public static func loss(_ criterion: InfoNCE, reference: Tensor, positive: Tensor, negative: Tensor,
                            logInverseTemperature: Float? = nil) -> Double {
        GradMode.withoutGradient {
            let theta = logInverseTemperature.map { Variable(Tensor(shape: [1], scalars: [$0])) }
            var c = criterion
            if theta == nil, case .learnable(let t, _) = c.temperature { c.temperature = .fixed(t) }
            let l = c(reference: Variable(reference), positive: Variable(positive), negative: Variable(negative),
                      logInverseTemperature: theta)
            return Double(l.loss.value.scalar)
        }
    }

    /// GoF in bits of one batch (`loss` converted with B = number of rows of `reference`).
    public static func bits(_ criterion: InfoNCE, reference: Tensor, positive: Tensor, negative: Tensor,
                            logInverseTemperature: Float? = nil) -> Double {
        bits(loss: loss(criterion, reference: reference, positive: positive, negative: negative,
                        logInverseTemperature: logInverseTemperature),
             batchSize: reference.shape[0])
    }
}
