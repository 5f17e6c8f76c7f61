import Foundation

/// Differentiable reductions.
extension Variable {
    /// Sum over `axes` (all when nil). Backward: broadcast the gradient back.
    public func sum(axes: [Int]? = nil, keepingDimensions: Bool = false) -> Variable {
        let s = shape
        let axesList = (axes ?? Array(0..<rank)).map { value.axis($0) }
        var kept = s
        for a in axesList { kept[a] = 1 }
        return Variable.record(value.sum(axes: axesList, keepingDimensions: keepingDimensions), [self]) { g, _ in
            [g.reshaped(kept).broadcast(to: s)]
        }
    }

    /// Mean over `axes` (all when nil).
    public func mean(axes: [Int]? = nil, keepingDimensions: Bool = false) -> Variable {
        let axesList = (axes ?? Array(0..<rank)).map { value.axis($0) }
        let n = axesList.reduce(1) { $0 * shape[$1] }
        return sum(axes: axesList, keepingDimensions: keepingDimensions) * (1 / Float(n))
    }

    /// log Σ exp over `axis`, stabilised by subtracting the (detached) maximum, which changes
    /// neither the value nor the gradient: lse(x) = m + log Σ exp(x − m).
    ///
    /// Over the last axis (InfoNCE's rows) this is one fused pass per row that also keeps the
    /// softmax p = exp(x − lse), so the first-order backward pass is g·p (one multiply);
    /// while recording (`createGraph`) p is recomputed as exp(x − lse) from differentiable
    /// ops, so higher orders stay exact.
    public func logSumExp(axis a: Int, keepingDimensions: Bool = false) -> Variable {
        let ax = value.axis(a)
        var reduced = shape
        reduced[ax] = 1
        let lse: Variable
        if ax == rank - 1 && shape[ax] > 0 {
            lse = fusedLastAxisLogSumExp(keptShape: reduced)
        } else {
            lse = composedLogSumExp(axis: ax)
        }
        if keepingDimensions { return lse }
        var s = shape
        s.remove(at: ax)
        return lse.reshaped(s)
    }

    /// lse from differentiable ops, keeping the reduced axis.
    private func composedLogSumExp(axis ax: Int) -> Variable {
        let m = Variable(value.max(axis: ax, keepingDimensions: true).map { $0.isFinite ? $0 : 0 })
        return (self - m).exp().sum(axes: [ax], keepingDimensions: true).log() + m
    }

    private func fusedLastAxisLogSumExp(keptShape: [Int]) -> Variable {
        let n = shape[rank - 1], rows = value.count / n
        let keepSoftmax = GradMode.isEnabled && requiresGradient
        var softmax = keepSoftmax ? Tensor(shape: shape, unsafeUninitialized: { _ in }) : Tensor(zeros: [0])
        let out = Tensor(shape: keptShape) { lse in
            value.scalars.withUnsafeBufferPointer { x in
                softmax.scalars.withUnsafeMutableBufferPointer { p in
                    for r in 0..<rows {
                        let row = UnsafeBufferPointer(rebasing: x[(r * n)..<(r * n + n)])
                        let mx = FastMath.maximum(row)
                        let m = mx.isFinite ? mx : 0
                        let total: Double
                        if keepSoftmax {
                            let e = UnsafeMutableBufferPointer(rebasing: p[(r * n)..<(r * n + n)])
                            total = FastMath.shiftedExp(row, minus: m, into: e)
                            let inv = Float(1 / total)
                            for j in 0..<n { e[j] *= inv }
                        } else {
                            total = FastMath.shiftedExpSum(row, minus: m)
                        }
                        lse[r] = Float(Foundation.log(total)) + m
                    }
                }
            }
        }
        let full = shape
        return Variable.record(out, [self]) { g, _ in
            let p = GradMode.isEnabled ? (self - self.composedLogSumExp(axis: full.count - 1)).exp() : Variable(softmax)
            return [g.reshaped(keptShape) * p]  // broadcasts in the multiply: one pass
        }
    }
}
