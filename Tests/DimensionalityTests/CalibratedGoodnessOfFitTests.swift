import Contrastive
import Foundation
import Testing
import Tensors
@testable import Dimensionality

@Suite struct CalibratedGoodnessOfFitTests {
    private typealias Cal = CalibratedGoodnessOfFit

    /// B = 2, β = 0.5: s⁺ = (−1, −2), s⁻ = [[−3, −1], [−2, −4]], by hand:
    /// row 0: −(−0.5) + ln(e^−0.5 + e^−1.5 + e^−0.5); row 1: 1 + ln(e^−1 + e^−1 + e^−2).
    @Test func lossMatchesAHandComputation() {
        let batch = Cal.Batch(positive: [-1, -2], negative: [-3, -1, -2, -4])
        let row0 = 0.5 + log(exp(-0.5) + exp(-1.5) + exp(-0.5))
        let row1 = 1.0 + log(exp(-1.0) + exp(-1.0) + exp(-2.0))
        #expect(abs(Cal.loss(batch, inverseTemperature: 0.5) - (row0 + row1) / 2) < 1e-12)
        #expect(abs(Cal.loss(batch, inverseTemperature: 0) - log(3)) < 1e-12)  // β = 0: chance, ln(B + 1)
    }

    @Test func chanceAndCeiling() {
        #expect(abs(Cal.bits(loss: log(513), batchSize: 512)) < 1e-12)
        #expect(abs(Cal.bits(loss: 0, batchSize: 255) - 8) < 1e-12)
    }

    /// All similarities equal (a collapsed embedding): every β gives ln(B + 1), 0 bits.
    @Test func collapsedEmbeddingHasZeroBits() {
        let b = 64
        let batches = (0..<4).map { _ in Cal.Batch(positive: [Float](repeating: -0.25, count: b), negative: [Float](repeating: -0.25, count: b * b)) }
        let beta = Cal.fitInverseTemperature(batches)
        let bits = Cal.bits(loss: Cal.loss(batches[0], inverseTemperature: beta), batchSize: b)
        #expect(abs(bits) < 1e-9)
    }

    /// Positives at distance 0 and every negative far away: the fitted β grows until the
    /// positive is identified with certainty, GoF → log₂(B + 1).
    @Test func perfectEmbeddingReachesTheCeiling() {
        var rng = Xoshiro256(seed: 2)
        let b = 128
        let batches = (0..<3).map { _ in
            Cal.Batch(positive: [Float](repeating: 0, count: b), negative: (0..<(b * b)).map { _ in -Float(4 + rng.uniform()) })
        }
        let beta = Cal.fitInverseTemperature(batches)
        let bits = Cal.bits(loss: Cal.loss(batches[0], inverseTemperature: beta), batchSize: b)
        #expect(bits > log2(Double(b + 1)) - 0.01 && bits <= log2(Double(b + 1)) + 1e-12, "bits \(bits), β \(beta)")
    }

    /// Overlapping positives and negatives: the fitted β is the minimum of L over a fine grid,
    /// and scaling every similarity by c divides β by c and leaves the bits unchanged.
    @Test func fittedTemperatureMinimisesTheLossAndRemovesTheScale() {
        var rng = Xoshiro256(seed: 7)
        let b = 48
        let batches = (0..<5).map { _ in
            Cal.Batch(positive: (0..<b).map { _ in -Float(rng.uniform()) }, negative: (0..<(b * b)).map { _ in -Float(2 * rng.uniform()) })
        }
        func mean(_ bs: [Cal.Batch], _ beta: Double) -> Double { bs.reduce(0) { $0 + Cal.loss($1, inverseTemperature: beta) } / Double(bs.count) }
        let beta = Cal.fitInverseTemperature(batches)
        let grid = (0...400).map { exp(-4 + 10 * Double($0) / 400) }
        let gridBest = grid.min { mean(batches, $0) < mean(batches, $1) }!
        #expect(abs(log(beta) - log(gridBest)) < 0.05, "β \(beta) vs grid \(gridBest)")
        #expect(mean(batches, beta) <= mean(batches, gridBest) + 1e-9)

        let c: Float = 25
        let scaled = batches.map { Cal.Batch(positive: $0.positive.map { $0 * c }, negative: $0.negative.map { $0 * c }) }
        let betaScaled = Cal.fitInverseTemperature(scaled)
        #expect(abs(betaScaled * Double(c) / beta - 1) < 1e-3)
        #expect(abs(mean(scaled, betaScaled) - mean(batches, beta)) < 1e-7)
    }

    /// The slope and curvature the Newton fit uses against central differences of the loss,
    /// and the loss itself against `loss`.
    @Test func derivativesMatchFiniteDifferences() {
        var rng = Xoshiro256(seed: 11)
        let b = 16
        let batch = Cal.Batch(positive: (0..<b).map { _ in -Float(rng.uniform()) }, negative: (0..<(b * b)).map { _ in -Float(3 * rng.uniform()) })
        // The same gaps far from 0, as Euclidean similarities −‖·‖² are: the derivatives must not
        // cancel. Values on a 2⁻¹² grid, so that subtracting 256 is exact in Float.
        func grid(_ x: Float) -> Float { (x * 4096).rounded() / 4096 }
        let onGrid = Cal.Batch(positive: batch.positive.map(grid), negative: batch.negative.map(grid))
        let far = Cal.Batch(positive: onGrid.positive.map { $0 - 256 }, negative: onGrid.negative.map { $0 - 256 })
        for beta in [0.3, 2.0] {
            let near = Cal.lossAndDerivatives(onGrid, inverseTemperature: beta), shifted = Cal.lossAndDerivatives(far, inverseTemperature: beta)
            #expect(abs(near.loss - shifted.loss) < 1e-9 && abs(near.slope - shifted.slope) < 1e-9 && abs(near.curvature - shifted.curvature) < 1e-8)
        }
        for beta in [0.0, 0.3, 2.0, 9.0] {
            let d = Cal.lossAndDerivatives(batch, inverseTemperature: beta)
            let h = 1e-4
            let lp = Cal.loss(batch, inverseTemperature: beta + h), lm = Cal.loss(batch, inverseTemperature: beta - h)
            let l0 = Cal.loss(batch, inverseTemperature: beta)
            #expect(abs(d.loss - l0) < 1e-12)
            #expect(abs(d.slope - (lp - lm) / (2 * h)) < 1e-7, "β \(beta): slope \(d.slope) vs \((lp - lm) / (2 * h))")
            #expect(abs(d.curvature - (lp - 2 * l0 + lm) / (h * h)) < 1e-4 * Swift.max(1, d.curvature), "β \(beta): curvature \(d.curvature)")
        }
    }

    /// Positives less similar than the negatives on average: L′(0) > 0, so chance (β = 0) is the
    /// best fit and the measure is 0 bits, not negative.
    @Test func positivesWorseThanNegativesFitChance() {
        var rng = Xoshiro256(seed: 3)
        let b = 32
        let batch = Cal.Batch(positive: (0..<b).map { _ in -2 - Float(rng.uniform()) }, negative: (0..<(b * b)).map { _ in -Float(rng.uniform()) })
        let beta = Cal.fitInverseTemperature([batch])
        #expect(beta == 0)
        #expect(abs(Cal.bits(loss: Cal.loss(batch, inverseTemperature: beta), batchSize: b)) < 1e-12)
        // A slightly positive β is already worse than chance there.
        #expect(Cal.loss(batch, inverseTemperature: 0.05) > Cal.loss(batch, inverseTemperature: 0))
    }

    /// Scoring an arbitrary embedding of the held-out rows: the true 2-D position (an oracle for
    /// a time_delta objective on it) beats its first coordinate alone, which beats a constant
    /// (≈ 0 bits); a wrong shape is refused.
    @Test func oracleEmbeddingsAreScored() throws {
        let session = TestSupport.randomWalk(t: 1_200)
        let range = HeldOutEvaluation.heldOutRange(sampleCount: 1_200, fraction: 0.5)
        let position = session.behaviour[0].values
        func embedding(_ columns: Int, constant: Bool = false) -> Tensor {
            Tensor(shape: [range.count, columns], scalars: range.flatMap { i in (0..<columns).map { constant ? 0.5 : Float(position[2 * i + $0]) } })
        }
        func bits(_ e: Tensor) throws -> Double {
            let o = Objective(slice: 0..<e.shape[1], criterion: InfoNCE(similarity: .euclidean), positives: .timeDelta(delta: 1, variables: ["position"]))
            return try #require(HeldOutEvaluation.goodnessOfFit(embedding: e, range: range, objectives: [o], session: session,
                                                                batchSize: 64, batches: 40)[0].calibratedBits)
        }
        let full = try bits(embedding(2)), first = try bits(embedding(1)), constant = try bits(embedding(1, constant: true))
        #expect(full > first + 0.5 && first > constant + 0.5 && abs(constant) < 0.05, "\(full) \(first) \(constant)")
        #expect(full <= log2(65.0))
        #expect(throws: DimensionalityError.self) {
            try HeldOutEvaluation.goodnessOfFit(embedding: embedding(2), range: 0..<10, objectives: [], session: session, batchSize: 8)
        }
    }
}
