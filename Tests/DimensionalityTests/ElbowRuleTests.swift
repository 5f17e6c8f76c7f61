import Contrastive
import Foundation
import Testing
import Tensors
@testable import Dimensionality

@Suite struct ElbowRuleTests {
    /// A cosine-like curve (calibrated bits of the arena, rounded): the big step is 2 → 3, then
    /// 0.5, 0.22, 0.08 bits. Elbow at d′ = 3: the gain 0.5 < ½·2.1; the first gain 2.1 only has to
    /// clear the floor. The band rule instead takes d′ = 5 (0.08 bit from the best, under the floor).
    @Test func theElbowOfASlowlyRisingCurve() throws {
        let d = [2, 3, 4, 5, 6], m = [2.5, 4.6, 5.1, 5.32, 5.4], se = [0.02, 0.02, 0.02, 0.02, 0.02]
        let elbow = try #require(DimensionCriterion.normalisedElbow.choose(dimensions: d, means: m, standardErrors: se))
        #expect(elbow.dimension == 3 && elbow.best == 6 && elbow.band == [5, 6])
        #expect(try #require(DimensionCriterion.band.choose(dimensions: d, means: m, standardErrors: se)).dimension == 5)
        // A small first step followed by a drop: 0.8 then 0.05 (a 2-D latent, the circle at d′ = 2 already wrapping it).
        #expect(try #require(DimensionCriterion.normalisedElbow.choose(dimensions: [2, 3, 4, 5], means: [2.4, 3.2, 3.25, 3.3],
                                                                         standardErrors: [0.02, 0.02, 0.02, 0.02])).dimension == 3)
    }

    /// A gain above the fraction that is within k standard errors is noise: at d = 2 the gain 1.2
    /// clears ½·2 = 1 but not 2·√(0.5² + 0.5²) ≈ 1.41; at d = 1 the gain 2 clears both. Without
    /// the noise term the rule would go on to 3 (checked with s.e. 0).
    @Test func aGainWithinTheSeedsNoiseStops() throws {
        let c = DimensionCriterion(rule: .elbow)
        #expect(try #require(c.choose(dimensions: [1, 2, 3], means: [2, 4, 5.2], standardErrors: [0.5, 0.5, 0.5])).dimension == 2)
        #expect(try #require(c.choose(dimensions: [1, 2, 3], means: [2, 4, 5.2], standardErrors: [0, 0, 0])).dimension == 3)
    }

    /// Gaps between candidates: the gain is per added dimension. From d = 2 to 4 the curve gains
    /// 1 bit, 0.5 per dimension, below ½·2 (the gain 1 → 2); gaining 4 bits (2 per dimension) continues.
    @Test func gapsBetweenCandidatesCountPerDimension() throws {
        let c = DimensionCriterion(rule: .elbow)
        #expect(try #require(c.choose(dimensions: [1, 2, 4], means: [2, 4, 5], standardErrors: [0, 0, 0])).dimension == 2)
        #expect(try #require(c.choose(dimensions: [4, 1, 2], means: [8, 2, 4], standardErrors: [0, 0, 0])).dimension == 4)
    }

    /// A curve that never bends (2 bits per dimension) gives the largest candidate; a flat one
    /// the smallest; the floor stops a gain of 0.05 bits even on a tiny curve.
    @Test func limits() throws {
        let c = DimensionCriterion(rule: .elbow)
        #expect(try #require(c.choose(dimensions: [1, 2, 3, 4], means: [2, 4, 6, 8], standardErrors: [0, 0, 0, 0])).dimension == 4)
        #expect(try #require(c.choose(dimensions: [1, 2, 3], means: [1, 1, 1], standardErrors: [0, 0, 0])).dimension == 1)
        #expect(try #require(c.choose(dimensions: [1, 2], means: [0.05, 0.1], standardErrors: [0, 0])).dimension == 1)
        #expect(c.choose(dimensions: [], means: [], standardErrors: []) == nil)
        // Floor 0 and one seed: a flat curve still stops at once (a gain equal to the threshold is none).
        let bare = DimensionCriterion(rule: .elbow, floor: 0)
        #expect(try #require(bare.choose(dimensions: [1, 2, 3], means: [1, 1, 1], standardErrors: [0, 0, 0])).dimension == 1)
    }

    /// Sphere-like curves GoF(d′) = 1.5 + 2·min(d′ − 2, c − 1) + 0.05·max(d′ − 1 − c, 0) + noise
    /// (5 seeds; the spare dimensions' slope is the cosine benchmark's): the elbow returns c + 1,
    /// records its rule, and the bootstrap applies the same rule. The band rule, whose floor is
    /// per dimension, agrees while the spare slope is under the floor, and overshoots when it is
    /// above it (0.15 bits per dimension, as the arena's fourth to sixth dimensions).
    @Test(arguments: [1, 2, 3])
    func sphereLikeCurvesGiveTheLatentPlusOne(c: Int) throws {
        var rng = Xoshiro256(seed: UInt64(10 + c))
        let d = Array(2...8)
        let samples = d.map { dim in
            (0..<5).map { _ in 1.5 + 2 * Double(min(dim - 2, c - 1)) + 0.05 * Double(max(dim - 1 - c, 0)) + 0.01 * rng.normal() }
        }
        let e = try #require(DimensionEstimate.estimate(dimensions: d, samples: samples, criterion: .normalisedElbow,
                                                        bootstrapResamples: 200, seed: 1))
        #expect(e.dimension == c + 1 && e.rule == .elbow && e.latentOffset == 1 && e.criterion == .normalisedElbow)
        #expect(e.bootstrapDimensions == [c + 1])
        let band = try #require(DimensionEstimate.estimate(dimensions: d, samples: samples, criterion: .band, bootstrapResamples: 0))
        #expect(band.dimension == c + 1 && band.rule == .band && band.latentOffset == 0)
        guard c > 1 else { return }  // with c = 1 the whole curve is the spare slope
        let steeper = d.map { dim in
            (0..<5).map { _ in 1.5 + 2 * Double(min(dim - 2, c - 1)) + 0.15 * Double(max(dim - 1 - c, 0)) + 0.01 * rng.normal() }
        }
        #expect(try #require(DimensionEstimate.estimate(dimensions: d, samples: steeper, criterion: .normalisedElbow, bootstrapResamples: 0)).dimension == c + 1)
        #expect(try #require(DimensionEstimate.estimate(dimensions: d, samples: steeper, criterion: .band, bootstrapResamples: 0)).dimension > c + 1)
    }

    @Test func theDescriptionStatesTheParameters() {
        let text = DimensionCriterion.normalisedElbow.description
        #expect(text.contains("0.5·max_{j<i} g_j") && text.contains("(d′ − 1)-dimensional latent") && text.contains("floor = 0.1 bits"))
        // The band rule's text, with its floor per dimension.
        #expect(DimensionCriterion.band.description == """
            chosen d′ = the smallest candidate d whose mean GoF is within k standard errors of the best: \
            mean(best) − mean(d) ≤ max(k·√(se(best)² + se(d)²), floor·max(1, |best − d|)), k = 2, floor = 0.1 bits per dimension, \
            s.e. = sample s.d. over seeds / √seeds (0 for one seed); best = the highest mean (smallest d on ties)
            """)
    }

    /// Summaries default to the elbow on the calibrated GoF for a cosine slice (the toolkit's
    /// default recipe) and to the band rule on the calibrated GoF for a Euclidean one (synthetic-demo).
    @Test func theRecommendedFitFollowsTheSimilarity() throws {
        let euclid = try SweepPlan(base: TrainingPreset.syntheticDemo.configuration(behaviour: ["z2"]), slice: .behaviour,
                                   dimensions: [1, 2], seeds: [0]).recommendedFit()
        #expect(euclid.measure == .calibrated && euclid.criterion == .band)
        let cosine = try SweepPlan(base: TrainingPreset.standard.configuration(behaviour: ["position"]), slice: .behaviour,
                                   dimensions: [2, 3], seeds: [0]).recommendedFit()
        #expect(cosine.measure == .calibrated && cosine.criterion == .normalisedElbow)
        // Renormalised slices live on a sphere whatever the similarity.
        var renormalised = TrainingPreset.syntheticDemo.configuration(behaviour: ["z2"])
        renormalised.renormalize = true
        #expect(try SweepPlan(base: renormalised, slice: .behaviour, dimensions: [2, 3], seeds: [0]).recommendedFit().criterion == .normalisedElbow)
        // Sweep runs of the Euclidean recipes train at 1e-3; the cosine recipes keep their own rate.
        for preset in TrainingPreset.allCases {
            let own = preset.configuration(behaviour: ["x"]).learningRate
            let euclidean = preset.configuration(behaviour: ["x"]).objectives.allSatisfy { $0.criterion.similarity == .euclidean }
            #expect(preset.sweepLearningRate == (euclidean ? 1e-3 : own), "\(preset)")
        }
    }

    /// An estimate written before the elbow rule existed (no rule, fraction or latent offset)
    /// still decodes, as the band rule.
    @Test func olderEstimatesDecodeAsTheBandRule() throws {
        let json = """
            {"dimension": 3, "best": 4, "band": [3, 4], "bootstrapDimensions": [3], "bootstrapFrequencies": [1],
             "bootstrapResamples": 10, "bootstrapInterval": [3, 3], "tolerance": 2, "floor": 0.1}
            """
        let e = try JSONDecoder().decode(DimensionEstimate.self, from: Data(json.utf8))
        #expect(e.rule == nil && e.criterion == .band && e.dimension == 3)
    }
}
