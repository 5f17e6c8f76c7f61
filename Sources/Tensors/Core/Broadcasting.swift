/// Broadcasting follows NumPy's rules: shapes are aligned at their trailing axes; two extents
/// are compatible when they are equal or one of them is 1; a missing leading axis counts as 1.
/// The result takes the larger extent on every axis.
extension Tensor {
    /// The broadcast shape of `a` and `b`, or a precondition failure naming both shapes.
    public static func broadcastShape(_ a: [Int], _ b: [Int]) -> [Int] {
        let r = Swift.max(a.count, b.count)
        var out = [Int](repeating: 1, count: r)
        for i in 0..<r {
            let x = i < r - a.count ? 1 : a[i - (r - a.count)]
            let y = i < r - b.count ? 1 : b[i - (r - b.count)]
            precondition(x == y || x == 1 || y == 1, "broadcast: incompatible shapes \(a) and \(b)")
            out[i] = x == 1 ? y : x
        }
        return out
    }

    /// Strides of `shape` when read in the coordinates of `target` (0 on broadcast axes).
    static func broadcastStrides(_ shape: [Int], to target: [Int]) -> [Int] {
        let own = Tensor.strides(of: shape)
        let off = target.count - shape.count
        return (0..<target.count).map { i in
            i < off || shape[i - off] == 1 ? 0 : own[i - off]
        }
    }

    /// Applies the operator `Op` elementwise after broadcasting. Generic over a type (not a
    /// closure) so that every operator gets its own specialised, vectorised loops.
    @inlinable
    public static func broadcasting<Op: ElementwiseOperator>(_ a: Tensor, _ b: Tensor, _: Op.Type) -> Tensor {
        if a.shape == b.shape {
            return Tensor(shape: a.shape) { out in
                a.scalars.withUnsafeBufferPointer { pa in
                    b.scalars.withUnsafeBufferPointer { pb in
                        for i in 0..<out.count { out[i] = Op.apply(pa[i], pb[i]) }
                    }
                }
            }
        }
        if a.count == Tensor.count(of: broadcastShape(a.shape, b.shape)) && a.rank >= b.rank
            && a.shape.suffix(b.rank) == ArraySlice(b.shape) {
            let n = a.count, inner = b.count
            return Tensor(shape: a.shape) { out in
                a.scalars.withUnsafeBufferPointer { pa in
                    b.scalars.withUnsafeBufferPointer { pb in
                        var base = 0
                        while base < n {
                            for j in 0..<inner { out[base + j] = Op.apply(pa[base + j], pb[j]) }
                            base += inner
                        }
                    }
                }
            }
        }
        let shape = broadcastShape(a.shape, b.shape)
        if shape.count == 2 {
            return matrixBroadcast(a, b, rows: shape[0], columns: shape[1], Op.self)
        }
        return broadcasting(a, b) { Op.apply($0, $1) }
    }

    /// Rank-2 broadcasting where each operand is a full matrix, a row, a column or a scalar:
    /// element (i, j) of an operand is at i·rowStride + j·columnStride with strides 0 or 1/N.
    @inlinable
    static func matrixBroadcast<Op: ElementwiseOperator>(_ a: Tensor, _ b: Tensor, rows m: Int, columns n: Int, _: Op.Type) -> Tensor {
        func strides(_ t: Tensor) -> (Int, Int) {
            let r = t.rank >= 2 ? t.shape[t.rank - 2] : 1, c = t.rank >= 1 ? t.shape[t.rank - 1] : 1
            return (r == 1 ? 0 : c, c == 1 ? 0 : 1)
        }
        let (ra, ca) = strides(a), (rb, cb) = strides(b)
        return Tensor(shape: [m, n]) { out in
            a.scalars.withUnsafeBufferPointer { pa in
                b.scalars.withUnsafeBufferPointer { pb in
                    let o = out.baseAddress!
                    for i in 0..<m {
                        let xa = pa.baseAddress! + i * ra, xb = pb.baseAddress! + i * rb, row = o + i * n
                        switch (ca, cb) {
                        case (1, 1): for j in 0..<n { row[j] = Op.apply(xa[j], xb[j]) }
                        case (1, _): let y = xb[0]; for j in 0..<n { row[j] = Op.apply(xa[j], y) }
                        case (_, 1): let x = xa[0]; for j in 0..<n { row[j] = Op.apply(x, xb[j]) }
                        default: let v = Op.apply(xa[0], xb[0]); for j in 0..<n { row[j] = v }
                        }
                    }
                }
            }
        }
    }

    /// Applies `op` elementwise after broadcasting `a` and `b`.
    ///
    /// Fast paths: equal shapes, a scalar operand, and a trailing-suffix operand (bias rows);
    /// anything else walks an odometer over the output with per-operand strides.
    @inlinable
    public static func broadcasting(_ a: Tensor, _ b: Tensor, _ op: (Float, Float) -> Float) -> Tensor {
        if a.shape == b.shape {
            return Tensor(shape: a.shape) { out in
                a.scalars.withUnsafeBufferPointer { pa in
                    b.scalars.withUnsafeBufferPointer { pb in
                        for i in 0..<out.count { out[i] = op(pa[i], pb[i]) }
                    }
                }
            }
        }
        let shape = broadcastShape(a.shape, b.shape)
        let n = Tensor.count(of: shape)
        if b.count == 1 {
            let y = b.scalars[0]
            return Tensor(shape: shape) { out in
                a.scalars.withUnsafeBufferPointer { pa in
                    if pa.count == n {
                        for i in 0..<n { out[i] = op(pa[i], y) }
                    } else {  // a has one element too but a lower rank than b
                        for i in 0..<n { out[i] = op(pa[0], y) }
                    }
                }
            }
        }
        if a.count == 1 {
            let x = a.scalars[0]
            return Tensor(shape: shape) { out in
                b.scalars.withUnsafeBufferPointer { pb in
                    for i in 0..<n { out[i] = op(x, pb[i]) }
                }
            }
        }
        if a.count == n && shape.suffix(b.rank) == ArraySlice(b.shape) {
            let inner = b.count
            return Tensor(shape: shape) { out in
                a.scalars.withUnsafeBufferPointer { pa in
                    b.scalars.withUnsafeBufferPointer { pb in
                        var base = 0
                        while base < n {
                            for j in 0..<inner { out[base + j] = op(pa[base + j], pb[j]) }
                            base += inner
                        }
                    }
                }
            }
        }
        return generalBroadcast(a, b, shape: shape, op)
    }

    @usableFromInline
    static func generalBroadcast(_ a: Tensor, _ b: Tensor, shape: [Int], _ op: (Float, Float) -> Float) -> Tensor {
        let sa = broadcastStrides(a.shape, to: shape)
        let sb = broadcastStrides(b.shape, to: shape)
        let r = shape.count
        let n = Tensor.count(of: shape)
        let inner = shape[r - 1], ia = sa[r - 1], ib = sb[r - 1]
        return Tensor(shape: shape) { out in
            a.scalars.withUnsafeBufferPointer { pa in
                b.scalars.withUnsafeBufferPointer { pb in
                    var idx = [Int](repeating: 0, count: r)
                    var oa = 0, ob = 0, o = 0
                    while o < n {
                        for j in 0..<inner { out[o + j] = op(pa[oa + j * ia], pb[ob + j * ib]) }
                        o += inner
                        // advance the odometer over the outer axes
                        var ax = r - 2
                        while ax >= 0 {
                            idx[ax] += 1
                            oa += sa[ax]; ob += sb[ax]
                            if idx[ax] < shape[ax] { break }
                            oa -= sa[ax] * shape[ax]; ob -= sb[ax] * shape[ax]
                            idx[ax] = 0
                            ax -= 1
                        }
                    }
                }
            }
        }
    }

    /// Repeats this tensor along broadcast axes to `target`.
    public func broadcast(to target: [Int]) -> Tensor {
        if shape == target { return self }
        precondition(Tensor.broadcastShape(shape, target) == target, "broadcast: \(shape) does not broadcast to \(target)")
        return Tensor.broadcasting(Tensor(zeros: target), self, SecondOperand.self)
    }

    /// Sums over the axes along which `shape` was broadcast to produce this tensor's shape: the
    /// adjoint of `broadcast(to:)`, used to reduce gradients of broadcast operands.
    public func sum(toShape target: [Int]) -> Tensor {
        if shape == target { return self }
        let off = rank - target.count
        precondition(off >= 0, "sum(toShape:): \(target) has more axes than \(shape)")
        var axes: [Int] = Array(0..<off)
        for i in 0..<target.count where target[i] == 1 && shape[i + off] != 1 { axes.append(i + off) }
        var r = sum(axes: axes, keepingDimensions: true)
        r = r.reshaped(target)
        return r
    }
}

/// A binary elementwise operator, as a type so that loops specialise on it.
public protocol ElementwiseOperator {
    static func apply(_ a: Float, _ b: Float) -> Float
}

public enum AddOperator: ElementwiseOperator {
    @inlinable @inline(__always) public static func apply(_ a: Float, _ b: Float) -> Float { a + b }
}
public enum SubtractOperator: ElementwiseOperator {
    @inlinable @inline(__always) public static func apply(_ a: Float, _ b: Float) -> Float { a - b }
}
public enum MultiplyOperator: ElementwiseOperator {
    @inlinable @inline(__always) public static func apply(_ a: Float, _ b: Float) -> Float { a * b }
}
public enum DivideOperator: ElementwiseOperator {
    @inlinable @inline(__always) public static func apply(_ a: Float, _ b: Float) -> Float { a / b }
}

/// Returns the second operand (used to broadcast a tensor onto a shape).
public enum SecondOperand: ElementwiseOperator {
    @inlinable @inline(__always) public static func apply(_ a: Float, _ b: Float) -> Float { b }
}
