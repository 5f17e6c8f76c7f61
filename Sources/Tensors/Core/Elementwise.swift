import Foundation

/// Elementwise arithmetic with NumPy broadcasting (see `Broadcasting.swift`).
extension Tensor {
    /// Applies `f` to every element.
    @inlinable
    public func map(_ f: (Float) -> Float) -> Tensor {
        Tensor(shape: shape) { out in
            scalars.withUnsafeBufferPointer { p in
                for i in 0..<out.count { out[i] = f(p[i]) }
            }
        }
    }

    @inlinable public static func + (a: Tensor, b: Tensor) -> Tensor { broadcasting(a, b, AddOperator.self) }
    @inlinable public static func - (a: Tensor, b: Tensor) -> Tensor { broadcasting(a, b, SubtractOperator.self) }
    @inlinable public static func * (a: Tensor, b: Tensor) -> Tensor { broadcasting(a, b, MultiplyOperator.self) }
    @inlinable public static func / (a: Tensor, b: Tensor) -> Tensor { broadcasting(a, b, DivideOperator.self) }
    @inlinable public static prefix func - (a: Tensor) -> Tensor { a.map { -$0 } }
    @inlinable public static func + (a: Tensor, s: Float) -> Tensor { a.map { $0 + s } }
    @inlinable public static func - (a: Tensor, s: Float) -> Tensor { a.map { $0 - s } }
    @inlinable public static func * (a: Tensor, s: Float) -> Tensor { a.map { $0 * s } }
    @inlinable public static func * (s: Float, a: Tensor) -> Tensor { a.map { $0 * s } }
    @inlinable public static func / (a: Tensor, s: Float) -> Tensor { a.map { $0 / s } }

    /// In-place `self += alpha * other` for equal shapes (optimiser and gradient accumulation).
    public mutating func addScaled(_ other: Tensor, _ alpha: Float = 1) {
        precondition(shape == other.shape, "addScaled: shapes \(shape) vs \(other.shape)")
        let n = count
        other.scalars.withUnsafeBufferPointer { po in
            scalars.withUnsafeMutableBufferPointer { p in
                for i in 0..<n { p[i] += alpha * po[i] }
            }
        }
    }

    /// eˣ via `FastMath.exp` (≤ 2 ulp, vectorised).
    public func exp() -> Tensor { map { FastMath.exp($0) } }
    public func log() -> Tensor { map { Foundation.log($0) } }
    public func sqrt() -> Tensor { map { $0.squareRoot() } }
    public func squared() -> Tensor { map { $0 * $0 } }
    public func tanh() -> Tensor { map { Foundation.tanh($0) } }
    public func abs() -> Tensor { map { Swift.abs($0) } }
    /// Clamps every element to `[lower, upper]`.
    public func clamped(_ lower: Float, _ upper: Float) -> Tensor { map { Swift.min(Swift.max($0, lower), upper) } }

    /// True when every element is finite (no NaN or ±Inf).
    public var isFinite: Bool { scalars.allSatisfy { $0.isFinite } }
}
