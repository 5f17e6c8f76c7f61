import Testing
import Tensors
@testable import Contrastive

@Suite struct SamplingTests {
    private func bruteForce(_ points: [Double], _ k: Int, _ q: [Double], among: [Int]? = nil) -> Int {
        var best = -1, bestD = Double.infinity
        for i in among ?? Array(0..<(points.count / k)) {
            var d = 0.0
            for a in 0..<k { d += (points[i * k + a] - q[a]) * (points[i * k + a] - q[a]) }
            if d < bestD || (d == bestD && i < best) { bestD = d; best = i }
        }
        return best
    }

    @Test(arguments: [1, 2, 3, 5])
    func kdTreeIsExact(dimension k: Int) {
        var rng = Xoshiro256(seed: UInt64(k))
        let n = 3_000
        let pts = (0..<(n * k)).map { _ in rng.normal() }
        let tree = KDTree(points: pts, dimension: k)
        for _ in 0..<300 {
            let q = (0..<k).map { _ in rng.normal() * 1.2 }
            #expect(tree.nearest(to: q) == bruteForce(pts, k, q))
        }
    }

    @Test func kdTreeBreaksTiesByLowestIndex() {
        // integer grid with many duplicate points and equidistant queries
        let pts: [Double] = (0..<400).flatMap { i in [Double(i % 5), Double((i / 5) % 4)] }
        let tree = KDTree(points: pts, dimension: 2)
        for q in [[0.5, 0.5], [2.0, 1.0], [4.5, 3.5], [1.5, 2.5]] {
            #expect(tree.nearest(to: q) == bruteForce(pts, 2, q))
        }
    }

    @Test func kdTreeBatchSearchEqualsSingleQueries() {
        // duplicates (ties), a subset of rows, and queries far outside the cloud
        var rng = Xoshiro256(seed: 11)
        let pts: [Double] = (0..<2_000).flatMap { _ in [Double(rng.uniformInt(below: 30)), rng.normal(), Double(rng.uniformInt(below: 3))] }
        let subset = Array(stride(from: 3, to: 2_000, by: 2))
        let tree = KDTree(points: pts, dimension: 3, indices: subset)
        let queries = (0..<(257 * 3)).map { i in i % 3 == 1 ? rng.normal() * 4 : Double(rng.uniformInt(below: 40)) - 5 }
        let batch = tree.nearest(batch: queries)
        #expect(batch.count == 257)
        for q in 0..<257 {
            let query = Array(queries[(q * 3)..<(q * 3 + 3)])
            #expect(batch[q] == tree.nearest(to: query))
            #expect(batch[q] == bruteForce(pts, 3, query, among: subset))
        }
    }

    /// Fewer queries than the batched search's lanes, on a tree whose leaves include one of 60
    /// equal points (larger than a leaf's 16): every answer is still the brute-force one.
    @Test func kdTreeSmallBatchWithAnOversizedLeafIsExact() {
        var rng = Xoshiro256(seed: 4)
        let pts: [Double] = (0..<60).flatMap { _ in [0.25, 0.25] } + (0..<200).flatMap { _ in [rng.normal(), rng.normal()] }
        let tree = KDTree(points: pts, dimension: 2)
        for m in [1, 3, 15, 17] {
            let queries = (0..<(2 * m)).map { i in i < 4 ? 0.25 : rng.normal() }
            let batch = tree.nearest(batch: queries)
            for q in 0..<m { #expect(batch[q] == bruteForce(pts, 2, Array(queries[(2 * q)..<(2 * q + 2)]))) }
        }
    }

    @Test func timeDeltaPositivesEqualBruteForceSearch() throws {
        let s = TestSessions.randomWalk(t: 300)
        let idx = try IndexSampler(sampleCount: 300, offset: (0, 1))
        let sampler = try makePositiveSampler(.timeDelta(delta: 1, variables: ["position"]), session: s, indices: idx)
        let labels = try LabelMatrix(session: s, variables: ["position"])
        var a = Xoshiro256(seed: 5), b = Xoshiro256(seed: 5)
        let refs = (0..<200).map { _ in a.uniformInt(below: 300) }
        _ = (0..<200).map { _ in b.uniformInt(below: 300) }
        let got = sampler.positives(for: refs, using: &a)
        for (r, pos) in zip(refs, got) {
            let u = b.uniformInt(below: 300)
            let q = (0..<2).map { c in labels.values[r * 2 + c] + (u < 1 ? 0 : labels.values[u * 2 + c] - labels.values[(u - 1) * 2 + c]) }
            #expect(pos == idx.clamp(bruteForce(labels.values, 2, q)))
        }
    }

    @Test func discretePositivesShareTheLabel() throws {
        var s = TestSessions.randomWalk(t: 200)
        s.behaviour.append(.init(name: "trial", values: (0..<200).map { Double($0 / 50) }, columns: 1, unit: "class"))
        let idx = try IndexSampler(sampleCount: 200, offset: (0, 1))
        let sampler = try makePositiveSampler(.discrete(variable: "trial"), session: s, indices: idx)
        var rng = Xoshiro256(seed: 2)
        let refs = (0..<100).map { _ in rng.uniformInt(below: 199) }
        for (r, p) in zip(refs, sampler.positives(for: refs, using: &rng)) { #expect(r / 50 == p / 50) }
    }

    @Test func nonIntegerDiscreteLabelsAreRejected() throws {
        let s = TestSessions.randomWalk(t: 50)
        let idx = try IndexSampler(sampleCount: 50, offset: (0, 1))
        #expect(throws: ConfigurationError.self) {
            _ = try makePositiveSampler(.discrete(variable: "position"), session: s, indices: idx)
        }
    }

    @Test func indicesStayInsideTheWindowRangeAndTheMask() throws {
        var valid = [Bool](repeating: true, count: 100)
        for i in 40..<60 { valid[i] = false }
        let idx = try IndexSampler(sampleCount: 100, offset: (5, 5), valid: valid)
        var rng = Xoshiro256(seed: 1)
        let drawn = idx.draw(5_000, using: &rng)
        #expect(drawn.allSatisfy { $0 >= 5 && $0 <= 95 && !(40..<60).contains($0) })
        let plain = try IndexSampler(sampleCount: 100, offset: (5, 5))
        #expect(plain.draw(2_000, using: &rng).allSatisfy { (5...95).contains($0) })
    }

    @Test func unknownBehaviourVariableListsTheAvailableOnes() throws {
        let s = TestSessions.randomWalk(t: 50)
        #expect(throws: ConfigurationError.invalid("behaviour variable 'speed' is not in session 'walk'; available: position [2 col, m]")) {
            _ = try LabelMatrix(session: s, variables: ["speed"])
        }
    }
}
