@testable import Attribution
import Foundation
import Testing

@Suite struct IntegrationRuleTests {
    @Test func gaussLegendreKnownNodes() throws {
        let (a, w) = try IntegrationRule.gaussLegendre.nodes(2)
        #expect(Swift.abs(a[0] - (1 - 1 / 3.0.squareRoot()) / 2) < 1e-15 && Swift.abs(a[1] - (1 + 1 / 3.0.squareRoot()) / 2) < 1e-15)
        #expect(Swift.abs(w[0] - 0.5) < 1e-15 && Swift.abs(w[1] - 0.5) < 1e-15)
        let (a3, w3) = try IntegrationRule.gaussLegendre.nodes(3)
        #expect(Swift.abs(a3[0] - (1 - 0.6.squareRoot()) / 2) < 1e-15 && a3[1] == 0.5)
        #expect(Swift.abs(w3[0] - 5.0 / 18) < 1e-15 && Swift.abs(w3[1] - 8.0 / 18) < 1e-15)
    }

    @Test func gaussLegendreIsExactToDegree2mMinus1() throws {
        for m in [1, 4, 17, 50] {
            let (a, w) = try IntegrationRule.gaussLegendre.nodes(m)
            #expect(Swift.abs(w.reduce(0, +) - 1) < 1e-14)
            #expect(zip(a, a.dropFirst()).allSatisfy { $0 < $1 })
            let deg = 2 * m - 1
            let q = zip(a, w).reduce(0.0) { $0 + $1.1 * pow($1.0, Double(deg)) }
            #expect(Swift.abs(q - 1 / Double(deg + 1)) < 1e-13, "m = \(m)")
        }
    }

    @Test func riemannRules() throws {
        #expect(try IntegrationRule.riemannLeft.nodes(4).alphas == [0, 0.25, 0.5, 0.75])
        #expect(try IntegrationRule.riemannRight.nodes(4).alphas == [0.25, 0.5, 0.75, 1])
        #expect(try IntegrationRule.riemannMiddle.nodes(2).alphas == [0.25, 0.75])
        let t = try IntegrationRule.riemannTrapezoid.nodes(3)
        #expect(t.alphas == [0, 0.5, 1] && t.weights == [0.25, 0.5, 0.25])
        #expect(throws: AttributionError.self) { try IntegrationRule.riemannTrapezoid.nodes(1) }
    }
}
