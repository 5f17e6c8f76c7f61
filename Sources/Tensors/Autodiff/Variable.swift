/// A node of the differentiation graph: a tensor value plus, when it was computed from
/// variables that require gradients, its parents and a backward rule.
///
/// Backward rules are written with `Variable` operations themselves. When gradients are taken
/// with `createGraph: true` those operations are recorded too, so a gradient is an ordinary
/// differentiable function of the inputs and parameters and can be differentiated again
/// (PyTorch's `create_graph=True`). This is what the Jacobian regulariser needs:
/// R(θ) = ½‖∂f/∂x‖², differentiated with respect to θ.
///
/// Reference semantics: parameters are `Variable`s updated in place by optimisers.
public final class Variable {
    /// Backward rule: given the gradient of the loss w.r.t. this node's output, and which
    /// parents need a gradient, return one gradient per parent (nil where not needed).
    public typealias Backward = (_ gradient: Variable, _ needed: [Bool]) -> [Variable?]

    /// The current value.
    public var value: Tensor
    /// True for trainable leaves and for nodes computed from them while recording.
    public let requiresGradient: Bool
    /// Inputs this node was computed from (empty for leaves and constants).
    public private(set) var parents: [Variable]
    private(set) var backward: Backward?
    /// Optional name (parameters: "0.weight", ...).
    public var name: String?

    /// A leaf: a constant (`requiresGradient: false`) or a trainable input/parameter.
    public init(_ value: Tensor, requiresGradient: Bool = false, name: String? = nil) {
        self.value = value
        self.requiresGradient = requiresGradient
        self.parents = []
        self.backward = nil
        self.name = name
    }

    private init(value: Tensor, parents: [Variable], backward: @escaping Backward) {
        self.value = value
        self.requiresGradient = true
        self.parents = parents
        self.backward = backward
        self.name = nil
    }

    /// Records a computed node when gradient recording is on and any parent requires a
    /// gradient; otherwise returns a constant holding `value`.
    public static func record(_ value: Tensor, _ parents: [Variable], _ backward: @escaping Backward) -> Variable {
        if GradMode.isEnabled && parents.contains(where: { $0.requiresGradient }) {
            return Variable(value: value, parents: parents, backward: backward)
        }
        return Variable(value)
    }

    /// Releases the graph below this node iteratively: a chain of N nodes would otherwise be
    /// freed by N nested deinits and overflow the stack (observed at N ≈ 50 000 in debug).
    /// A parent is only taken apart when this node held its last reference; the backward
    /// closure is dropped too because it also captures the parents.
    deinit {
        guard !parents.isEmpty else { return }
        var stack = parents
        parents = []
        backward = nil
        while var node = stack.popLast() {
            if isKnownUniquelyReferenced(&node) {
                stack.append(contentsOf: node.parents)
                node.parents = []
                node.backward = nil
            }
        }
    }

    /// A constant with this value, cut from the graph.
    public func detached() -> Variable { Variable(value) }

    public var shape: [Int] { value.shape }
    public var rank: Int { value.rank }
    public var isLeaf: Bool { backward == nil }
}

extension Variable: CustomStringConvertible {
    public var description: String { "Variable(\(name.map { "\($0), " } ?? "")\(value))" }
}
