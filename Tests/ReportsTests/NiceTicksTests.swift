import Foundation
import Reports
import Tensors
import Testing

@Suite struct NiceTicksTests {
    func close(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= 1e-12 * max(1, abs($1)) }
    }

    @Test func unitInterval() {
        let t = NiceTicks(linearFrom: 0, to: 1)
        #expect(close(t.values, [0, 0.2, 0.4, 0.6, 0.8, 1]))
        #expect(t.domain == 0...1)
        #expect(t.labels == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
    }

    @Test func zeroToSevenPointThree() {
        let t = NiceTicks(linearFrom: 0, to: 7.3)
        #expect(close(t.values, [0, 2, 4, 6, 8]))
        #expect(t.domain == 0...8)
        #expect(t.labels == ["0", "2", "4", "6", "8"])
    }

    /// The spacing comes from the span itself: 0…60 s gets a tick every 10 s (Heckbert's extra rounding of the
    /// span to 100 would give every 20 s).
    @Test func spacingFromSpan() {
        let t = NiceTicks(linearFrom: 0, to: 59.95, targetCount: 7, extendsDomain: false)
        #expect(close(t.values, [0, 10, 20, 30, 40, 50]))
    }

    @Test func tightDomainKeepsEnds() {
        let t = NiceTicks(linearFrom: 0.3, to: 7.3, extendsDomain: false)
        #expect(t.domain == 0.3...7.3)
        #expect(close(t.values, [2, 4, 6]))
    }

    @Test func negativeRange() {
        let t = NiceTicks(linearFrom: -3.7, to: -0.2)
        #expect(close(t.values, [-4, -3, -2, -1, 0]))
        #expect(t.labels == ["\u{2212}4", "\u{2212}3", "\u{2212}2", "\u{2212}1", "0"])
        let s = NiceTicks(linearFrom: -0.75, to: 0.35)
        // step = nice(1.1 / 4) = 0.2
        #expect(close(s.values, [-0.8, -0.6, -0.4, -0.2, 0, 0.2, 0.4]))
        #expect(s.labels == ["\u{2212}0.8", "\u{2212}0.6", "\u{2212}0.4", "\u{2212}0.2", "0.0", "0.2", "0.4"])
    }

    @Test func degenerateRange() {
        let t = NiceTicks(linearFrom: 5, to: 5)
        #expect(t.domain.contains(5) && t.domain.lowerBound < 5 && t.domain.upperBound > 5)
        #expect(t.values.count >= 2)
        let z = NiceTicks(linearFrom: 0, to: 0)
        #expect(z.domain == -1...1)
        let l = NiceTicks(logarithmicFrom: 10, to: 10)
        #expect(l.domain.contains(10) && l.values.count >= 2)
        #expect(!l.labels.joined().contains("n/a"))
    }

    @Test func nonFiniteAndReversedInput() {
        let a = NiceTicks(linearFrom: .nan, to: .infinity)
        #expect(a.domain == 0...1)
        let b = NiceTicks(linearFrom: .nan, to: 3)
        #expect(b.domain.contains(3))
        let c = NiceTicks(linearFrom: 10, to: 0)
        #expect(c.domain == 0...10)
        let d = NiceTicks(logarithmicFrom: -5, to: 100)
        #expect(d.domain.lowerBound > 0 && d.domain.upperBound >= 100)
        let e = NiceTicks(logarithmicFrom: -5, to: -1)
        #expect(e.domain == 1...10)
        for t in [a, b, c, d, e] {
            #expect(t.values.allSatisfy { $0.isFinite })
            let leaks = t.labels.filter(containsNonFiniteToken)
            #expect(leaks.isEmpty)
        }
    }

    @Test func logDecades() {
        let t = NiceTicks(logarithmicFrom: 1e-3, to: 1e2)
        #expect(close(t.values, [1e-3, 1e-2, 1e-1, 1, 10, 100]))
        #expect(t.labels == ["0.001", "0.01", "0.1", "1", "10", "100"])
        #expect(t.domain.lowerBound == 1e-3 && abs(t.domain.upperBound - 100) < 1e-9)
        // 2…9 × 10ᵏ minor ticks for up to six decades: 8 per decade, 5 decades.
        #expect(t.minorValues.count == 40)
    }

    @Test func logWideRangeSkipsDecades() {
        let t = NiceTicks(logarithmicFrom: 1e-8, to: 3e9, targetCount: 6)
        #expect(t.values.count <= 7 && t.values.count >= 3)
        #expect(t.step > 1)
        #expect(t.labels.first == "10⁻⁸" || t.labels.first == "10⁻¹⁰")
        #expect(t.labels.allSatisfy { $0.contains("10") || $0 == "1" })
    }

    @Test func logNarrowRangeAddsTwoAndFive() {
        let t = NiceTicks(logarithmicFrom: 2, to: 8)
        #expect(t.domain == 2...10)
        #expect(close(t.values, [2, 5, 10]))
        #expect(t.labels == ["2", "5", "10"])
        let d = NiceTicks(logarithmicFrom: 2, to: 32)
        #expect(d.domain.lowerBound == 2 && abs(d.domain.upperBound - 50) < 1e-12)
        #expect(close(d.values, [2, 5, 10, 20, 50]))
        #expect(d.minorValues.allSatisfy { d.domain.contains($0) })
    }

    @Test func scientificLabelsForLargeValues() {
        let t = NiceTicks(linearFrom: 0, to: 2.2e6)
        #expect(t.labels == ["0", "0.5×10⁶", "1.0×10⁶", "1.5×10⁶", "2.0×10⁶", "2.5×10⁶"])
        let m = NiceTicks(linearFrom: 0, to: 3e6, targetCount: 4)
        #expect(m.labels == ["0", "10⁶", "2×10⁶", "3×10⁶"])
        #expect(Set(t.labels).count == t.labels.count)
        let s = NiceTicks(linearFrom: 0, to: 4e-5)
        #expect(Set(s.labels).count == s.labels.count)
        #expect(s.labels == ["0", "10⁻⁵", "2×10⁻⁵", "3×10⁻⁵", "4×10⁻⁵"])
    }

    /// Invariants on random ranges: ticks inside the domain, domain covers the data, step in {1,2,5}×10ᵏ,
    /// distinct labels, sensible count.
    @Test func randomRangesKeepInvariants() {
        var rng = Xoshiro256(seed: 42)
        for _ in 0..<2000 {
            let scale = pow(10, rng.uniform(-6, 8))
            let a = rng.uniform(-1, 1) * scale, b = a + rng.uniform(0, 1) * scale * pow(10, rng.uniform(-3, 1))
            let n = 3 + rng.uniformInt(below: 8)
            let t = NiceTicks(linearFrom: a, to: b, targetCount: n)
            #expect(t.domain.lowerBound <= a && t.domain.upperBound >= b)
            #expect(t.values.allSatisfy { t.domain.contains($0) })
            #expect(t.values.count >= 2 && t.values.count <= 2 * n + 1, "\(a)…\(b) n=\(n): \(t.values)")
            let mantissa = t.step / pow(10, floor(log10(t.step)))
            #expect([1, 2, 5].contains { abs(mantissa - $0) < 1e-9 })
            #expect(Set(t.labels).count == t.labels.count, "\(a)…\(b): \(t.labels)")
        }
    }

    @Test func niceNumber() {
        #expect(NiceTicks.niceNumber(7.3, round: false) == 10)
        #expect(NiceTicks.niceNumber(2.5, round: true) == 2)
        #expect(NiceTicks.niceNumber(0.034, round: true) == 0.05)
        #expect(NiceTicks.niceNumber(.nan, round: true) == 1)
    }
}
