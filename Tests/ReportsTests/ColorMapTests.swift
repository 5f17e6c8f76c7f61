import Foundation
import Reports
import Tensors
import Testing

@Suite struct ColorMapTests {
    @Test func okLabReferenceValues() {
        // Published OKLab coordinates of sRGB red and white.
        let red = OKLab(RGBColor(red: 1, green: 0, blue: 0))
        #expect(abs(red.l - 0.627955) < 1e-4 && abs(red.a - 0.224863) < 1e-4 && abs(red.b - 0.125846) < 1e-4)
        let white = OKLab(RGBColor.white)
        #expect(abs(white.l - 1) < 1e-4 && abs(white.a) < 1e-4 && abs(white.b) < 1e-4)
    }

    @Test func okLabRoundTrip() {
        var rng = Xoshiro256(seed: 7)
        for _ in 0..<500 {
            let c = RGBColor(red: rng.uniform(), green: rng.uniform(), blue: rng.uniform())
            let back = OKLab(c).rgb
            #expect(abs(back.red - c.red) < 1e-5 && abs(back.green - c.green) < 1e-5 && abs(back.blue - c.blue) < 1e-5)
        }
    }

    @Test func viridisEndpointsAndLightness() {
        let v = ColorMap.viridis
        #expect(v.color(0).hexString == "#440154")
        #expect(v.color(1).hexString == "#fde725")
        #expect(v.color(-3) == v.color(0) && v.color(7) == v.color(1))
        let l = v.colors.map { OKLab($0).l }
        #expect(zip(l, l.dropFirst()).allSatisfy { $0 < $1 }, "viridis lightness must increase monotonically")
    }

    @Test func divergingEndpointsAndCentre() {
        let m = ColorMap.blueWhiteRed
        let centre = OKLab(m.color(0.5))
        #expect(centre.l > 0.96 && centre.chroma < 0.01)
        let lo = OKLab(m.color(0)), hi = OKLab(m.color(1))
        #expect(lo.b < -0.05, "low end is blue")
        #expect(hi.a > 0.05, "high end is red")
        #expect(abs(lo.l - hi.l) < 0.02, "both ends equally dark")
        let l = m.colors.map { OKLab($0).l }
        let half = l.count / 2
        #expect(zip(l.prefix(half), l.prefix(half).dropFirst()).allSatisfy { $0 <= $1 + 1e-9 })
        #expect(zip(l.suffix(half), l.suffix(half).dropFirst()).allSatisfy { $0 >= $1 - 1e-9 })
        #expect(m.color(-5, in: -1...1) == m.color(0))
        #expect(m.isDiverging)
    }

    @Test func cyclicWrapsAndIsContinuous() {
        let m = ColorMap.cyclic
        #expect(m.color(0) == m.color(1))
        #expect(m.color(0.25) == m.color(1.25) && m.color(-0.75) == m.color(0.25))
        let labs = m.colors.map(OKLab.init)
        let steps = zip(labs, labs.dropFirst() + [labs[0]]).map { $0.distance(to: $1) }
        let mean = steps.reduce(0, +) / Double(steps.count)
        #expect(steps.max()! < 1.3 * mean, "no jump anywhere, including across the wrap")
        // Opposite angles differ a lot (light vs dark).
        #expect(labs[0].distance(to: labs[labs.count / 2]) > 0.3)
    }

    /// Equal steps in t give near-equal perceived steps (the arc-length construction).
    @Test func perceptualUniformity() {
        for m in [ColorMap.viridis, .cyclic, .grays] {
            let labs = m.colors.map(OKLab.init)
            let steps = zip(labs, labs.dropFirst()).map { $0.distance(to: $1) }
            let mean = steps.reduce(0, +) / Double(steps.count)
            #expect(steps.max()! < 1.3 * mean && steps.min()! > 0.7 * mean, "\(m.name)")
        }
        let d = ColorMap.blueWhiteRed.colors.map(OKLab.init)
        let half = d.count / 2
        let steps = zip(d.prefix(half), d.prefix(half).dropFirst()).map { $0.distance(to: $1) }
        let mean = steps.reduce(0, +) / Double(steps.count)
        #expect(steps.max()! < 1.3 * mean && steps.min()! > 0.7 * mean)
    }

    @Test func missingValues() {
        for m in [ColorMap.viridis, .blueWhiteRed, .cyclic] {
            #expect(m.color(.nan) == ColorMap.missingColor)
            #expect(m.color(.infinity, in: 0...1) == ColorMap.missingColor)
        }
        #expect(ColorMap.viridis.color(3, in: 3...3) == ColorMap.viridis.color(0.5))
    }

    @Test func gamutMappingKeepsHueAndLightness() {
        let wild = OKLab(l: 0.7, chroma: 0.4, hue: 2)
        #expect(!wild.isInSRGBGamut)
        let mapped = wild.gamutMapped()
        #expect(mapped.isInSRGBGamut && abs(mapped.l - 0.7) < 1e-12 && abs(mapped.hue - 2) < 1e-9 && mapped.chroma < 0.4)
    }

    @Test func hexParsing() {
        #expect(RGBColor(hexString: "#0072B2")?.hexString == "#0072b2")
        #expect(RGBColor(hexString: "nope") == nil)
        #expect(RGBColor.white.contrastingText == .black && RGBColor.black.contrastingText == .white)
    }
}
