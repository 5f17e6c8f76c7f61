/// Configuration of one chart axis.
public struct Axis: Sendable, Equatable {
    /// Title shown along the axis, with units, e.g. "time (s)". Empty: no title.
    public var label: String
    public var scale: ScaleKind
    /// A fixed extent; `nil` derives it from the data and widens it to nice tick values.
    public var domain: ClosedRange<Double>?
    /// Approximate number of major ticks.
    public var tickCount: Int
    /// Extend a data-derived extent to include 0 (bar heights, losses).
    public var includesZero: Bool

    public init(_ label: String = "", scale: ScaleKind = .linear, domain: ClosedRange<Double>? = nil,
                tickCount: Int = 5, includesZero: Bool = false) {
        self.label = label; self.scale = scale; self.domain = domain; self.tickCount = tickCount
        self.includesZero = includesZero
    }

    /// Tick values for data spanning `values` (non-finite values, and non-positive ones on a log axis,
    /// are ignored; no usable value gives [0, 1] or [1, 10]).
    public func ticks<S: Sequence>(for values: S) -> NiceTicks where S.Element == Double {
        if let d = domain {
            switch scale {
            case .linear: return NiceTicks(linearFrom: d.lowerBound, to: d.upperBound, targetCount: tickCount, extendsDomain: false)
            case .logarithmic: return NiceTicks(logarithmicFrom: d.lowerBound, to: d.upperBound, targetCount: tickCount)
            }
        }
        var lo = Double.infinity, hi = -Double.infinity
        for v in values where v.isFinite && (scale == .linear || v > 0) {
            lo = min(lo, v)
            hi = max(hi, v)
        }
        if includesZero && scale == .linear {
            lo = min(lo, 0)
            hi = max(hi, 0)
        }
        switch scale {
        case .linear:
            if lo > hi { return NiceTicks(linearFrom: 0, to: 1, targetCount: tickCount) }
            return NiceTicks(linearFrom: lo, to: hi, targetCount: tickCount)
        case .logarithmic:
            if lo > hi { return NiceTicks(logarithmicFrom: 1, to: 10, targetCount: tickCount) }
            return NiceTicks(logarithmicFrom: lo, to: hi, targetCount: tickCount)
        }
    }
}

/// Font sizes and spacing shared by all charts (SVG user units ≈ CSS px; an A4 text column is ≈ 680 px).
enum ChartStyle {
    static let titleSize = 14.0
    static let labelSize = 12.0
    static let tickSize = 11.0
    static let smallSize = 10.0
    static let tickLength = 5.0
    static let gap = 6.0
    /// Default size of a full-width chart on an A4 page with 15 mm margins.
    static let pageWidth = 680.0
    static let axisInk = RGBColor(hex: 0x444444)
}
