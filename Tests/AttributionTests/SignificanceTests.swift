@testable import Attribution
import Contrastive
import Recordings
import Testing

@Suite struct SignificanceTests {
    @Test func shiftRollsEveryBehaviourVariable() {
        let s = TestModels.session(t: 10, neurons: 2, seed: 1, informative: true)
        let r = ShiftNull.shifted(s, by: 3)
        let b = s.behaviour[0], rb = r.behaviour[0]
        for t in 0..<10 { for c in 0..<3 { #expect(rb[t, c] == b[(t + 3) % 10, c]) } }
        #expect(r.neural == s.neural)
    }
}
