/// Differentiable arithmetic with NumPy broadcasting. Gradients of broadcast operands are
/// summed back to the operand's shape (`summed(toShape:)`).
extension Variable {
    public static func + (a: Variable, b: Variable) -> Variable {
        let sa = a.shape, sb = b.shape
        return record(a.value + b.value, [a, b]) { g, need in
            [need[0] ? g.summed(toShape: sa) : nil, need[1] ? g.summed(toShape: sb) : nil]
        }
    }

    public static func - (a: Variable, b: Variable) -> Variable {
        let sa = a.shape, sb = b.shape
        return record(a.value - b.value, [a, b]) { g, need in
            [need[0] ? g.summed(toShape: sa) : nil, need[1] ? (-g).summed(toShape: sb) : nil]
        }
    }

    public static func * (a: Variable, b: Variable) -> Variable {
        let sa = a.shape, sb = b.shape
        return record(a.value * b.value, [a, b]) { g, need in
            [need[0] ? (g * b).summed(toShape: sa) : nil, need[1] ? (g * a).summed(toShape: sb) : nil]
        }
    }

    public static func / (a: Variable, b: Variable) -> Variable {
        let sa = a.shape, sb = b.shape
        return record(a.value / b.value, [a, b]) { g, need in
            [need[0] ? (g / b).summed(toShape: sa) : nil,
             need[1] ? (-(g * a) / (b * b)).summed(toShape: sb) : nil]
        }
    }

    public static prefix func - (a: Variable) -> Variable {
        record(-a.value, [a]) { g, _ in [-g] }
    }

    public static func * (a: Variable, s: Float) -> Variable {
        record(a.value * s, [a]) { g, _ in [g * s] }
    }

    public static func * (s: Float, a: Variable) -> Variable { a * s }

    public static func / (a: Variable, s: Float) -> Variable { a * (1 / s) }

    public static func + (a: Variable, s: Float) -> Variable {
        record(a.value + s, [a]) { g, _ in [g] }
    }

    public static func - (a: Variable, s: Float) -> Variable { a + (-s) }

    public static func - (s: Float, a: Variable) -> Variable { (-a) + s }

    /// Repeats along broadcast axes to `target` (adjoint: `summed(toShape:)`).
    public func broadcast(to target: [Int]) -> Variable {
        if shape == target { return self }
        let s = shape
        return Variable.record(value.broadcast(to: target), [self]) { g, _ in [g.summed(toShape: s)] }
    }

    /// Sums over broadcast axes down to `target` (adjoint: `broadcast(to:)`).
    public func summed(toShape target: [Int]) -> Variable {
        if shape == target { return self }
        let s = shape
        return Variable.record(value.sum(toShape: target), [self]) { g, _ in [g.broadcast(to: s)] }
    }
}
