@testable import Attribution
import Foundation
import Testing

/// Hand-computed values for AUP, AUR, AUPRC, I_m, S_m and the TSR progressive-masking metrics.
@Suite struct ComparisonMetricsTests {
    @Test func precisionRecallCurveMatchesSklearn() throws {
        // sklearn precision_recall_curve([0,0,1,1], [0.1,0.4,0.35,0.8]):
        // thresholds [0.1, 0.35, 0.4, 0.8], precision [1/2, 2/3, 1/2, 1], recall [1, 1, 1/2, 1/2].
        let c = try #require(WhiteBoxMetrics.precisionRecallCurve(scores: [0.1, 0.4, 0.35, 0.8], labels: [false, false, true, true]))
        #expect(c.thresholds == [0.1, 0.35, 0.4, 0.8])
        #expect(maxAbsDifference(c.precision, [0.5, 2.0 / 3, 0.5, 1]) < 1e-15)
        #expect(c.recall == [1, 1, 0.5, 0.5])
    }

    @Test func whiteBoxMetricsByHand() throws {
        let m = try #require(WhiteBoxMetrics(scores: [0.1, 0.4, 0.35, 0.8], labels: [false, false, true, true], normalize: false))
        // AUP = ¼(½ + ⅔)/2·… : 0.25·(1/2+2/3)/2 + 0.05·(2/3+1/2)/2 + 0.4·(1/2+1)/2 = 0.475.
        #expect(Swift.abs(m.aup! - 0.475) < 1e-12)
        // AUR = 0.25·1 + 0.05·0.75 + 0.4·0.5 = 0.4875.
        #expect(Swift.abs(m.aur! - 0.4875) < 1e-12)
        #expect(Swift.abs(m.auprc! - 5.0 / 6) < 1e-12)
        #expect(m.auROC == 0.75)
        // I_m = |log2(0.65001)| + |log2(0.20001)|; S_m adds the a|log2 a| terms.
        #expect(Swift.abs(m.information - 2.943322143547307) < 1e-12)
        #expect(Swift.abs(m.entropy - 1.655938443229118) < 1e-12)
    }

    @Test func normalisationAndDegenerateMaps() throws {
        // (a − min)/(max − min + 1e-5): a perfect map is not quite 1 at the top.
        let m = try #require(WhiteBoxMetrics(scores: [0, 2], labels: [false, true]))
        #expect(Swift.abs(m.information - Swift.abs(log2(1 - 2 / 2.00001 + 1e-5))) < 1e-9)
        #expect(m.auROC == 1 && m.aup != nil)
        let flat = try #require(WhiteBoxMetrics(scores: [1, 1, 1], labels: [true, false, true]))
        #expect(flat.aup == nil && flat.auROC == 0.5)
        #expect(WhiteBoxMetrics(scores: [1, .nan], labels: [true, false]) == nil)
    }

    @Test func progressiveMaskingByHand() throws {
        // |R| min-max → [1, .6, .4, .2, 0], mass 2.2; top-k sets for levels 0.1…0.9 have k =
        // 1,1,1,1,2,2,2,3,3; truth mass 1.4 → P = 1 (k=1), 1/1.6, 0.7; R = 1/1.4, 1/1.4, 1.
        let m = try #require(ProgressiveMasking(scores: [5, 3, 2, 1, 0], labels: [true, false, true, false, false]))
        #expect(maxAbsDifference(m.precision, [1, 1, 1, 1, 0.625, 0.625, 0.625, 0.7, 0.7]) < 1e-12)
        #expect(maxAbsDifference(m.recall, [Double](repeating: 1 / 1.4, count: 7) + [1, 1]) < 1e-12)
        #expect(Swift.abs(m.aup - 0.6425) < 1e-12)
        #expect(Swift.abs(m.aur - 0.6142857142857143) < 1e-12)
        #expect(Swift.abs(m.aupr - 0.18928571428571428) < 1e-12)
        // Negative scores count by magnitude.
        #expect(ProgressiveMasking(scores: [-5, 3, 2, -1, 0], labels: [true, false, true, false, false])! == m)
        #expect(ProgressiveMasking(scores: [1, 1], labels: [true, false]) == nil)
    }
}
