/// A dense, row-major, contiguous n-dimensional array of `Float`.
///
/// `Tensor` has value semantics: its storage is a Swift `Array`, copied on write, so a tensor
/// passed to a function can never be changed behind the caller's back. Rank 0 is a scalar
/// (`shape == []`, one element). Every operation that produces a tensor allocates its result
/// once and writes it through unsafe buffer pointers: there is no per-element allocation.
public struct Tensor: Sendable, Equatable, CustomStringConvertible {
    /// Extent of each axis, outermost first.
    public private(set) var shape: [Int]
    /// The elements in row-major order; `scalars.count == shape.reduce(1, *)`.
    public var scalars: [Float]

    /// Wraps `scalars` laid out row-major in `shape`.
    /// - Precondition: the element count matches the shape.
    public init(shape: [Int], scalars: [Float]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "Tensor: negative extent in shape \(shape)")
        precondition(Tensor.count(of: shape) == scalars.count,
                     "Tensor: shape \(shape) needs \(Tensor.count(of: shape)) elements, got \(scalars.count)")
        self.shape = shape
        self.scalars = scalars
    }

    /// A tensor of `shape` with every element equal to `value`.
    public init(repeating value: Float, shape: [Int]) {
        self.init(shape: shape, scalars: [Float](repeating: value, count: Tensor.count(of: shape)))
    }

    /// Zeros of the given shape.
    public init(zeros shape: [Int]) { self.init(repeating: 0, shape: shape) }

    /// A rank-0 tensor holding `value`.
    public init(_ value: Float) { self.init(shape: [], scalars: [value]) }

    /// A rank-2 tensor from nested rows (all rows must have the same length).
    public init(rows: [[Float]]) {
        let c = rows.first?.count ?? 0
        precondition(rows.allSatisfy { $0.count == c }, "Tensor(rows:): ragged rows")
        self.init(shape: [rows.count, c], scalars: rows.flatMap { $0 })
    }

    /// Builds a tensor by filling uninitialised storage; `body` must write all `count` elements.
    @inlinable
    public init(shape: [Int], unsafeUninitialized body: (UnsafeMutableBufferPointer<Float>) -> Void) {
        let n = Tensor.count(of: shape)
        let s = [Float](unsafeUninitializedCapacity: n) { buf, initialized in
            body(buf)
            initialized = n
        }
        self.init(shape: shape, scalars: s)
    }

    @inlinable public static func count(of shape: [Int]) -> Int { shape.reduce(1, *) }

    /// Number of axes.
    public var rank: Int { shape.count }
    /// Number of elements.
    public var count: Int { scalars.count }
    /// The only element of a one-element tensor.
    public var scalar: Float {
        precondition(count == 1, "Tensor.scalar: tensor of shape \(shape) has \(count) elements")
        return scalars[0]
    }

    /// Row-major strides in elements.
    public var strides: [Int] { Tensor.strides(of: shape) }

    public static func strides(of shape: [Int]) -> [Int] {
        var s = [Int](repeating: 1, count: shape.count)
        var acc = 1
        for i in stride(from: shape.count - 1, through: 0, by: -1) {
            s[i] = acc
            acc *= shape[i]
        }
        return s
    }

    /// Element access by full index.
    public subscript(_ index: Int...) -> Float {
        get { scalars[flatIndex(index)] }
        set { scalars[flatIndex(index)] = newValue }
    }

    private func flatIndex(_ index: [Int]) -> Int {
        precondition(index.count == rank, "Tensor: index \(index) for shape \(shape)")
        var flat = 0
        for (i, (x, n)) in zip(index, shape).enumerated() {
            precondition(x >= 0 && x < n, "Tensor: index \(x) out of range 0..<\(n) on axis \(i)")
            flat = flat * n + x
        }
        return flat
    }

    /// The same elements viewed with another shape; one extent may be `-1` (inferred).
    public func reshaped(_ newShape: [Int]) -> Tensor {
        var s = newShape
        if let i = s.firstIndex(of: -1) {
            let known = s.enumerated().filter { $0.offset != i }.map(\.element).reduce(1, *)
            precondition(known > 0 && count % known == 0, "Tensor.reshaped: cannot infer \(newShape) from \(shape)")
            s[i] = count / known
        }
        return Tensor(shape: s, scalars: scalars)
    }

    /// Normalises a possibly negative axis index.
    @inlinable public func axis(_ a: Int) -> Int {
        let r = a < 0 ? a + rank : a
        precondition(r >= 0 && r < rank, "Tensor: axis \(a) out of range for rank \(rank)")
        return r
    }

    /// Rows of a rank-2 tensor as arrays (tests and printing).
    public var rows: [[Float]] {
        precondition(rank == 2, "Tensor.rows needs rank 2, got shape \(shape)")
        return (0..<shape[0]).map { Array(scalars[($0 * shape[1])..<(($0 + 1) * shape[1])]) }
    }

    public var description: String {
        let preview = scalars.prefix(8).map { String(format: "%.4g", $0) }.joined(separator: ", ")
        return "Tensor(shape: \(shape), [\(preview)\(count > 8 ? ", …" : "")])"
    }

    /// Largest absolute elementwise difference; shapes must match.
    public func maxAbsDifference(_ other: Tensor) -> Float {
        precondition(shape == other.shape, "maxAbsDifference: shapes \(shape) vs \(other.shape)")
        var m: Float = 0
        for i in 0..<count { m = Swift.max(m, Swift.abs(scalars[i] - other.scalars[i])) }
        return m
    }
}

import Foundation
