/// Reverse-mode differentiation over the recorded graph.
///
/// `gradients(of:withRespectTo:)` sorts the graph below `output` topologically, prunes the
/// nodes from which no requested input can be reached (their backward rules are never run),
/// and propagates gradients from the output down. With `createGraph: true` the backward pass
/// is itself recorded, so the returned gradients can be differentiated again.
public func gradients(of output: Variable, withRespectTo inputs: [Variable], seed: Variable? = nil,
                      createGraph: Bool = false) -> [Variable] {
    let seedValue = seed ?? Variable(Tensor(repeating: 1, shape: output.shape))
    precondition(seedValue.shape == output.shape, "gradients: seed \(seedValue.shape) vs output \(output.shape)")
    let order = topologicalOrder(from: output)
    let wanted = Set(inputs.map { ObjectIdentifier($0) })

    // A node is relevant when some requested input lies at or below it.
    var relevant = Set<ObjectIdentifier>()
    for node in order {  // parents come before children
        let id = ObjectIdentifier(node)
        if wanted.contains(id) || node.parents.contains(where: { relevant.contains(ObjectIdentifier($0)) }) {
            relevant.insert(id)
        }
    }

    var grads: [ObjectIdentifier: Variable] = [:]
    grads[ObjectIdentifier(output)] = seedValue
    GradMode.with(enabled: createGraph) {
        for node in order.reversed() {
            let id = ObjectIdentifier(node)
            guard relevant.contains(id), let backward = node.backward, let g = grads[id] else { continue }
            if !wanted.contains(id) { grads[id] = nil }  // free as we go
            let needed = node.parents.map { relevant.contains(ObjectIdentifier($0)) }
            let parentGrads = backward(g, needed)
            for (parent, pg) in zip(node.parents, parentGrads) {
                guard let pg, relevant.contains(ObjectIdentifier(parent)) else { continue }
                let pid = ObjectIdentifier(parent)
                if let existing = grads[pid] { grads[pid] = existing + pg } else { grads[pid] = pg }
            }
        }
    }
    return inputs.map { grads[ObjectIdentifier($0)] ?? Variable(Tensor(zeros: $0.shape)) }
}

/// Nodes reachable from `root` through parents that require gradients, parents first.
func topologicalOrder(from root: Variable) -> [Variable] {
    var order: [Variable] = []
    var visited = Set<ObjectIdentifier>()
    // Iterative post-order DFS: deep graphs (long training graphs) must not overflow the stack.
    var stack: [(Variable, Int)] = [(root, 0)]
    visited.insert(ObjectIdentifier(root))
    while let (node, next) = stack.popLast() {
        if next < node.parents.count {
            stack.append((node, next + 1))
            let p = node.parents[next]
            if p.requiresGradient && !visited.contains(ObjectIdentifier(p)) {
                visited.insert(ObjectIdentifier(p))
                stack.append((p, 0))
            }
        } else {
            order.append(node)
        }
    }
    return order
}
