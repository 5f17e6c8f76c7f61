import Testing
import Tensors
@testable import Dimensionality

@Suite struct EstimationRuleTests {
    @Test func smallestDimensionWithinTwoStandardErrorsOfTheBest() throws {
        let d = [1, 2, 3, 4, 5, 6]
        let c = try #require(DimensionEstimate.choose(dimensions: d, means: [1.0, 2.0, 3.0, 3.05, 2.98, 3.02],
                                                      standardErrors: Array(repeating: 0.05, count: 6)))
        #expect(c.dimension == 3 && c.best == 4 && c.band == [3, 4, 5, 6])
    }

    @Test func aClearStepBeyondTheBandIsNotChosen() throws {
        // d = 3 is 0.2 below the best with s.e. 0.05 each: 0.2 > 2·√0.005 ≈ 0.141, so d = 4.
        let c = try #require(DimensionEstimate.choose(dimensions: [1, 2, 3, 4, 5], means: [1, 2, 2.9, 3.1, 3.1],
                                                      standardErrors: [0.05, 0.05, 0.05, 0.05, 0.05]))
        #expect(c.dimension == 4 && c.best == 4 && c.band == [4, 5])
    }

    @Test func largeSpreadWidensTheBand() throws {
        let c = try #require(DimensionEstimate.choose(dimensions: [1, 2, 3], means: [1, 2.9, 3.0], standardErrors: [0.1, 0.1, 0.1]))
        #expect(c.dimension == 2 && c.band == [2, 3])
    }

    @Test func unorderedCandidatesAndOneSeed() throws {
        // One seed: s.e. 0, so only the maximum qualifies; the order of the input does not matter.
        let c = try #require(DimensionEstimate.choose(dimensions: [5, 1, 3], means: [2.5, 1, 2.5], standardErrors: [0, 0, 0]))
        #expect(c.dimension == 3 && c.best == 3 && c.band == [3, 5])
        #expect(DimensionEstimate.choose(dimensions: [], means: [], standardErrors: []) == nil)
        let floor = try #require(DimensionEstimate.choose(dimensions: [1, 2], means: [1.95, 2], standardErrors: [0, 0], floor: 0.1))
        #expect(floor.dimension == 1)
    }

    /// The floor is per dimension. A curve that creeps up by less than the floor per spare
    /// dimension keeps the knee (a well-trained k = 2 sweep, calibrated GoF), while a step larger
    /// than the floor per dimension is still taken (k = 6).
    @Test func theFloorCountsPerDimension() throws {
        let d = [1, 2, 3, 4, 5, 6], se = Array(repeating: 0.01, count: 6)
        let creeping = try #require(DimensionEstimate.choose(dimensions: d, means: [2.21, 4.31, 4.37, 4.47, 4.46, 4.46],
                                                             standardErrors: se, floor: 0.1))
        #expect(creeping.dimension == 2 && creeping.best == 4)
        // With one floor for any distance the same curve would give 3: 4.47 − 4.37 ≤ 0.1.
        #expect(creeping.band.first == 2 && !creeping.band.contains(1))
        let stepped = try #require(DimensionEstimate.choose(dimensions: [1, 2, 3, 4, 5, 6, 7], means: [2.49, 4.72, 6.45, 7.44, 8.00, 8.27, 8.16],
                                                            standardErrors: se + [0.01], floor: 0.1))
        #expect(stepped.dimension == 6 && stepped.band == [6])
        // 0.25 over two dimensions clears a 0.1-per-dimension floor; 0.15 does not.
        #expect(try #require(DimensionEstimate.choose(dimensions: [1, 3], means: [1, 1.25], standardErrors: [0, 0], floor: 0.1)).dimension == 3)
        #expect(try #require(DimensionEstimate.choose(dimensions: [1, 3], means: [1, 1.15], standardErrors: [0, 0], floor: 0.1)).dimension == 1)
    }

    @Test func meanAndStandardError() {
        let s = DimensionEstimate.meanAndStandardError([1, 2, 3, 4])
        #expect(s.mean == 2.5 && abs(s.standardError - (5.0 / 3 / 4).squareRoot()) < 1e-12)
        #expect(DimensionEstimate.meanAndStandardError([7]).standardError == 0)
    }

    /// Saturating curves GoF(d) = 0.8·min(d, k) + seed noise (s.d. 0.03, 5 seeds): the rule
    /// recovers k, and k is the bootstrap's most frequent estimate.
    @Test(arguments: [1, 2, 4, 6])
    func saturatingNoisyCurvesGiveTheTrueDimension(k: Int) throws {
        var rng = Xoshiro256(seed: UInt64(k))
        let d = Array(1...8)
        let samples = d.map { dim in (0..<5).map { _ in 0.8 * Double(min(dim, k)) + 0.03 * rng.normal() } }
        let e = try #require(DimensionEstimate.estimate(dimensions: d, samples: samples, bootstrapResamples: 300, seed: 1))
        #expect(e.dimension == k)
        #expect(e.band.first == k)
        #expect(abs(e.bootstrapFrequencies.reduce(0, +) - 1) < 1e-9)
        let atK = e.bootstrapDimensions.firstIndex(of: k).map { e.bootstrapFrequencies[$0] } ?? 0
        #expect(atK == e.bootstrapFrequencies.max() && atK >= 0.5)
        #expect(e.bootstrapDimensions.allSatisfy { $0 >= k })
        #expect(e.bootstrapInterval[0] <= k && k <= e.bootstrapInterval[1])
    }
}
