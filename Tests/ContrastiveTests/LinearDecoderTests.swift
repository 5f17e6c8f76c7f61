import Testing
import Tensors
@testable import Contrastive

@Suite struct LinearDecoderTests {
    @Test func exactLinearTargetGivesR2One() throws {
        var rng = Xoshiro256(seed: 1)
        let e = rng.normalTensor([200, 3])
        let y = (0..<200).flatMap { i in [2 * Double(e[i, 0]) - Double(e[i, 2]) + 0.5, Double(e[i, 1])] }
        #expect(abs(try LinearDecoder.heldOutR2(embedding: e, block: 0..<3, target: y, targetColumns: 2) - 1) < 1e-9)
    }

    /// Hand value: y = x + noise with var(x) = var(noise) on held-out data gives R² ≈ 1/2;
    /// checked here on a constructed example with exactly known sums.
    @Test func r2MatchesHandComputation() throws {
        // x = [0, 1, 2, 3], y = [0, 1, 2, 4]; fit on all rows: slope 1.3, intercept −0.2
        let d = try LinearDecoder(x: [0, 1, 2, 3], p: 1, y: [0, 1, 2, 4], k: 1, rows: [0, 1, 2, 3])
        #expect(abs(d.coefficients[0, 0] - 1.3) < 1e-12 && abs(d.coefficients[1, 0] + 0.2) < 1e-12)
        // residuals 0.2, −0.1, −0.4, 0.3 → SSres 0.3; mean 1.75 → SStot 8.75
        #expect(abs(d.r2(x: [0, 1, 2, 3], p: 1, y: [0, 1, 2, 4], k: 1, rows: [0, 1, 2, 3]) - (1 - 0.3 / 8.75)) < 1e-12)
    }

    @Test func unrelatedBlockGivesLowR2() throws {
        var rng = Xoshiro256(seed: 2)
        let e = rng.normalTensor([2000, 2])
        let y = (0..<2000).map { _ in rng.normal() }
        #expect(try LinearDecoder.heldOutR2(embedding: e, block: 0..<2, target: y, targetColumns: 1) < 0.02)
    }
}
