@testable import Attribution
import Contrastive
import Recordings
import Testing

/// End-to-end calibration of the shift null (trains 5 × 20 small models); a `LongTests` suite so
/// that `scripts/test.sh --skip LongTests` skips it (README convention).
@Suite(.tags(.long)) struct SignificanceLongTests {
    /// Behaviour independent of the neural data: the p-values of every neuron over several
    /// sessions are close to uniform on {1/20, …, 1} (KS distance and mean), as they must be
    /// when the observed model is exchangeable with the shifted ones.
    @Test func pValuesAreCalibratedWithoutBehaviourInformation() throws {
        var p: [Double] = []
        for seed in UInt64(0)..<5 {
            let s = TestModels.session(t: 1_000, neurons: 10, seed: 100 + seed, informative: false)
            let null = ShiftNull(shifts: 19, samples: 200, seed: seed, method: "jf-inv-lsq")
            let r = try null.run(configuration: TestModels.configuration(steps: 25, batch: 64, seed: seed), session: s)
            #expect(r.pValues[0] == nil && r.variables == ["time", "b"])
            p += try #require(r.pValues[1])
            let inRange = r.shifts.allSatisfy { (s: Int) -> Bool in s >= 50 && s <= 950 }
            #expect(Set(r.shifts).count == 19 && inRange)
        }
        #expect(p.allSatisfy { $0 >= 1.0 / 20 && $0 <= 1 })
        var ks = 0.0
        for k in 1...20 {
            let q = Double(k) / 20
            let below = Double(p.filter { $0 <= q + 1e-12 }.count) / Double(p.count)
            ks = max(ks, abs(below - q))
        }
        let mean = p.reduce(0, +) / Double(p.count)
        #expect(ks <= 0.2, "KS distance \(ks) of \(p.count) p-values")
        #expect(abs(mean - 0.525) <= 0.12, "mean p \(mean)")
    }
}
