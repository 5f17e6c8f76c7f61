/// Reductions over axes. Sums accumulate in `Double` for each output element, so a mean over
/// 10⁶ float32 samples keeps ~1e-7 relative accuracy instead of drifting.
extension Tensor {
    /// Sum over one axis viewed as (outer, n, inner).
    func reduce(axis a: Int, keepingDimensions: Bool, initial: Double, _ op: (Double, Float) -> Double) -> Tensor {
        let ax = axis(a)
        let outer = shape[..<ax].reduce(1, *), n = shape[ax], inner = shape[(ax + 1)...].reduce(1, *)
        var outShape = shape
        if keepingDimensions { outShape[ax] = 1 } else { outShape.remove(at: ax) }
        return Tensor(shape: outShape) { out in
            scalars.withUnsafeBufferPointer { p in
                if inner == 1 {
                    for o in 0..<outer {
                        var acc = initial
                        let base = o * n
                        for k in 0..<n { acc = op(acc, p[base + k]) }
                        out[o] = Float(acc)
                    }
                } else {
                    withUnsafeTemporaryAllocation(of: Double.self, capacity: inner) { acc in
                        let src = p.baseAddress!
                        for o in 0..<outer {
                            for j in 0..<inner { acc[j] = initial }
                            for k in 0..<n {
                                let row = src + (o * n + k) * inner
                                for j in 0..<inner { acc[j] = op(acc[j], row[j]) }
                            }
                            for j in 0..<inner { out[o * inner + j] = Float(acc[j]) }
                        }
                    }
                }
            }
        }
    }

    /// Reduces every contiguous row of the last axis with `row` (keeps the axis with size 1).
    func reduceLastAxis(_ row: (UnsafeBufferPointer<Float>) -> Float) -> Tensor {
        let n = shape[rank - 1], rows = n == 0 ? 0 : count / n
        var outShape = shape
        outShape[rank - 1] = 1
        return Tensor(shape: outShape, unsafeUninitialized: { out in
            scalars.withUnsafeBufferPointer { p in
                for r in 0..<rows { out[r] = row(UnsafeBufferPointer(rebasing: p[(r * n)..<(r * n + n)])) }
            }
        })
    }

    /// Sum over `axes` (all axes when nil).
    public func sum(axes: [Int]? = nil, keepingDimensions: Bool = false) -> Tensor {
        let list = (axes ?? Array(0..<rank)).map { axis($0) }.sorted(by: >)
        if list.isEmpty { return self }
        var r = self
        for a in list {
            // Rows of the last axis: eight Double lanes instead of one serial accumulator.
            if a == r.rank - 1 && r.shape[a] > 0 {
                r = r.reduceLastAxis { Float(FastMath.sum($0)) }
            } else {
                r = r.reduce(axis: a, keepingDimensions: true, initial: 0) { $0 + Double($1) }
            }
        }
        if !keepingDimensions {
            r = r.reshaped(shape.enumerated().filter { !list.contains($0.offset) }.map(\.element))
        }
        return r
    }

    /// Mean over `axes` (all axes when nil).
    public func mean(axes: [Int]? = nil, keepingDimensions: Bool = false) -> Tensor {
        let list = (axes ?? Array(0..<rank)).map { axis($0) }
        let n = list.reduce(1) { $0 * shape[$1] }
        return sum(axes: list, keepingDimensions: keepingDimensions) * (1 / Float(n))
    }

    /// Maximum over one axis.
    public func max(axis a: Int, keepingDimensions: Bool = false) -> Tensor {
        let ax = axis(a)
        if ax == rank - 1 && shape[ax] > 0 {
            let r = reduceLastAxis { FastMath.maximum($0) }
            return keepingDimensions ? r : r.reshaped(Array(shape.dropLast()))
        }
        return reduce(axis: a, keepingDimensions: keepingDimensions, initial: -.infinity) { Swift.max($0, Double($1)) }
    }

    /// Sum of all elements, accumulated in Double.
    public var sumOfAll: Double {
        scalars.withUnsafeBufferPointer { p in p.reduce(0.0) { $0 + Double($1) } }
    }
}
