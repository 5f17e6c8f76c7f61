/// A dense, row-major matrix of `Double`, the working type of the float64 linear algebra
/// (SVD, least squares, pseudo-inverses, Cholesky).
///
/// Element (i, j) is `scalars[i * cols + j]`. Value semantics (copy-on-write array storage).
/// Neural data lives in Float32 `Tensor`s; convert with `Matrix64(_:)` and `tensor` where a
/// computation needs float64 accuracy.
public struct Matrix64: Sendable, Equatable, CustomStringConvertible {
    /// Number of rows (m).
    public let rows: Int
    /// Number of columns (n).
    public let cols: Int
    /// The m·n elements in row-major order.
    public var scalars: [Double]

    /// Wraps `scalars` laid out row-major as `rows × cols`.
    /// - Throws: `LinearAlgebraError.shapeMismatch` when the count is not `rows · cols`
    ///   or an extent is negative.
    public init(rows: Int, cols: Int, scalars: [Double]) throws(LinearAlgebraError) {
        let (count, overflow) = rows.multipliedReportingOverflow(by: cols)
        guard rows >= 0, cols >= 0, !overflow, scalars.count == count else {
            throw .shapeMismatch(operation: "Matrix64", details: "\(rows)×\(cols) needs \(rows &* cols) elements, got \(scalars.count)")
        }
        self.rows = rows
        self.cols = cols
        self.scalars = scalars
    }

    /// Internal unchecked initialiser for results whose shape is correct by construction.
    @usableFromInline
    init(uncheckedRows rows: Int, cols: Int, scalars: [Double]) {
        self.rows = rows
        self.cols = cols
        self.scalars = scalars
    }

    /// A `rows × cols` matrix with every element equal to `value` (negative extents count as 0).
    public init(rows: Int, cols: Int, repeating value: Double = 0) {
        let r = Swift.max(rows, 0), c = Swift.max(cols, 0)
        self.init(uncheckedRows: r, cols: c, scalars: [Double](repeating: value, count: r * c))
    }

    /// A matrix from nested rows.
    /// - Throws: `shapeMismatch` when the rows have different lengths.
    public init(_ nestedRows: [[Double]]) throws(LinearAlgebraError) {
        let c = nestedRows.first?.count ?? 0
        guard nestedRows.allSatisfy({ $0.count == c }) else {
            throw .shapeMismatch(operation: "Matrix64", details: "ragged rows (lengths \(Set(nestedRows.map(\.count)).sorted()))")
        }
        self.init(uncheckedRows: nestedRows.count, cols: c, scalars: nestedRows.flatMap { $0 })
    }

    /// The float64 copy of a rank-2 Float32 tensor of shape [rows, cols].
    /// - Throws: `shapeMismatch` when the tensor is not rank 2.
    public init(_ tensor: Tensor) throws(LinearAlgebraError) {
        guard tensor.rank == 2 else {
            throw .shapeMismatch(operation: "Matrix64(Tensor)", details: "expected a rank-2 tensor, got shape \(tensor.shape)")
        }
        self.init(uncheckedRows: tensor.shape[0], cols: tensor.shape[1], scalars: tensor.scalars.map(Double.init))
    }

    /// The `n × n` identity.
    public static func identity(_ n: Int) -> Matrix64 {
        var m = Matrix64(rows: n, cols: n)
        for i in 0..<m.rows { m.scalars[i * n + i] = 1 }
        return m
    }

    /// The Float32 tensor of shape [rows, cols] (elements rounded to nearest `Float`).
    public var tensor: Tensor { Tensor(shape: [rows, cols], scalars: scalars.map(Float.init)) }

    /// Element (i, j); traps on an out-of-range index like `Array`.
    public subscript(_ i: Int, _ j: Int) -> Double {
        get {
            precondition(i >= 0 && i < rows && j >= 0 && j < cols, "Matrix64: index (\(i), \(j)) outside \(rows)×\(cols)")
            return scalars[i * cols + j]
        }
        set {
            precondition(i >= 0 && i < rows && j >= 0 && j < cols, "Matrix64: index (\(i), \(j)) outside \(rows)×\(cols)")
            scalars[i * cols + j] = newValue
        }
    }

    /// Rows as arrays (tests and printing).
    public var nestedRows: [[Double]] { (0..<rows).map { Array(scalars[($0 * cols)..<(($0 + 1) * cols)]) } }

    /// Aᵀ, `cols × rows`.
    public var transposed: Matrix64 {
        var out = [Double](repeating: 0, count: scalars.count)
        scalars.withUnsafeBufferPointer { a in
            out.withUnsafeMutableBufferPointer { t in
                for i in 0..<rows { for j in 0..<cols { t[j * rows + i] = a[i * cols + j] } }
            }
        }
        return Matrix64(uncheckedRows: cols, cols: rows, scalars: out)
    }

    /// True when no element is NaN or ±∞.
    public var isFinite: Bool { scalars.allSatisfy(\.isFinite) }

    /// Largest absolute elementwise difference; `.infinity` when shapes differ, NaN when any
    /// compared element is NaN.
    public func maxAbsDifference(_ other: Matrix64) -> Double {
        guard rows == other.rows, cols == other.cols else { return .infinity }
        var m = 0.0
        for i in 0..<scalars.count {
            let d = Swift.abs(scalars[i] - other.scalars[i])
            if d.isNaN { return .nan }
            m = Swift.max(m, d)
        }
        return m
    }

    public var description: String {
        let preview = scalars.prefix(8).map { "\($0)" }.joined(separator: ", ")
        return "Matrix64(\(rows)×\(cols), [\(preview)\(scalars.count > 8 ? ", …" : "")])"
    }

    /// Throws `nonFinite` naming `argument` when any element is NaN or ±∞.
    func requireFinite(_ operation: String, _ argument: String) throws(LinearAlgebraError) {
        guard isFinite else { throw .nonFinite(operation: operation, argument: argument) }
    }
}
