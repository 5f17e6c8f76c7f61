@testable import Attribution
import Foundation
import Tensors
import Testing

@Suite struct TimeSeriesMetricsTests {
    @Test func aPerfectBinaryMaskScoresAsPublishedForContraLSP() throws {
        // 2 samples × 4 cells, truth = mask: AUR = 1 (recall 1 at both thresholds), AUP is
        // (prevalence + 1)/2 with tint's pairing and 1 with the rare scripts' shifted pairing.
        let truth = Tensor(shape: [2, 2, 2], scalars: [1, 0, 0, 0, 1, 1, 0, 0])
        let tint = try TimeSeriesMetrics(attributions: truth, truth: truth)
        let shifted = try TimeSeriesMetrics(attributions: truth, truth: truth, pairing: .shifted)
        let top = 1 / (1 + 1e-5)
        #expect(abs(tint.aur - top) < 1e-9)
        #expect(abs(tint.aup - top * (3.0 / 8 + 1) / 2) < 1e-9)
        #expect(abs(shifted.aup - top) < 1e-9)
        #expect(tint.auroc == 1 && abs(tint.auprc - 1) < 1e-12)
        // I_m = 3·|log2(1 − top + 1e-5)|; S_m ≈ 3·(entropy of a near-1 cell).
        let keep = abs(log2(1 - top + 1e-5))
        #expect(abs(tint.information - 3 * keep) < 1e-6)
        #expect(abs(tint.entropy - 3 * (top * abs(log2(top + 1e-5)) + (1 - top) * keep)) < 1e-6)
    }

    @Test func curvesMatchAHandComputedExample() throws {
        // One sample, scores (0.2, 0.4, 0.6, 0.8) ↦ normalised by max + 1e-5; truth (0, 1, 0, 1).
        let a = Tensor(shape: [1, 1, 4], scalars: [0.2, 0.4, 0.6, 0.8])
        let truth = Tensor(shape: [1, 1, 4], scalars: [0, 1, 0, 1])
        let m = try TimeSeriesMetrics(attributions: a, truth: truth)
        let s = [0.2, 0.4, 0.6, 0.8].map { $0 / (0.8 + 1e-5) }
        // Thresholds (after (a − min)/(max + eps)): s − s₀; P = (2/4, 2/3, 1/2, 1), R = (1, 1, .5, .5).
        let tau = s.map { $0 - s[0] }
        let p = [0.5, 2.0 / 3, 0.5, 1], r = [1, 1, 0.5, 0.5]
        var aup = 0.0, aur = 0.0
        for i in 1..<4 {
            aup += (tau[i] - tau[i - 1]) * (p[i] + p[i - 1]) / 2
            aur += (tau[i] - tau[i - 1]) * (r[i] + r[i - 1]) / 2
        }
        #expect(abs(m.aup - aup) < 1e-6 && abs(m.aur - aur) < 1e-6)
        #expect(abs(m.auroc - 0.75) < 1e-12)
    }

    @Test func whiteBoxDataFollowTheSpec() throws {
        var rng = Xoshiro256(seed: 0)
        let rt = try TimeSeriesWhiteBox(kind: .rareTime, samples: 4, using: &rng)
        #expect(rt.salientSteps.count == 5 && rt.salientFeatures == Array(12..<37))
        #expect(rt.salient.scalars.reduce(0, +) == 125)
        let ro = try TimeSeriesWhiteBox(kind: .rareObservation, samples: 4, using: &rng)
        #expect(ro.salientFeatures.count == 5 && ro.salientSteps == Array(12..<37))
        let y = ro.model.evaluate(ro.inputs)
        #expect(y.shape == [4, 50])
        // y_t = Σ_{d∈S} x² on salient steps, 0 elsewhere.
        let t = 20, f = ro.salientFeatures
        let expected = f.reduce(Float(0)) { $0 + ro.inputs[1, t, $1] * ro.inputs[1, t, $1] }
        #expect(abs(y[1, t] - expected) < 1e-4 && y[1, 3] == 0)
        #expect(throws: AttributionError.self) { try TimeSeriesWhiteBox(kind: .rareTime, timeSteps: 4, using: &rng) }
    }
}
