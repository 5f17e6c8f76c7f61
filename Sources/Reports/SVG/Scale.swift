import Foundation

/// How data values map onto an axis.
public enum ScaleKind: Sendable, Equatable {
    case linear
    /// Base-10 logarithmic; values ≤ 0 have no position.
    case logarithmic
}

/// A map from a data interval onto a pixel interval: linear, `p = r₀ + (v − d₀)/(d₁ − d₀)·(r₁ − r₀)`,
/// or logarithmic, the same in log₁₀ v. The pixel interval may be reversed (y axes grow downwards in SVG).
public struct Scale: Sendable, Equatable {
    public let kind: ScaleKind
    public let domain: ClosedRange<Double>
    /// Pixel positions of `domain.lowerBound` and `domain.upperBound`.
    public let range: (Double, Double)

    public init(kind: ScaleKind = .linear, domain: ClosedRange<Double>, range: (Double, Double)) {
        self.kind = kind
        // A zero-width domain would divide by zero; widen it so the single value sits mid-axis.
        if domain.lowerBound == domain.upperBound || !domain.lowerBound.isFinite || !domain.upperBound.isFinite {
            let v = domain.lowerBound.isFinite ? domain.lowerBound : 0
            self.domain = kind == .logarithmic ? max(v, 1e-300) / 10...max(v, 1e-300) * 10 : (v - 1)...(v + 1)
        } else if kind == .logarithmic && !(domain.lowerBound > 0) {
            let hi = domain.upperBound > 0 ? domain.upperBound : 10
            self.domain = hi * 1e-3...hi
        } else {
            self.domain = domain
        }
        self.range = range
    }

    /// A scale whose domain is the (possibly widened) domain of `ticks`.
    public init(ticks: NiceTicks, range: (Double, Double)) {
        self.init(kind: ticks.kind == .linear ? .linear : .logarithmic, domain: ticks.domain, range: range)
    }

    public static func == (a: Scale, b: Scale) -> Bool {
        a.kind == b.kind && a.domain == b.domain && a.range == b.range
    }

    /// Pixel position of `value`, or `nil` when the value is not finite or (log scale) not positive.
    /// Values outside the domain map outside the range (clip paths hide them); they are not clamped.
    public func callAsFunction(_ value: Double) -> Double? {
        guard value.isFinite else { return nil }
        let t: Double
        switch kind {
        case .linear:
            t = (value - domain.lowerBound) / (domain.upperBound - domain.lowerBound)
        case .logarithmic:
            guard value > 0 else { return nil }
            let l0 = log10(domain.lowerBound), l1 = log10(domain.upperBound)
            t = (log10(value) - l0) / (l1 - l0)
        }
        let p = range.0 + t * (range.1 - range.0)
        return p.isFinite ? p : nil
    }

    /// `callAsFunction` with values clamped into the domain first (for bars and bands that must stay on
    /// the plot); `nil` only for non-finite or, on a log scale, non-positive values.
    public func clamped(_ value: Double) -> Double? {
        guard value.isFinite else { return nil }
        if kind == .logarithmic && value <= 0 { return range.0 }
        return self(min(max(value, domain.lowerBound), domain.upperBound))
    }
}

/// Space reserved around a plot area, in SVG user units (1 unit = 1 CSS px = 1/96 in).
public struct Margins: Sendable, Equatable {
    public var top: Double, right: Double, bottom: Double, left: Double
    public init(top: Double, right: Double, bottom: Double, left: Double) {
        self.top = top; self.right = right; self.bottom = bottom; self.left = left
    }
}

/// An axis-aligned rectangle in SVG user units; `y` grows downwards.
public struct Rect: Sendable, Equatable {
    public var x: Double, y: Double, width: Double, height: Double
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x; self.y = y; self.width = width; self.height = height
    }
    public var maxX: Double { x + width }
    public var maxY: Double { y + height }
    /// The rectangle `size` minus `margins`, never negative in size.
    public init(size: (width: Double, height: Double), margins m: Margins) {
        self.init(x: m.left, y: m.top, width: max(1, size.width - m.left - m.right),
                  height: max(1, size.height - m.top - m.bottom))
    }
}
