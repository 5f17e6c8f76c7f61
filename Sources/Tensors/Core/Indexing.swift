/// Slicing, padding, concatenation, row gather/scatter and 2-D transpose.
///
/// An axis is viewed as (outer, n, inner) with `inner` the product of the trailing extents, so
/// each operation is a loop of contiguous `memcpy`-like block moves.
extension Tensor {
    private func split(_ ax: Int) -> (outer: Int, n: Int, inner: Int) {
        (shape[..<ax].reduce(1, *), shape[ax], shape[(ax + 1)...].reduce(1, *))
    }

    /// Elements `range` along `axis`.
    public func slice(axis a: Int, _ range: Range<Int>) -> Tensor {
        let ax = axis(a)
        precondition(range.lowerBound >= 0 && range.upperBound <= shape[ax],
                     "slice: range \(range) out of 0..<\(shape[ax]) on axis \(ax) of \(shape)")
        let (outer, n, inner) = split(ax)
        var outShape = shape
        outShape[ax] = range.count
        let block = range.count * inner
        return Tensor(shape: outShape) { out in
            scalars.withUnsafeBufferPointer { p in
                for o in 0..<outer {
                    let src = p.baseAddress! + (o * n + range.lowerBound) * inner
                    (out.baseAddress! + o * block).update(from: src, count: block)
                }
            }
        }
    }

    /// Embeds this tensor at `range` along `axis` of a zero tensor whose extent there is
    /// `size`: the adjoint of `slice(axis:_:)`.
    public func padded(axis a: Int, at range: Range<Int>, size: Int) -> Tensor {
        let ax = axis(a)
        precondition(shape[ax] == range.count && range.upperBound <= size, "padded: \(range) vs extent \(shape[ax]), size \(size)")
        let (outer, _, inner) = split(ax)
        var outShape = shape
        outShape[ax] = size
        var out = Tensor(zeros: outShape)
        let block = range.count * inner
        scalars.withUnsafeBufferPointer { p in
            out.scalars.withUnsafeMutableBufferPointer { q in
                for o in 0..<outer {
                    (q.baseAddress! + (o * size + range.lowerBound) * inner).update(from: p.baseAddress! + o * block, count: block)
                }
            }
        }
        return out
    }

    /// Concatenates tensors along `axis`; all other extents must agree.
    public static func concatenate(_ parts: [Tensor], axis a: Int) -> Tensor {
        precondition(!parts.isEmpty, "concatenate: no tensors")
        let ax = parts[0].axis(a)
        for p in parts {
            precondition(p.rank == parts[0].rank && (0..<p.rank).allSatisfy { $0 == ax || p.shape[$0] == parts[0].shape[$0] },
                         "concatenate: shape \(p.shape) does not match \(parts[0].shape) off axis \(ax)")
        }
        let total = parts.reduce(0) { $0 + $1.shape[ax] }
        var outShape = parts[0].shape
        outShape[ax] = total
        let outer = outShape[..<ax].reduce(1, *), inner = outShape[(ax + 1)...].reduce(1, *)
        return Tensor(shape: outShape) { out in
            var offset = 0
            for p in parts {
                let block = p.shape[ax] * inner
                p.scalars.withUnsafeBufferPointer { src in
                    for o in 0..<outer {
                        (out.baseAddress! + o * total * inner + offset * inner).update(from: src.baseAddress! + o * block, count: block)
                    }
                }
                offset += p.shape[ax]
            }
        }
    }

    /// Rows (axis 0) at `indices`, in that order; indices may repeat.
    public func gatherRows(_ indices: [Int]) -> Tensor {
        let n = shape[0], inner = count / Swift.max(n, 1)
        var outShape = shape
        outShape[0] = indices.count
        return Tensor(shape: outShape) { out in
            scalars.withUnsafeBufferPointer { p in
                for (r, i) in indices.enumerated() {
                    precondition(i >= 0 && i < n, "gatherRows: index \(i) out of 0..<\(n)")
                    (out.baseAddress! + r * inner).update(from: p.baseAddress! + i * inner, count: inner)
                }
            }
        }
    }

    /// A tensor with `rowCount` rows where row `indices[r]` accumulates row `r` of this tensor:
    /// the adjoint of `gatherRows`.
    public func scatterAddRows(_ indices: [Int], rowCount: Int) -> Tensor {
        precondition(indices.count == shape[0], "scatterAddRows: \(indices.count) indices for \(shape[0]) rows")
        let inner = shape.dropFirst().reduce(1, *)
        var outShape = shape
        outShape[0] = rowCount
        var out = Tensor(zeros: outShape)
        scalars.withUnsafeBufferPointer { p in
            out.scalars.withUnsafeMutableBufferPointer { q in
                for (r, i) in indices.enumerated() {
                    precondition(i >= 0 && i < rowCount, "scatterAddRows: index \(i) out of 0..<\(rowCount)")
                    for j in 0..<inner { q[i * inner + j] += p[r * inner + j] }
                }
            }
        }
        return out
    }

    /// The transpose of a rank-2 tensor.
    public func transposed() -> Tensor {
        precondition(rank == 2, "transposed: needs rank 2, got \(shape)")
        let m = shape[0], n = shape[1]
        return Tensor(shape: [n, m]) { out in
            scalars.withUnsafeBufferPointer { p in
                // 32x32 tiles keep both reads and writes in cache
                let tile = 32
                for i0 in stride(from: 0, to: m, by: tile) {
                    for j0 in stride(from: 0, to: n, by: tile) {
                        for i in i0..<Swift.min(i0 + tile, m) {
                            for j in j0..<Swift.min(j0 + tile, n) { out[j * m + i] = p[i * n + j] }
                        }
                    }
                }
            }
        }
    }
}
