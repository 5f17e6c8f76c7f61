/// An exact nearest-neighbour index over points in a few dimensions (behaviour labels).
///
/// Built once in O(T log T) by median splits on the widest coordinate (leaves of ≤ 16 points);
/// a query costs O(log T) on smooth trajectories, so `time_delta` sampling does not grow
/// linearly with the session length. Ties are broken by the lowest point index, as a
/// brute-force argmin would.
public struct KDTree: Sendable {
    public let dimension: Int
    private let points: [Double]       // row-major [count, dimension]
    private var order: [Int32]         // point indices, permuted into leaf order
    private var nodes: [Node] = []

    private struct Node: Sendable {
        var lower: Int32, upper: Int32  // range in `order`
        var axis: Int32                 // −1 for leaves
        var split: Double
        var left: Int32, right: Int32
    }

    /// Indexes the rows `indices` (default all) of a row-major `[count, dimension]` matrix.
    public init(points: [Double], dimension: Int, indices: [Int]? = nil) {
        precondition(dimension > 0 && points.count % dimension == 0, "KDTree: \(points.count) values for dimension \(dimension)")
        self.dimension = dimension
        self.points = points
        self.order = (indices ?? Array(0..<(points.count / dimension))).map { Int32($0) }
        if !order.isEmpty { _ = build(0, order.count) }
    }

    public var count: Int { order.count }

    private mutating func build(_ lo: Int, _ hi: Int) -> Int32 {
        let id = Int32(nodes.count)
        nodes.append(Node(lower: Int32(lo), upper: Int32(hi), axis: -1, split: 0, left: -1, right: -1))
        if hi - lo <= 16 { return id }
        // widest coordinate
        var bestAxis = 0, bestSpread = -1.0
        for a in 0..<dimension {
            var mn = Double.infinity, mx = -Double.infinity
            for i in lo..<hi {
                let v = points[Int(order[i]) * dimension + a]
                mn = Swift.min(mn, v)
                mx = Swift.max(mx, v)
            }
            if mx - mn > bestSpread { bestSpread = mx - mn; bestAxis = a }
        }
        if bestSpread <= 0 { return id }  // all points equal: keep as a leaf
        let mid = (lo + hi) / 2
        select(lo, hi, mid, axis: bestAxis)
        let split = points[Int(order[mid]) * dimension + bestAxis]
        let left = build(lo, mid), right = build(mid, hi)
        nodes[Int(id)].axis = Int32(bestAxis)
        nodes[Int(id)].split = split
        nodes[Int(id)].left = left
        nodes[Int(id)].right = right
        return id
    }

    /// Quickselect: puts the k-th smallest (by `axis`) at k, smaller-or-equal before, larger-or-equal after.
    private mutating func select(_ lo: Int, _ hi: Int, _ k: Int, axis: Int) {
        var lo = lo, hi = hi - 1
        let d = dimension
        func key(_ i: Int) -> Double { points[Int(order[i]) * d + axis] }
        while lo < hi {
            let pivot = key((lo + hi) / 2)
            var i = lo, j = hi
            while i <= j {
                while key(i) < pivot { i += 1 }
                while key(j) > pivot { j -= 1 }
                if i <= j { order.swapAt(i, j); i += 1; j -= 1 }
            }
            if k <= j { hi = j } else if k >= i { lo = i } else { return }
        }
    }

    /// Index of the point nearest to `query` (Euclidean; ties → lowest index).
    public func nearest(to query: [Double]) -> Int {
        precondition(query.count == dimension && !order.isEmpty, "KDTree.nearest: query of \(query.count) values for dimension \(dimension)")
        var bestIndex = Int.max, bestDist = Double.infinity
        var stack: [(node: Int32, bound: Double)] = [(0, 0)]
        stack.reserveCapacity(64)
        points.withUnsafeBufferPointer { p in
            while let (nid, bound) = stack.popLast() {
                if bound > bestDist { continue }
                let node = nodes[Int(nid)]
                if node.axis < 0 {
                    for i in Int(node.lower)..<Int(node.upper) {
                        let idx = Int(order[i])
                        var dist = 0.0
                        for a in 0..<dimension {
                            let diff = p[idx * dimension + a] - query[a]
                            dist += diff * diff
                        }
                        if dist < bestDist || (dist == bestDist && idx < bestIndex) {
                            bestDist = dist
                            bestIndex = idx
                        }
                    }
                    continue
                }
                let diff = query[Int(node.axis)] - node.split
                let (near, far) = diff < 0 ? (node.left, node.right) : (node.right, node.left)
                // Points equal to the split may sit on either side, so the far side is pruned only
                // when strictly farther than the best (ties must still be examined for lower indices).
                stack.append((far, Swift.max(bound, diff * diff)))
                stack.append((near, bound))
            }
        }
        return bestIndex
    }

    /// The `k` points nearest to each row of `queries` (row-major `[Q, dimension]`), as point
    /// indices row-major `[Q, min(k, count)]`, each row ordered by (distance, index): the
    /// same neighbours, in the same order, as sorting all points by squared Euclidean distance
    /// with ties broken by the lower index.
    ///
    /// A query keeps its best k in a sorted buffer (k is small) and prunes a subtree when its
    /// bound exceeds the k-th distance; the traversal stack and buffers are allocated once for
    /// all queries.
    public func nearest(_ k: Int, toRows queries: [Double]) -> [Int] {
        precondition(k >= 1 && queries.count % dimension == 0, "KDTree.nearest: k = \(k), \(queries.count) query values for dimension \(dimension)")
        let m = Swift.min(k, order.count), q = queries.count / dimension
        guard m > 0 else { return [] }
        var out = [Int](repeating: 0, count: q * m)
        var bestIndex = [Int](repeating: Int.max, count: m), bestDist = [Double](repeating: .infinity, count: m)
        var stack: [(node: Int32, bound: Double)] = []
        stack.reserveCapacity(64)
        points.withUnsafeBufferPointer { p in
            queries.withUnsafeBufferPointer { queryRows in
                for r in 0..<q {
                    let query = queryRows.baseAddress! + r * dimension
                    for j in 0..<m { bestIndex[j] = Int.max; bestDist[j] = .infinity }
                    stack.removeAll(keepingCapacity: true)
                    stack.append((0, 0))
                    while let (nid, bound) = stack.popLast() {
                        if bound > bestDist[m - 1] { continue }
                        let node = nodes[Int(nid)]
                        if node.axis < 0 {
                            for i in Int(node.lower)..<Int(node.upper) {
                                let idx = Int(order[i])
                                var dist = 0.0
                                for a in 0..<dimension {
                                    let diff = p[idx * dimension + a] - query[a]
                                    dist += diff * diff
                                }
                                guard dist < bestDist[m - 1] || (dist == bestDist[m - 1] && idx < bestIndex[m - 1]) else { continue }
                                // insertion into the sorted buffer, dropping the current k-th
                                var j = m - 1
                                while j > 0 && (dist < bestDist[j - 1] || (dist == bestDist[j - 1] && idx < bestIndex[j - 1])) {
                                    bestDist[j] = bestDist[j - 1]
                                    bestIndex[j] = bestIndex[j - 1]
                                    j -= 1
                                }
                                bestDist[j] = dist
                                bestIndex[j] = idx
                            }
                            continue
                        }
                        let diff = query[Int(node.axis)] - node.split
                        let (near, far) = diff < 0 ? (node.left, node.right) : (node.right, node.left)
                        stack.append((far, Swift.max(bound, diff * diff)))
                        stack.append((near, bound))
                    }
                    for j in 0..<m { out[r * m + j] = bestIndex[j] }
                }
            }
        }
        return out
    }
}
