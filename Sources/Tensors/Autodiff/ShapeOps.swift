/// Differentiable reshaping, slicing, concatenation and gathering. Each backward rule is the
/// adjoint operation, which is itself differentiable (slice ↔ pad, gather ↔ scatter-add,
/// unfold ↔ fold), so these ops support any order of differentiation.
extension Variable {
    public func reshaped(_ newShape: [Int]) -> Variable {
        let s = shape
        let out = value.reshaped(newShape)
        if out.shape == s { return self }
        return Variable.record(out, [self]) { g, _ in [g.reshaped(s)] }
    }

    /// Elements `range` along `axis` (column slicing is `axis: -1`).
    public func slice(axis a: Int, _ range: Range<Int>) -> Variable {
        let ax = value.axis(a), n = shape[ax]
        if range == 0..<n { return self }
        return Variable.record(value.slice(axis: ax, range), [self]) { g, _ in [g.padded(axis: ax, at: range, size: n)] }
    }

    /// Zero-padding that places this variable at `range` of an axis of extent `size`.
    public func padded(axis a: Int, at range: Range<Int>, size: Int) -> Variable {
        let ax = value.axis(a)
        return Variable.record(value.padded(axis: ax, at: range, size: size), [self]) { g, _ in [g.slice(axis: ax, range)] }
    }

    /// Concatenation along `axis`.
    public static func concatenate(_ parts: [Variable], axis a: Int) -> Variable {
        precondition(!parts.isEmpty, "concatenate: no variables")
        if parts.count == 1 { return parts[0] }
        let ax = parts[0].value.axis(a)
        var bounds: [Range<Int>] = []
        var start = 0
        for p in parts {
            bounds.append(start..<(start + p.shape[ax]))
            start += p.shape[ax]
        }
        return record(Tensor.concatenate(parts.map(\.value), axis: ax), parts) { g, need in
            zip(bounds, need).map { r, n in n ? g.slice(axis: ax, r) : nil }
        }
    }

    /// Rows (axis 0) at `indices`.
    public func gatherRows(_ indices: [Int]) -> Variable {
        let n = shape[0]
        return Variable.record(value.gatherRows(indices), [self]) { g, _ in [g.scatterAddRows(indices, rowCount: n)] }
    }

    /// Adjoint of `gatherRows`.
    public func scatterAddRows(_ indices: [Int], rowCount: Int) -> Variable {
        Variable.record(value.scatterAddRows(indices, rowCount: rowCount), [self]) { g, _ in [g.gatherRows(indices)] }
    }

    /// Transpose of a rank-2 variable.
    public func transposed() -> Variable {
        Variable.record(value.transposed(), [self]) { g, _ in [g.transposed()] }
    }

    /// `[B, L, C] → [B, L−k+1, k·C]` sliding windows (see `Tensor.unfolded`).
    public func unfolded(kernelSize k: Int) -> Variable {
        let l = shape[1]
        return Variable.record(value.unfolded(kernelSize: k), [self]) { g, _ in [g.folded(kernelSize: k, length: l)] }
    }

    /// Adjoint of `unfolded`.
    public func folded(kernelSize k: Int, length l: Int) -> Variable {
        Variable.record(value.folded(kernelSize: k, length: l), [self]) { g, _ in [g.unfolded(kernelSize: k)] }
    }

    /// Rows scaled to unit L2 norm over the last axis: y = x / ‖x‖ (no epsilon, as CEBRA;
    /// a zero row gives NaN, which the trainer detects).
    public func l2NormalizedRows() -> Variable {
        self / squared().sum(axes: [-1], keepingDimensions: true).sqrt()
    }
}
