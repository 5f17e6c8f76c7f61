import Testing
@testable import Tensors

/// First-order checks of + − × ÷ under every broadcasting pattern, unary minus, the scalar
/// operators, `broadcast(to:)` and `summed(toShape:)`.
@Suite struct ArithmeticGradientTests {
    enum BinaryOp: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case add, subtract, multiply, divide
        var testDescription: String { rawValue }

        func callAsFunction(_ a: Variable, _ b: Variable) -> Variable {
            switch self {
            case .add: a + b
            case .subtract: a - b
            case .multiply: a * b
            case .divide: a / b
            }
        }
    }

    struct Shapes: Sendable, CustomTestStringConvertible {
        let a: [Int], b: [Int]
        init(_ a: [Int], _ b: [Int]) { self.a = a; self.b = b }
        var testDescription: String { "\(a) with \(b)" }
    }

    /// Each case in both operand orders, so that each fast path of `Tensor.broadcasting` (equal
    /// shapes, scalar operand, trailing-suffix operand) and the general odometer path are hit
    /// with the broadcast operand on either side, and `summed(toShape:)` reduces either gradient.
    static let broadcastCases: [Shapes] = [
        Shapes([3, 4], [3, 4]),                                      // same shape
        Shapes([3, 4], []), Shapes([], [3, 4]),                      // rank-0 scalar
        Shapes([3, 4], [1]), Shapes([1, 1], [3, 4]),                 // one-element, lower/equal rank
        Shapes([3, 4], [4]), Shapes([4], [3, 4]),                    // row bias [N] on [M, N]
        Shapes([3, 4], [1, 4]),                                      // row bias with explicit leading 1
        Shapes([3, 4], [3, 1]), Shapes([3, 1], [3, 4]),              // column [M, 1]
        Shapes([1, 4], [3, 1]), Shapes([3, 1], [1, 4]),              // both operands broadcast
        Shapes([2, 3, 4], [3, 1]), Shapes([4], [2, 3, 4]),           // rank 3 against rank 2 / 1
        Shapes([2, 1, 4], [2, 3, 1]), Shapes([1, 3, 1], [2, 1, 4]),  // rank 3, both broadcast
        Shapes([2, 3, 4], [2, 1, 4]),                                // rank 3, middle axis
    ]

    @Test(arguments: BinaryOp.allCases, broadcastCases)
    func binaryOperator(_ op: BinaryOp, _ shapes: Shapes) {
        var rng = Xoshiro256(seed: 11)
        let a = rng.normalTensor(shapes.a)
        // Divisors in ±[0.5, 1.5] keep 1/b and its derivatives O(1), so h = 1e-2 stays accurate.
        let b = op == .divide ? rng.signedTensor(shapes.b, low: 0.5, high: 1.5) : rng.normalTensor(shapes.b)
        expectGradientsMatch([a, b]) { v in op(v[0], v[1]) }
    }

    enum ScalarOp: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case negate, addScalar, subtractScalar, scalarMinus, timesScalar, scalarTimes, divideByScalar
        var testDescription: String { rawValue }

        func callAsFunction(_ a: Variable) -> Variable {
            switch self {
            case .negate: -a
            case .addScalar: a + 1.5
            case .subtractScalar: a - 0.75
            case .scalarMinus: 2 - a
            case .timesScalar: a * -1.25
            case .scalarTimes: 3 * a
            case .divideByScalar: a / -0.8
            }
        }
    }

    @Test(arguments: ScalarOp.allCases)
    func scalarOperator(_ op: ScalarOp) {
        var rng = Xoshiro256(seed: 12)
        expectGradientsMatch([rng.normalTensor([3, 4])]) { v in op(v[0]) }
        expectGradientsMatch([rng.normalTensor([])]) { v in op(v[0]) }
    }

    @Test(arguments: [
        Shapes([3, 1], [2, 3, 4]), Shapes([4], [3, 4]), Shapes([], [2, 3]), Shapes([1, 4], [3, 4]),
        Shapes([2, 1, 4], [2, 3, 4]), Shapes([3, 4], [3, 4]),
    ])
    func broadcastTo(_ shapes: Shapes) {
        var rng = Xoshiro256(seed: 13)
        expectGradientsMatch([rng.normalTensor(shapes.a)]) { v in v[0].broadcast(to: shapes.b) }
    }

    @Test(arguments: [
        Shapes([2, 3, 4], [3, 1]), Shapes([2, 3, 4], [4]), Shapes([2, 3, 4], [1, 4]), Shapes([2, 3, 4], []),
        Shapes([2, 3, 4], [2, 1, 4]), Shapes([2, 3, 4], [1, 3, 1]), Shapes([3, 4], [3, 4]),
    ])
    func summedToShape(_ shapes: Shapes) {
        var rng = Xoshiro256(seed: 14)
        expectGradientsMatch([rng.normalTensor(shapes.a)]) { v in v[0].summed(toShape: shapes.b) }
    }

    /// A composite mixing broadcast operands with elementwise ops: (a·b − c)/(d² + 1) with a
    /// row bias, a column and a scalar, so gradient reductions compose with other rules.
    @Test func broadcastComposite() {
        var rng = Xoshiro256(seed: 15)
        let inputs = [rng.normalTensor([3, 4]), rng.normalTensor([4]), rng.normalTensor([3, 1]), rng.normalTensor([])]
        expectGradientsMatch(inputs) { v in (v[0] * v[1] - v[2]) / (v[3].squared() + 1) }
    }
}
