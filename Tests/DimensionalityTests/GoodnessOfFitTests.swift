import Contrastive
import Foundation
import Testing
import Tensors
@testable import Dimensionality

@Suite struct GoodnessOfFitTests {
    @Test func bitsFromLossUseTheChanceLevel() {
        #expect(abs(GoodnessOfFit.bits(loss: log(512), batchSize: 512)) < 1e-12)
        #expect(abs(GoodnessOfFit.bits(loss: 0, batchSize: 512) - 9) < 1e-12)
        #expect(abs(GoodnessOfFit.bits(loss: 0, batchSize: 256, sessions: 2) - 9) < 1e-12)
        #expect(abs(GoodnessOfFit.bits(loss: log(512) - log(2), batchSize: 512) - 1) < 1e-12)
    }

    @Test(arguments: [Similarity.euclidean, .cosine])
    func collapsedEmbeddingHasZeroBits(similarity: Similarity) {
        let b = 64, c = 3
        // Every row the same unit vector: all similarities equal, L = ln B.
        let row: [Float] = [0.6, 0.8, 0]
        let y = Tensor(shape: [b, c], scalars: (0..<b).flatMap { _ in row })
        let bits = GoodnessOfFit.bits(InfoNCE(similarity: similarity), reference: y, positive: y, negative: y)
        #expect(abs(bits) < 1e-5)
    }

    @Test func collapsedEmbeddingHasZeroBitsWhateverTheNegatives() {
        var rng = Xoshiro256(seed: 4)
        let b = 32
        let r = Tensor(zeros: [b, 2]), n = rng.normalTensor([b, 2])
        // Reference and positive collapsed at 0, negatives anywhere: L = log Σ exp(−‖n_j‖²) ≠ ln B,
        // so only the fully collapsed case is at chance; check the formula directly.
        let l = GoodnessOfFit.loss(InfoNCE(similarity: .euclidean), reference: r, positive: r, negative: n)
        let expected = log((0..<b).reduce(0.0) { $0 + exp(-Double(n[$1, 0] * n[$1, 0] + n[$1, 1] * n[$1, 1])) })
        #expect(abs(l - expected) < 1e-5)
    }

    /// Each reference equals its positive, the negatives are the positives in another order,
    /// and distinct rows are far apart: the positive is identified with certainty, L → 0.
    @Test(arguments: [16, 64, 512])
    func perfectEmbeddingHasLog2BBits(b: Int) {
        var rng = Xoshiro256(seed: UInt64(b))
        var scalars = [Float](repeating: 0, count: b * b)
        for i in 0..<b { scalars[i * b + i] = 10 }  // ‖p_i − p_j‖² = 200 for i ≠ j
        let p = Tensor(shape: [b, b], scalars: scalars)
        var order = Array(0..<b)
        order.shuffle(using: &rng)
        let bits = GoodnessOfFit.bits(InfoNCE(similarity: .euclidean), reference: p, positive: p, negative: p.gatherRows(order))
        #expect(abs(bits - log2(Double(b))) < 1e-5)
        let cosine = InfoNCE(similarity: .cosine, temperature: .fixed(0.01))
        let unit = Tensor(shape: [b, b], scalars: scalars.map { $0 / 10 })
        let cbits = GoodnessOfFit.bits(cosine, reference: unit, positive: unit, negative: unit.gatherRows(order))
        #expect(abs(cbits - log2(Double(b))) < 1e-5)
    }

    @Test func heldOutEvaluationNeedsHeldOutData() throws {
        let s = TestSupport.randomWalk()
        let none = try Trainer(configuration: TestSupport.configuration(heldOut: 0), session: s)
        #expect(throws: DimensionalityError.self) { try HeldOutEvaluation.goodnessOfFit(trainer: none, session: s, batches: 2) }
        // 600 × 0.05 = 30 held-out samples < B = 32.
        let tiny = try Trainer(configuration: TestSupport.configuration(heldOut: 0.05), session: s)
        #expect(throws: DimensionalityError.self) { try HeldOutEvaluation.goodnessOfFit(trainer: tiny, session: s, batches: 2) }
        #expect(HeldOutEvaluation.heldOutRange(sampleCount: 600, fraction: 0.25) == 450..<600)
    }

    @Test func trainingRaisesHeldOutGoodnessOfFitAboveChance() throws {
        let s = TestSupport.randomWalk(t: 1_000)
        var c = TestSupport.configuration(steps: 150, batch: 64, heldOut: 0.2)
        c.learningRate = 3e-3
        let untrained = try Trainer(configuration: c, session: s)
        let before = try HeldOutEvaluation.goodnessOfFit(trainer: untrained, session: s, batches: 20, seed: 1)
        let trained = try Trainer(configuration: c, session: s)
        try trained.train()
        let after = try HeldOutEvaluation.goodnessOfFit(trainer: trained, session: s, batches: 20, seed: 1)
        #expect(after.count == 2 && after[1].start == 2 && after[1].stop == 4)
        #expect(after.allSatisfy { abs($0.chanceLoss - log(64)) < 1e-12 })
        for k in 0..<2 { #expect(after[k].bits > before[k].bits + 0.3, "objective \(k): \(before[k].bits) → \(after[k].bits)") }
        // Same seed, same batches: the evaluation is deterministic.
        #expect(try HeldOutEvaluation.goodnessOfFit(trainer: trained, session: s, batches: 20, seed: 1) == after)
        #expect(try HeldOutEvaluation.embedding(trainer: trained, session: s).shape == [200, 4])
    }
}
