import Foundation

/// A continuous colour map: `t ∈ [0, 1]` → colour, stored as 256 equally spaced samples and
/// interpolated linearly between them.
///
/// The built-in maps are generated here from a few anchor colours or a closed-form curve in OKLab,
/// gamut-mapped into sRGB (chroma reduced at fixed lightness and hue), and re-parametrised by arc length in
/// OKLab so that equal steps in `t` give equal perceived colour steps (ΔE_OK between neighbouring samples
/// is constant to within a few per cent; the tests check it).
public struct ColorMap: Sendable, Equatable {
    /// Samples per map.
    public static let sampleCount = 256
    /// The colour drawn for missing (non-finite) values: a light grey distinct from every built-in map's
    /// colours in lightness or chroma.
    public static let missingColor = RGBColor(hex: 0xD9D9D9)

    public let name: String
    /// `t` wraps around (0 and 1 are the same colour) instead of being clamped.
    public let isCyclic: Bool
    /// The map has a neutral centre at `t = 0.5` (data domains should be symmetric around a reference).
    public let isDiverging: Bool
    /// The samples, `colors[i]` at `t = i / (count − 1)` (cyclic: `t = i / count`).
    public let colors: [RGBColor]

    public init(name: String, colors: [RGBColor], isCyclic: Bool = false, isDiverging: Bool = false) {
        self.name = name
        self.colors = colors.isEmpty ? [ColorMap.missingColor] : colors
        self.isCyclic = isCyclic
        self.isDiverging = isDiverging
    }

    /// The colour at `t`: clamped to [0, 1] (cyclic maps: `t mod 1`); `missingColor` for NaN or ±∞.
    public func color(_ t: Double) -> RGBColor {
        guard t.isFinite else { return ColorMap.missingColor }
        let n = colors.count
        if n == 1 { return colors[0] }
        let position: Double
        if isCyclic {
            let w = t - floor(t)
            position = w * Double(n)
        } else {
            position = min(max(t, 0), 1) * Double(n - 1)
        }
        let i = Int(floor(position))
        let f = position - Double(i)
        let c0 = colors[i % n], c1 = colors[isCyclic ? (i + 1) % n : min(i + 1, n - 1)]
        return RGBColor(red: c0.red + (c1.red - c0.red) * f, green: c0.green + (c1.green - c0.green) * f,
                        blue: c0.blue + (c1.blue - c0.blue) * f)
    }

    /// The colour for `value` on the data interval `domain` (linear normalisation); degenerate domains map
    /// everything to the centre of the map.
    public func color(_ value: Double, in domain: ClosedRange<Double>) -> RGBColor {
        guard value.isFinite else { return ColorMap.missingColor }
        let width = domain.upperBound - domain.lowerBound
        guard width > 0, width.isFinite else { return color(0.5) }
        return color((value - domain.lowerBound) / width)
    }

    // MARK: Built-in maps

    /// Sequential, dark purple → blue → green → yellow: an approximation of matplotlib's viridis
    /// (van der Walt & Smith, 2015) through its five published anchor colours #440154, #3B528B, #21908C,
    /// #5DC863, #FDE725 (a Catmull–Rom spline in OKLab, made perceptually uniform).
    public static let viridis: ColorMap = {
        let anchors: [UInt32] = [0x440154, 0x3B528B, 0x21908C, 0x5DC863, 0xFDE725]
        let points = anchors.map { OKLab(RGBColor(hex: $0)) }
        return ColorMap(name: "viridis", colors: uniformSamples(count: sampleCount, closed: false) { t in
            catmullRom(points, t)
        })
    }()

    /// Diverging blue – white – red for signed data (attributions, correlations): lightness falls linearly
    /// from 0.97 at the centre to 0.42 at both ends while chroma rises to 0.16, hue 255° (blue) below the
    /// centre and 27° (red) above; each half is made perceptually uniform separately so white stays at 0.5.
    public static let blueWhiteRed: ColorMap = {
        func half(_ hue: Double) -> [RGBColor] {
            uniformSamples(count: sampleCount / 2, closed: false) { s in
                OKLab(l: 0.97 - 0.55 * s, chroma: 0.16 * s, hue: hue * .pi / 180)
            }
        }
        let blue = half(255).reversed(), red = half(27)
        return ColorMap(name: "blue-white-red", colors: Array(blue) + red, isDiverging: true)
    }()

    /// Cyclic map for angles and phases: a closed loop in OKLab whose lightness follows
    /// `L = 0.64 + 0.2 cos θ` (light at 0, dark at π, like matplotlib's "twilight") while the hue turns
    /// once around the circle (`h = 200° + θ`, chroma 0.12 before gamut mapping), so that θ and −θ share a
    /// lightness but differ in hue. Equal angle steps give equal perceived steps; `t = 0` and `t = 1` meet.
    public static let cyclic: ColorMap = {
        ColorMap(name: "cyclic", colors: uniformSamples(count: sampleCount, closed: true) { t in
            let theta = 2 * Double.pi * t
            return OKLab(l: 0.64 + 0.2 * cos(theta), chroma: 0.12, hue: 200 * .pi / 180 + theta)
        }, isCyclic: true)
    }()

    /// Sequential light grey → black (rasters and densities printed in black and white).
    public static let grays: ColorMap = {
        ColorMap(name: "grays", colors: uniformSamples(count: sampleCount, closed: false) { t in
            OKLab(l: 0.96 - 0.86 * t, a: 0, b: 0)
        })
    }()

    // MARK: Construction

    /// `count` samples of `curve` (gamut-mapped) spaced equally by OKLab arc length; `closed` curves
    /// (curve(0) == curve(1)) omit the repeated end point.
    static func uniformSamples(count: Int, closed: Bool, curve: (Double) -> OKLab) -> [RGBColor] {
        let fine = 4096
        let pts = (0...fine).map { curve(Double($0) / Double(fine)).gamutMapped() }
        var arc = [0.0]
        arc.reserveCapacity(pts.count)
        for i in 1..<pts.count { arc.append(arc[i - 1] + pts[i].distance(to: pts[i - 1])) }
        let total = arc[fine]
        var out: [RGBColor] = []
        out.reserveCapacity(count)
        var j = 0
        let denominator = Double(closed ? count : count - 1)
        for k in 0..<count {
            let target = total * Double(k) / denominator
            while j < fine - 1 && arc[j + 1] < target { j += 1 }
            let span = arc[j + 1] - arc[j]
            let f = span > 0 ? min(max((target - arc[j]) / span, 0), 1) : 0
            out.append(pts[j].mix(pts[j + 1], f).gamutMapped().rgb)
        }
        return out
    }

    /// Uniform Catmull–Rom spline through `p` (end points duplicated), `t ∈ [0, 1]` over the whole chain.
    static func catmullRom(_ p: [OKLab], _ t: Double) -> OKLab {
        let segments = p.count - 1
        let x = min(max(t, 0), 1) * Double(segments)
        let i = min(Int(x), segments - 1)
        let u = x - Double(i)
        let p0 = p[max(i - 1, 0)], p1 = p[i], p2 = p[i + 1], p3 = p[min(i + 2, segments)]
        func c(_ a: Double, _ b: Double, _ c: Double, _ d: Double) -> Double {
            0.5 * (2 * b + (-a + c) * u + (2 * a - 5 * b + 4 * c - d) * u * u + (-a + 3 * b - 3 * c + d) * u * u * u)
        }
        return OKLab(l: c(p0.l, p1.l, p2.l, p3.l), a: c(p0.a, p1.a, p2.a, p3.a), b: c(p0.b, p1.b, p2.b, p3.b))
    }
}
