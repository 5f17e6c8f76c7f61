/// An exact nearest-neighbour index over points in a few dimensions (behaviour labels).
///
/// Built once in O(T log T) by median splits on the widest coordinate (leaves of ≤ 16 points);
/// a query costs O(log T) on smooth trajectories, so `time_delta` sampling does not grow
/// linearly with the session length. Ties are broken by the lowest point index, as a
/// brute-force argmin would.
///
/// Memory layout, because at T ≈ 10⁶ a query's cost is cache misses, not arithmetic: the
/// points are copied in leaf order (a leaf's coordinates are one contiguous run, not 16
/// scattered rows), nodes are 16 bytes in depth-first order (a left child follows its parent),
/// and a query keeps its traversal stack on the call stack.
public struct KDTree: Sendable {
    public let dimension: Int
    private var leafPoints: [Double] = []  // row-major [count, dimension], permuted into leaf order
    private var order: [Int32]             // original point index of each leaf-ordered row
    private var nodes: [Node] = []

    /// Internal node: `split`, `axis ≥ 0` and the right child in `link` (the left child is the
    /// next node). Leaf: `axis = ~lower` (negative) and `link = upper`, the row range it holds.
    private struct Node: Sendable {
        var split: Double
        var axis: Int32
        var link: Int32
    }

    /// Deepest possible traversal stack: median splits halve the range, so depth ≤ log₂(T) + 1.
    private static let stackCapacity = 80

    /// Indexes the rows `indices` (default all) of a row-major `[count, dimension]` matrix.
    public init(points: [Double], dimension: Int, indices: [Int]? = nil) {
        precondition(dimension > 0 && points.count % dimension == 0, "KDTree: \(points.count) values for dimension \(dimension)")
        self.dimension = dimension
        self.order = (indices ?? Array(0..<(points.count / dimension))).map { Int32($0) }
        guard !order.isEmpty else { return }
        nodes.reserveCapacity(2 * order.count / 8 + 1)
        points.withUnsafeBufferPointer { p in _ = build(p, 0, order.count) }
        leafPoints = [Double](unsafeUninitializedCapacity: order.count * dimension) { buffer, initialized in
            for (row, idx) in order.enumerated() {
                for a in 0..<dimension { buffer[row * dimension + a] = points[Int(idx) * dimension + a] }
            }
            initialized = order.count * dimension
        }
    }

    public var count: Int { order.count }

    private mutating func build(_ p: UnsafeBufferPointer<Double>, _ lo: Int, _ hi: Int) -> Int32 {
        let id = Int32(nodes.count)
        nodes.append(Node(split: 0, axis: ~Int32(lo), link: Int32(hi)))
        if hi - lo <= 16 { return id }
        var bestAxis = 0, bestSpread = -1.0
        for a in 0..<dimension {
            var mn = Double.infinity, mx = -Double.infinity
            for i in lo..<hi {
                let v = p[Int(order[i]) * dimension + a]
                mn = Swift.min(mn, v)
                mx = Swift.max(mx, v)
            }
            if mx - mn > bestSpread { bestSpread = mx - mn; bestAxis = a }
        }
        if bestSpread <= 0 { return id }  // all points equal: keep as a leaf
        let mid = (lo + hi) / 2
        select(p, lo, hi, mid, axis: bestAxis)
        let split = p[Int(order[mid]) * dimension + bestAxis]
        _ = build(p, lo, mid)
        let right = build(p, mid, hi)
        nodes[Int(id)] = Node(split: split, axis: Int32(bestAxis), link: right)
        return id
    }

    /// Quickselect: puts the k-th smallest (by `axis`) at k, smaller-or-equal before, larger-or-equal after.
    private mutating func select(_ p: UnsafeBufferPointer<Double>, _ lo: Int, _ hi: Int, _ k: Int, axis: Int) {
        var lo = lo, hi = hi - 1
        let d = dimension
        func key(_ i: Int) -> Double { p[Int(order[i]) * d + axis] }
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
        precondition(query.count == dimension, "KDTree.nearest: query of \(query.count) values for dimension \(dimension)")
        return query.withUnsafeBufferPointer { nearest(to: $0.baseAddress!) }
    }

    /// Indices of the points nearest to each row of `queries` (row-major `[m, dimension]`).
    ///
    /// Same answers as `nearest(to:)` row by row, but faster on trees larger than the cache: a
    /// first pass walks groups of queries down to their leaves in lockstep, so the cache misses
    /// of different queries overlap instead of queueing one after another, and takes each leaf's
    /// first point as a starting bound; the exact searches then find their paths cached.
    public func nearest(batch queries: [Double]) -> [Int] {
        precondition(queries.count % dimension == 0, "KDTree.nearest: \(queries.count) values for dimension \(dimension)")
        let m = queries.count / dimension, d = dimension
        guard m > 0 else { return [] }
        precondition(!order.isEmpty, "KDTree.nearest: the tree is empty")
        return queries.withUnsafeBufferPointer { q in
            let bounds = firstLeafCandidates(q.baseAddress!, count: m)
            return (0..<m).map { nearest(to: q.baseAddress! + $0 * d, start: bounds[$0]) }
        }
    }

    /// For each query, the first point of the leaf it descends to and its squared distance.
    private func firstLeafCandidates(_ queries: UnsafePointer<Double>, count m: Int) -> [(dist: Double, index: Int32)] {
        let group = 8, d = dimension
        var result = [(dist: Double, index: Int32)](repeating: (.infinity, .max), count: m)
        nodes.withUnsafeBufferPointer { tree in
        leafPoints.withUnsafeBufferPointer { pts in
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: group) { current in
            var start = 0
            while start < m {
                let width = Swift.min(group, m - start)
                for g in 0..<width { current[g] = 0 }
                var active = true
                while active {
                    active = false
                    for g in 0..<width {
                        let node = tree[Int(current[g])]
                        guard node.axis >= 0 else { continue }
                        active = true
                        current[g] = queries[(start + g) * d + Int(node.axis)] < node.split ? current[g] + 1 : node.link
                    }
                }
                for g in 0..<width {
                    let row = Int(~tree[Int(current[g])].axis)
                    var dist = 0.0
                    for a in 0..<d {
                        let diff = pts[row * d + a] - queries[(start + g) * d + a]
                        dist += diff * diff
                    }
                    result[start + g] = (dist, order[row])
                }
                start += width
            }
        }
        }
        }
        return result
    }

    /// Index of the point nearest to the `dimension` values at `query` (Euclidean; ties → lowest index).
    public func nearest(to query: UnsafePointer<Double>) -> Int {
        precondition(!order.isEmpty, "KDTree.nearest: the tree is empty")
        return nearest(to: query, start: (.infinity, .max))
    }

    /// The exact search, starting from a known candidate (any point's distance is a valid bound).
    private func nearest(to query: UnsafePointer<Double>, start: (dist: Double, index: Int32)) -> Int {
        var bestIndex = start.index, bestDist = start.dist
        leafPoints.withUnsafeBufferPointer { pts in
        order.withUnsafeBufferPointer { ord in
        nodes.withUnsafeBufferPointer { tree in
        withUnsafeTemporaryAllocation(of: (node: Int32, bound: Double).self, capacity: KDTree.stackCapacity) { stack in
            search(query, pts, tree, stack, worst: { bestDist }) { dist, row in
                let idx = ord[row]
                if dist < bestDist || idx < bestIndex { bestDist = dist; bestIndex = idx }
            }
        }
        }
        }
        }
        return Int(bestIndex)
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
        leafPoints.withUnsafeBufferPointer { pts in
        order.withUnsafeBufferPointer { ord in
        nodes.withUnsafeBufferPointer { tree in
        withUnsafeTemporaryAllocation(of: (node: Int32, bound: Double).self, capacity: KDTree.stackCapacity) { stack in
            queries.withUnsafeBufferPointer { queryRows in
                for r in 0..<q {
                    for j in 0..<m { bestIndex[j] = Int.max; bestDist[j] = .infinity }
                    search(queryRows.baseAddress! + r * dimension, pts, tree, stack, worst: { bestDist[m - 1] }) { dist, row in
                        let idx = Int(ord[row])
                        guard dist < bestDist[m - 1] || idx < bestIndex[m - 1] else { return }
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
                    for j in 0..<m { out[r * m + j] = bestIndex[j] }
                }
            }
        }
        }
        }
        }
        return out
    }

    /// The depth-first traversal shared by the 1- and k-nearest searches: visits the leaves near
    /// side first and hands every row whose squared distance is ≤ `worst()` (the largest distance
    /// still kept) to `offer(distance, row)`, which decides ties by index.
    @inline(__always)
    private func search(_ query: UnsafePointer<Double>, _ pts: UnsafeBufferPointer<Double>, _ tree: UnsafeBufferPointer<Node>,
                        _ stack: UnsafeMutableBufferPointer<(node: Int32, bound: Double)>,
                        worst: () -> Double, offer: (Double, Int) -> Void) {
        let d = dimension
        stack[0] = (0, 0)
        var top = 1
        while top > 0 {
            top -= 1
            let (nid, bound) = stack[top]
            if bound > worst() { continue }
            let node = tree[Int(nid)]
            if node.axis < 0 {
                var row = Int(~node.axis)
                var base = pts.baseAddress! + row * d
                while row < Int(node.link) {
                    var dist = 0.0
                    for a in 0..<d {
                        let diff = base[a] - query[a]
                        dist += diff * diff
                    }
                    if dist <= worst() { offer(dist, row) }
                    row += 1
                    base += d
                }
                continue
            }
            let diff = query[Int(node.axis)] - node.split
            let (near, far) = diff < 0 ? (nid + 1, node.link) : (node.link, nid + 1)
            // Points equal to the split may sit on either side, so the far side is pruned only
            // when strictly farther than the worst kept (ties must still be examined for lower indices).
            stack[top] = (far, Swift.max(bound, diff * diff))
            stack[top + 1] = (near, bound)
            top += 2
        }
    }
}
