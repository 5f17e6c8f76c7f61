import Foundation
import Reports
import Testing

@Suite struct ScaleAndFormatTests {
    @Test func linearScaleMapsEndsAndReverses() {
        let s = Scale(domain: 0...10, range: (100, 0))
        #expect(s(0) == 100 && s(10) == 0 && s(5) == 50)
        #expect(s(.nan) == nil && s(.infinity) == nil)
        #expect(s.clamped(20) == 0)
    }

    @Test func logScale() {
        let s = Scale(kind: .logarithmic, domain: 1...1000, range: (0, 300))
        #expect(abs(s(10)! - 100) < 1e-9)
        #expect(s(0) == nil && s(-1) == nil)
    }

    @Test func degenerateScaleDomainDoesNotDivideByZero() {
        let s = Scale(domain: 3...3, range: (0, 100))
        #expect(s(3) == 50)
    }

    @Test func coordinates() {
        #expect(NumberFormat.coordinate(1.5) == "1.5")
        #expect(NumberFormat.coordinate(-0.004) == "0")
        #expect(NumberFormat.coordinate(12.345) == "12.35" || NumberFormat.coordinate(12.345) == "12.34")
        #expect(NumberFormat.coordinate(-3.07) == "-3.07")
        #expect(NumberFormat.coordinate(2) == "2")
        #expect(NumberFormat.coordinate(.nan) == nil)
        #expect(NumberFormat.coordinate(-.infinity) == nil)
        #expect(NumberFormat.coordinate(1e12) == nil)
    }

    @Test func labelsNeverPrintNanOrInf() {
        #expect(NumberFormat.label(.nan) == NumberFormat.missing)
        #expect(NumberFormat.label(.infinity) == "∞")
        #expect(NumberFormat.fixed(-.infinity, fractionDigits: 2) == "-∞")
        #expect(NumberFormat.tick(.nan, fractionDigits: 1) == NumberFormat.missing)
        #expect(NumberFormat.fixed(-0.0001, fractionDigits: 2) == "0.00")
        #expect(NumberFormat.label(0.012345) == "0.0123")
        #expect(NumberFormat.label(123456789) == "1.23e+08")
        #expect(NumberFormat.label(2.5) == "2.5")
        #expect(NumberFormat.powerOfTen(-2) == "0.01")
        #expect(NumberFormat.powerOfTen(6) == "10⁶")
        #expect(NumberFormat.powerOfTen(-12) == "10⁻¹²")
    }
}
