import Tensors

/// The shared engine of the perturbation family: for each sample b, P perturbed copies of its
/// input are written by `fill`, all copies of a group of samples go through the encoder as one
/// batch (`BatchedForward`: many perturbed inputs per GEMM), and `consume` receives that
/// sample's P outputs `[P, d]` (Float32, row p = copy p).
///
/// `sameAs(b, q)` may name an earlier copy q′ < q whose input is identical (a group that is
/// already at its baseline value, as silent bins of spike counts are at baseline 0): copy q is
/// then neither filled nor run, and its output row is q′'s, so differences between them are
/// exactly 0. On binned spike counts with baseline 0 these are many of the copies: most of them
/// for one-bin inputs, about a third for the arena's 10-bin windows.
enum PerturbationForward {
    static func run(_ model: EmbeddingModel, inputs: Tensor, copies p: Int,
                    sameAs: ((_ b: Int, _ copy: Int) throws -> Int?)? = nil,
                    fill: (_ b: Int, _ copy: Int, _ x: UnsafeMutableBufferPointer<Float>) throws -> Void,
                    consume: (_ b: Int, _ outputs: UnsafeBufferPointer<Float>) throws -> Void) throws {
        let c = inputs.shape[0], d = model.outputDimension
        let e = inputs.count / Swift.max(c, 1)
        let perGroup = Swift.max(1, BatchedForward.rowsPerCall(model, elements: e) * 4 / Swift.max(p, 1))
        var rowOf = [Int](repeating: 0, count: Swift.min(perGroup, c) * p)  // copy → row of the batch
        var gathered = [Float](repeating: 0, count: sameAs == nil ? 0 : p * d)
        var lo = 0
        while lo < c {
            let hi = Swift.min(lo + perGroup, c)
            var rows = 0
            for b in lo..<hi {
                for q in 0..<p {
                    if let earlier = try sameAs?(b, q) {
                        precondition(earlier >= 0 && earlier < q, "PerturbationForward: copy \(q) can only repeat an earlier copy, not \(earlier)")
                        rowOf[(b - lo) * p + q] = rowOf[(b - lo) * p + earlier]
                    } else {
                        rowOf[(b - lo) * p + q] = rows
                        rows += 1
                    }
                }
            }
            var x = [Float](repeating: 0, count: rows * e)
            try x.withUnsafeMutableBufferPointer { xp in
                var next = 0
                for b in lo..<hi {
                    for q in 0..<p where rowOf[(b - lo) * p + q] == next {
                        try fill(b, q, UnsafeMutableBufferPointer(rebasing: xp[(next * e)..<((next + 1) * e)]))
                        next += 1
                    }
                }
            }
            let y = BatchedForward.embed(model, inputs: Tensor(shape: [rows] + inputs.shape.dropFirst(), scalars: x))
            try y.withUnsafeBufferPointer { yp in
                for b in lo..<hi {
                    guard sameAs != nil else {
                        let r = (b - lo) * p
                        try consume(b, UnsafeBufferPointer(rebasing: yp[(r * d)..<((r + p) * d)]))
                        continue
                    }
                    try gathered.withUnsafeMutableBufferPointer { g in
                        for q in 0..<p {
                            let r = rowOf[(b - lo) * p + q]
                            for i in 0..<d { g[q * d + i] = yp[r * d + i] }
                        }
                        try consume(b, UnsafeBufferPointer(g))
                    }
                }
            }
            lo = hi
        }
    }
}

/// Groups of neurons ("features") for the perturbation methods. A neuron of a convolutional
/// model is perturbed at every lag of its window.
public enum NeuronGroups {
    /// Each neuron alone: [[0], [1], …, [n−1]].
    public static func singletons(_ n: Int) -> [[Int]] { (0..<n).map { [$0] } }

    /// Checks that `groups` are non-empty, disjoint subsets of 0..<n.
    public static func validate(_ groups: [[Int]], neurons n: Int) throws {
        var seen = Set<Int>()
        for g in groups {
            guard !g.isEmpty else { throw AttributionError.invalidOption("a neuron group is empty") }
            for j in g {
                guard (0..<n).contains(j) else { throw AttributionError.invalidOption("neuron group member \(j) is outside 0..<\(n)") }
                guard seen.insert(j).inserted else { throw AttributionError.invalidOption("neuron \(j) appears in two groups") }
            }
        }
    }

    /// Whether every element of `group`'s neurons (every lag; layout [W, n]) of `x` equals
    /// `baseline`'s: perturbing such a group changes nothing.
    @inline(__always)
    static func isAtBaseline(_ group: [Int], _ x: UnsafeBufferPointer<Float>, _ baseline: UnsafeBufferPointer<Float>, neurons n: Int) -> Bool {
        let w = x.count / n
        for l in 0..<w { for j in group where x[l * n + j] != baseline[l * n + j] { return false } }
        return true
    }

    /// Sets the elements of `group`'s neurons (every lag; E = W·n, layout [W, n]) of `x` from `source`.
    @inline(__always)
    static func assign(_ group: [Int], in x: UnsafeMutableBufferPointer<Float>, from source: UnsafeBufferPointer<Float>, neurons n: Int) {
        let w = x.count / n
        for l in 0..<w { for j in group { x[l * n + j] = source[l * n + j] } }
    }
}
