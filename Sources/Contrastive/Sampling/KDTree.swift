import CPrefetch

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

    /// Most points in a leaf (a leaf of equal points may hold more).
    private static let leafSize = 16

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
        if hi - lo <= KDTree.leafSize { return id }
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
    /// Same answers as `nearest(to:)` row by row (the same depth-first order and pruning per
    /// query), but faster on trees larger than the cache. A lone query spends most of its time
    /// waiting for cache misses, one after another: each node it visits depends on the last.
    /// Here `lanes` queries are searched in turn, one node each per round; the node a lane will
    /// visit next (and, for a leaf, its points and their indices) is prefetched when it is
    /// chosen, so it arrives while the other lanes work. The row range of every stacked node is
    /// known from its parent's (median splits: children hold [lo, mid) and [mid, hi)), which is
    /// what lets a leaf's points be prefetched before its node has been read.
    public func nearest(batch queries: [Double]) -> [Int] {
        precondition(queries.count % dimension == 0, "KDTree.nearest: \(queries.count) values for dimension \(dimension)")
        let m = queries.count / dimension, d = dimension
        guard m > 0 else { return [] }
        precondition(!order.isEmpty, "KDTree.nearest: the tree is empty")
        let lanes = Swift.min(KDTree.lanes, m), capacity = KDTree.stackCapacity
        let root = Pending(node: 0, lo: 0, hi: Int32(order.count), bound: 0)
        var result = [Int](repeating: 0, count: m)
        queries.withUnsafeBufferPointer { q in
        leafPoints.withUnsafeBufferPointer { pts in
        order.withUnsafeBufferPointer { ord in
        nodes.withUnsafeBufferPointer { tree in
        result.withUnsafeMutableBufferPointer { out in
        withUnsafeTemporaryAllocation(of: Pending.self, capacity: lanes * capacity) { stacks in
        withUnsafeTemporaryAllocation(of: Lane.self, capacity: lanes) { state in
            var next = 0, active = 0
            for g in 0..<lanes {
                state.initializeElement(at: g, to: Lane(query: next, pending: root))
                next += 1
                active += 1
            }
            while active > 0 {
                for g in 0..<lanes where state[g].query >= 0 {
                    var lane = state[g]
                    let query = q.baseAddress! + lane.query * d
                    let stack = stacks.baseAddress! + g * capacity
                    let visit = lane.pending
                    if visit.bound <= lane.bestDist {  // the bound may have tightened since it was chosen
                        let node = tree[Int(visit.node)]
                        if node.axis < 0 {
                            scanLeaf(node, query, pts, worst: { lane.bestDist }) { dist, row in
                                let idx = ord[row]
                                if dist < lane.bestDist || idx < lane.bestIndex { lane.bestDist = dist; lane.bestIndex = idx }
                            }
                        } else {
                            let diff = query[Int(node.axis)] - node.split
                            let mid = Int32((Int(visit.lo) + Int(visit.hi)) / 2)
                            let left = Pending(node: visit.node + 1, lo: visit.lo, hi: mid, bound: visit.bound)
                            let right = Pending(node: node.link, lo: mid, hi: visit.hi, bound: visit.bound)
                            // as in `search`: ties with the split are examined on both sides
                            var (near, far) = diff < 0 ? (left, right) : (right, left)
                            far.bound = Swift.max(visit.bound, diff * diff)
                            stack[lane.top] = far
                            stack[lane.top + 1] = near
                            lane.top += 2
                        }
                    }
                    var chosen = false
                    while lane.top > 0 {
                        lane.top -= 1
                        let candidate = stack[lane.top]
                        guard candidate.bound <= lane.bestDist else { continue }
                        lane.pending = candidate
                        prefetch(candidate, tree.baseAddress!, pts.baseAddress!, ord.baseAddress!)
                        chosen = true
                        break
                    }
                    if !chosen {
                        out[lane.query] = Int(lane.bestIndex)
                        if next < m {
                            lane = Lane(query: next, pending: root)
                            next += 1
                        } else {
                            lane.query = -1
                            active -= 1
                        }
                    }
                    state[g] = lane
                }
            }
        }
        }
        }
        }
        }
        }
        }
        return result
    }

    /// Queries searched in turn by `nearest(batch:)`: enough that a lane's prefetched node
    /// (≈ 0.1 µs away in DRAM) has arrived by its next turn, few enough that their stacks stay in L1.
    private static let lanes = 16

    /// A node still to visit, the rows it holds and the lower bound of its squared distance.
    private struct Pending {
        var node: Int32
        var lo: Int32
        var hi: Int32
        var bound: Double
    }

    /// One query in flight in `nearest(batch:)`.
    private struct Lane {
        var query: Int
        var pending: Pending
        var top = 0
        var bestDist = Double.infinity
        var bestIndex = Int32.max
    }

    /// Requests the node `next` and, when its row range is a leaf's, that leaf's points and indices.
    @inline(__always)
    private func prefetch(_ next: Pending, _ tree: UnsafePointer<Node>, _ pts: UnsafePointer<Double>, _ ord: UnsafePointer<Int32>) {
        xcebra_prefetch(tree + Int(next.node))
        let rows = Int(next.hi) - Int(next.lo)
        guard rows <= KDTree.leafSize else { return }
        let first = UnsafeRawPointer(pts + Int(next.lo) * dimension)
        let bytes = rows * dimension * MemoryLayout<Double>.stride
        var offset = 0
        while offset < bytes {
            xcebra_prefetch(first + offset)
            offset += 64
        }
        xcebra_prefetch(first + (bytes - 1))
        xcebra_prefetch(ord + Int(next.lo))
        xcebra_prefetch(ord + Int(next.hi) - 1)
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

    /// Hands every row of `leaf` whose squared distance to `query` is ≤ `worst()` to `offer(distance, row)`.
    @inline(__always)
    private func scanLeaf(_ leaf: Node, _ query: UnsafePointer<Double>, _ pts: UnsafeBufferPointer<Double>,
                          worst: () -> Double, offer: (Double, Int) -> Void) {
        let d = dimension
        var row = Int(~leaf.axis)
        var base = pts.baseAddress! + row * d
        while row < Int(leaf.link) {
            var dist = 0.0
            for a in 0..<d {
                let diff = base[a] - query[a]
                dist += diff * diff
            }
            if dist <= worst() { offer(dist, row) }
            row += 1
            base += d
        }
    }

    /// The depth-first traversal shared by the 1- and k-nearest searches: visits the leaves near
    /// side first and hands every row whose squared distance is ≤ `worst()` (the largest distance
    /// still kept) to `offer(distance, row)`, which decides ties by index.
    @inline(__always)
    private func search(_ query: UnsafePointer<Double>, _ pts: UnsafeBufferPointer<Double>, _ tree: UnsafeBufferPointer<Node>,
                        _ stack: UnsafeMutableBufferPointer<(node: Int32, bound: Double)>,
                        worst: () -> Double, offer: (Double, Int) -> Void) {
        stack[0] = (0, 0)
        var top = 1
        while top > 0 {
            top -= 1
            let (nid, bound) = stack[top]
            if bound > worst() { continue }
            let node = tree[Int(nid)]
            if node.axis < 0 {
                scanLeaf(node, query, pts, worst: worst, offer: offer)
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
