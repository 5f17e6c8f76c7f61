import Contrastive
import Foundation
import Recordings
import Tensors

/// The goodness of fit of one objective on held-out data.
public struct ObjectiveFit: Codable, Sendable, Equatable {
    /// `Objective.name`, e.g. "(3,6) time_delta(δ=1) on z2".
    public var objective: String
    public var start: Int
    public var stop: Int
    /// Mean InfoNCE over the evaluation batches, nats.
    public var loss: Double
    /// Standard error of that mean over batches (sample s.d./√batches), nats.
    public var lossStandardError: Double
    /// Chance level ln(B·S), nats.
    public var chanceLoss: Double
    /// (chanceLoss − loss)·log₂e.
    public var bits: Double
    /// `CalibratedGoodnessOfFit` on the same evaluation batches: bits, the s.e. of the mean
    /// loss over batches (nats) and the fitted inverse temperature (on the objective's raw
    /// similarity, before its own temperature). Nil in results written before it existed.
    public var calibratedBits: Double?
    public var calibratedLossStandardError: Double?
    public var calibratedInverseTemperature: Double?
}

/// Goodness of fit on the trainer's held-out block (xcebra.md §8).
///
/// The held-out block is the last round(T·`heldOutFraction`) samples of the session, the rule
/// `Trainer` uses to exclude them from training. References, negatives and positives are all
/// drawn from that block (intersected with `session.valid`, and with the window range
/// [left, T − right]): references and negatives uniformly with replacement, positives by each
/// objective's own distribution built on a copy of the session whose validity mask keeps only
/// the block — `time(offset)` takes t + offset clamped to T − right (still inside the block, as
/// it is the session's end); `time_delta` and `delta_normal` search nearest neighbours among
/// held-out samples only (the behaviour displacement Δ_u is still drawn from the whole
/// session's behaviour, a property of the distribution); `discrete` draws among held-out
/// samples of the same class. The batch size is the training batch size B, the chance level is
/// ln B per objective.
///
/// The encoder is deterministic, so the block is embedded once and batches gather its rows.
/// Convolutional windows of the first `left` held-out samples read training rows as context.
public enum HeldOutEvaluation {
    /// The held-out samples `T − round(T·fraction) ..< T`.
    public static func heldOutRange(sampleCount t: Int, fraction: Double) -> Range<Int> {
        let n = Int((Double(t) * fraction).rounded())
        return Swift.max(t - n, 0)..<t
    }

    /// The embedding `[H, d]` (after renormalisation) of the held-out rows of `session`, row r
    /// for sample `heldOutRange.lowerBound + r`.
    public static func embedding(trainer: Trainer, session: Session, chunk: Int = 4096) throws -> Tensor {
        let range = try block(trainer: trainer, session: session)
        return embed(trainer: trainer, neural: session.neural, range: range, chunk: chunk)
    }

    /// Goodness of fit per objective, averaged over `batches` fresh batches of `batchSize` rows
    /// (default: the training batch size) drawn with `Xoshiro256(seed: seed)` (stream 0: indices and positives), in two
    /// forms: the spec's (`GoodnessOfFit`, with the trained criterion) and the calibrated one
    /// (`CalibratedGoodnessOfFit`, whose inverse temperature is fitted on
    /// `calibrationBatches` other batches from stream 1).
    ///
    /// - Throws: `DimensionalityError.heldOutData` when nothing is held out or the block has
    ///   fewer admissible samples than B; `ConfigurationError` when a positive distribution
    ///   cannot be built on the block (e.g. a discrete class missing).
    public static func goodnessOfFit(trainer: Trainer, session: Session, batchSize: Int? = nil,
                                     batches: Int = GoodnessOfFit.defaultBatchCount, seed: UInt64 = 0) throws -> [ObjectiveFit] {
        let range = try block(trainer: trainer, session: session)
        let e = embed(trainer: trainer, neural: session.neural, range: range, chunk: 4096)
        return try goodnessOfFit(embedding: e, range: range, objectives: trainer.configuration.objectives, session: session,
                                 batchSize: batchSize ?? trainer.configuration.batchSize, offset: trainer.encoder.offset,
                                 logInverseTemperatures: trainer.logInverseTemperatures.map { $0?.value.scalar },
                                 batches: batches, seed: seed)
    }

    /// Goodness of fit per objective of any embedding `e` `[H, d]` of the session's rows
    /// `range` (row r ↔ sample range.lowerBound + r), with the same batches and positives as
    /// the trainer form: e.g. the true latents as an oracle embedding, the ceiling a trained
    /// model can reach on this data. `offset` is the receptive field whose windows must fit in
    /// the session ((0, 0) for a pointwise embedding); `logInverseTemperatures` are the learned
    /// θ per objective (nil for fixed temperatures).
    public static func goodnessOfFit(embedding e: Tensor, range: Range<Int>, objectives: [Objective], session: Session,
                                     batchSize b: Int, offset: (left: Int, right: Int) = (0, 0), logInverseTemperatures: [Float?]? = nil,
                                     batches: Int = GoodnessOfFit.defaultBatchCount, seed: UInt64 = 0) throws -> [ObjectiveFit] {
        guard batches >= 1 else { throw DimensionalityError.heldOutData("the number of evaluation batches must be ≥ 1, got \(batches)") }
        guard e.rank == 2, e.shape[0] == range.count, range.upperBound <= session.sampleCount,
              objectives.allSatisfy({ $0.stop <= e.shape[1] }) else {
            throw DimensionalityError.heldOutData("an embedding of shape \(e.shape) for held-out rows \(range) of \(session.sampleCount) samples and objectives up to column \(objectives.map(\.stop).max() ?? 0)")
        }
        let t = session.sampleCount
        var mask = session.valid
        for i in 0..<range.lowerBound { mask[i] = false }
        let indices = try IndexSampler(sampleCount: t, offset: offset, valid: mask)
        let admissible = indices.allowed?.count ?? (indices.range.count)
        guard admissible >= b else {
            throw DimensionalityError.heldOutData("session '\(session.id)' has \(admissible) usable held-out samples (of \(range.count) held out), fewer than the batch size \(b) of a held-out batch; raise heldOutFraction or lower the (evaluation) batch size")
        }
        var heldOut = session
        heldOut.valid = mask
        let samplers = try objectives.map { try makePositiveSampler($0.positives, session: heldOut, indices: indices) }
        let perObjective = objectives.map { e.slice(axis: 1, $0.slice) }
        let thetas = logInverseTemperatures ?? objectives.map { _ in nil }
        let origin = range.lowerBound
        /// One batch's rows per objective: references, positives, negatives (block-relative).
        func draw(using rng: inout Xoshiro256) -> [(refs: [Int], pos: [Int], negs: [Int])] {
            let refs = indices.draw(b, using: &rng).map { $0 - origin }
            let negs = indices.draw(b, using: &rng).map { $0 - origin }
            return objectives.indices.map { k in
                (refs, samplers[k].positives(for: refs.map { $0 + origin }, using: &rng).map { $0 - origin }, negs)
            }
        }
        func similarities(_ k: Int, _ rows: (refs: [Int], pos: [Int], negs: [Int])) -> CalibratedGoodnessOfFit.Batch {
            let y = perObjective[k], r = Variable(y.gatherRows(rows.refs))
            let similarity = objectives[k].criterion.similarity
            return GradMode.withoutGradient {
                CalibratedGoodnessOfFit.Batch(positive: similarity.paired(r, Variable(y.gatherRows(rows.pos))).value.scalars,
                                              negative: similarity.pairwise(r, Variable(y.gatherRows(rows.negs))).value.scalars)
            }
        }
        // Calibration batches for the fitted inverse temperature: their own stream, so the
        // evaluation batches below are the same with or without them.
        var calibrationRng = Xoshiro256(seed: seed).stream(1)
        let calibration = (0..<Swift.min(batches, HeldOutEvaluation.calibrationBatches)).map { _ in draw(using: &calibrationRng) }
        let betas = objectives.indices.map { k in CalibratedGoodnessOfFit.fitInverseTemperature(calibration.map { similarities(k, $0[k]) }) }

        var rng = Xoshiro256(seed: seed).stream(0)
        var sum = [Double](repeating: 0, count: objectives.count), sumSq = sum, calSum = sum, calSumSq = sum
        for _ in 0..<batches {
            let rows = draw(using: &rng)
            for (k, o) in objectives.enumerated() {
                let y = perObjective[k]
                let l = GoodnessOfFit.loss(o.criterion, reference: y.gatherRows(rows[k].refs), positive: y.gatherRows(rows[k].pos),
                                           negative: y.gatherRows(rows[k].negs), logInverseTemperature: thetas[k])
                sum[k] += l
                sumSq[k] += l * l
                let c = CalibratedGoodnessOfFit.loss(similarities(k, rows[k]), inverseTemperature: betas[k])
                calSum[k] += c
                calSumSq[k] += c * c
            }
        }
        func meanAndError(_ s: Double, _ sq: Double) -> (Double, Double) {
            let n = Double(batches), mean = s / n
            let variance = batches > 1 ? Swift.max(sq - n * mean * mean, 0) / (n - 1) : 0
            return (mean, (variance / n).squareRoot())
        }
        return objectives.enumerated().map { k, o in
            let (mean, se) = meanAndError(sum[k], sumSq[k]), (calMean, calSe) = meanAndError(calSum[k], calSumSq[k])
            return ObjectiveFit(objective: o.name, start: o.start, stop: o.stop, loss: mean, lossStandardError: se,
                                chanceLoss: GoodnessOfFit.chanceLoss(batchSize: b),
                                bits: GoodnessOfFit.bits(loss: mean, batchSize: b),
                                calibratedBits: CalibratedGoodnessOfFit.bits(loss: calMean, batchSize: b),
                                calibratedLossStandardError: calSe, calibratedInverseTemperature: betas[k])
        }
    }

    /// Batches on which `CalibratedGoodnessOfFit` fits its inverse temperature (at most the
    /// evaluation batch count).
    public static let calibrationBatches = 32

    static func block(trainer: Trainer, session: Session) throws -> Range<Int> {
        let f = trainer.configuration.heldOutFraction
        let range = heldOutRange(sampleCount: session.sampleCount, fraction: f)
        guard !range.isEmpty else {
            throw DimensionalityError.heldOutData("the training configuration holds out no data (heldOutFraction = \(f)); train with heldOutFraction > 0 (e.g. 0.2) to measure the goodness of fit")
        }
        return range
    }

    static func embed(trainer: Trainer, neural: Tensor, range: Range<Int>, chunk: Int) -> Tensor {
        let w = SessionWindows(neural: neural, offset: trainer.encoder.offset)
        var parts: [Tensor] = []
        GradMode.withoutGradient {
            var s = range.lowerBound
            while s < range.upperBound {
                let end = Swift.min(s + chunk, range.upperBound)
                parts.append(trainer.embed(Variable(w.paddedBatch(s..<end))).value)
                s = end
            }
        }
        return Tensor.concatenate(parts, axis: 0)
    }
}
