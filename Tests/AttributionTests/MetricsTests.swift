@testable import Attribution
import Testing

@Suite struct MetricsTests {
    @Test func auROCWithoutTies() {
        // sklearn roc_auc_score([0,0,1,1], [0.1,0.4,0.35,0.8]) = 0.75.
        #expect(RankingMetrics.auROC(scores: [0.1, 0.4, 0.35, 0.8], labels: [false, false, true, true]) == 0.75)
    }

    @Test func auROCCountsTiesAsHalf() {
        // Positives {0.5, 0.9}, negatives {0.5, 0.2}: pairs ½ + 1 + 1 + 1 = 3.5 of 4.
        #expect(RankingMetrics.auROC(scores: [0.5, 0.5, 0.2, 0.9], labels: [true, false, false, true]) == 0.875)
        // All equal → 0.5; a tie across all of one class with the other class.
        #expect(RankingMetrics.auROC(scores: [1, 1, 1, 1, 1], labels: [true, false, true, false, false]) == 0.5)
        // Positives {2, 2, 3}, negatives {1, 2}: (2v1 1, 2v2 ½) ×2 + (3: 1 + 1) = 5 of 6.
        let a = RankingMetrics.auROC(scores: [2, 2, 3, 1, 2], labels: [true, true, true, false, false])!
        #expect(abs(a - 5.0 / 6.0) < 1e-15)
    }

    @Test func auROCUndefinedForOneClass() {
        #expect(RankingMetrics.auROC(scores: [1, 2], labels: [true, true]) == nil)
        #expect(RankingMetrics.averagePrecision(scores: [1, 2], labels: [false, false]) == nil)
    }

    @Test func averagePrecisionMatchesHandComputation() {
        // Thresholds 0.9 (R ½, P 1), 0.5 (R 1, P 2/3), 0.2 (R 1): AP = ½ + ½·⅔.
        let ap = RankingMetrics.averagePrecision(scores: [0.5, 0.5, 0.2, 0.9], labels: [true, false, false, true])!
        #expect(abs(ap - (0.5 + 1.0 / 3.0)) < 1e-15)
        // sklearn average_precision_score([0,0,1,1], [0.1,0.4,0.35,0.8]) = 0.8333…
        let ap2 = RankingMetrics.averagePrecision(scores: [0.1, 0.4, 0.35, 0.8], labels: [false, false, true, true])!
        #expect(abs(ap2 - (0.5 * 1 + 0.5 * 2.0 / 3.0)) < 1e-15)
    }

    @Test func gapMetrics() throws {
        let m = try #require(MapMetrics(map: [3, 1, 2, 0.5], groundTruth: [true, false, true, false]))
        #expect(m.maxConnected == 3 && m.minConnected == 2 && m.meanConnected == 2.5)
        #expect(m.maxNonConnected == 1 && m.minNonConnected == 0.5 && m.meanNonConnected == 0.75)
        #expect(m.gapMax == 2 && m.gapMin == 1.5 && m.gapMean == 1.75 && m.gapMinMax == 1)
        #expect(m.auROC == 1 && m.averagePrecision == 1)
        #expect(m.globalMax == 3 && m.globalMin == 0.5)
        let overlap = try #require(MapMetrics(map: [1, 2, 2, 0], groundTruth: [true, false, true, false]))
        #expect(overlap.gapMinMax == -1 && overlap.auROC! < 1)
        #expect(MapMetrics(map: [1, 2], groundTruth: [true, true]) == nil)
    }
}
