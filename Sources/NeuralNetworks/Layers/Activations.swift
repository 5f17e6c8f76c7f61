import Tensors

/// Exact GELU, y = x·Φ(x) (Φ the standard normal CDF; not the tanh approximation).
public final class GELU: Layer {
    public init() {}
    public func callAsFunction(_ x: Variable) -> Variable { x.gelu() }
}

/// Hardtanh: y = clamp(x, min, max). Gradient 1 strictly inside, 0 at and beyond the bounds.
public final class Hardtanh: Layer {
    public let minValue: Float, maxValue: Float
    public init(min: Float = -1, max: Float = 1) {
        precondition(min < max, "Hardtanh: min \(min) must be below max \(max)")
        minValue = min
        maxValue = max
    }
    public func callAsFunction(_ x: Variable) -> Variable { x.clamped(minValue, maxValue) }
}

/// y = tanh(x).
public final class Tanh: Layer {
    public init() {}
    public func callAsFunction(_ x: Variable) -> Variable { x.tanh() }
}

/// y = x / ‖x‖₂ over the last axis (per sample), without epsilon as in CEBRA.
public final class L2Normalize: Layer {
    public init() {}
    public func callAsFunction(_ x: Variable) -> Variable { x.l2NormalizedRows() }
}
