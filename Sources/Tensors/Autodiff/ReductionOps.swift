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
    public func logSumExp(axis a: Int, keepingDimensions: Bool = false) -> Variable {
        let ax = value.axis(a)
        let m = Variable(value.max(axis: ax, keepingDimensions: true).map { $0.isFinite ? $0 : 0 })
        let lse = (self - m).exp().sum(axes: [ax], keepingDimensions: true).log() + m
        if keepingDimensions { return lse }
        var s = shape
        s.remove(at: ax)
        return lse.reshaped(s)
    }
}
