import Foundation
@testable import Attribution
import Tensors
import Testing

@Suite struct BlockOverlapTests {
    static func cosine(_ a: [[Double]], _ b: [[Double]]) throws -> Double {
        let qa = try BlockOverlap.rowBasis(Matrix64(a), relativeCutoff: 1e-9)
        let qb = try BlockOverlap.rowBasis(Matrix64(b), relativeCutoff: 1e-9)
        return try BlockOverlap.largestPrincipalCosine(qa, qb)
    }

    /// Two lines at angle θ (rows of any length): cos θ₁ = |cos θ|.
    @Test(arguments: [0.0, 0.3, 1.0, Double.pi / 2, 2.5])
    func twoLinesGiveTheCosineOfTheirAngle(_ theta: Double) throws {
        let c = try Self.cosine([[3, 0, 0]], [[-2 * cos(theta), -2 * sin(theta), 0]])
        #expect(abs(c - abs(cos(theta))) < 1e-12)
    }

    /// Hand-computed principal angles between subspaces of R⁴.
    @Test func subspacesOfR4() throws {
        let plane = [[1.0, 0, 0, 0], [1, 1, 0, 0]]                     // span(e1, e2), not orthonormal
        #expect(abs(try Self.cosine(plane, [[1, 0, 1, 0]]) - 1 / 2.0.squareRoot()) < 1e-12)
        #expect(try Self.cosine(plane, [[0, 0, 1, 0], [0, 0, 0, 2]]) < 1e-12)
        #expect(abs(try Self.cosine(plane, [[0, 1, 0, 0.1], [0, 0, 1, 0]]) - 1 / 1.01.squareRoot()) < 1e-12)
        #expect(abs(try Self.cosine(plane, [[0, 0, 1, 0], [5, 0, 0, 0]]) - 1) < 1e-12)
    }

    /// The basis keeps only directions above the cutoff: collinear rows give one, a zero block none.
    @Test func rowBasisDropsNullDirections() throws {
        let q = try BlockOverlap.rowBasis(Matrix64([[1, 2, 3], [2, 4, 6], [0, 0, 0]]), relativeCutoff: 1e-9)
        #expect(q.rows == 1)
        let v = [1.0, 2, 3].map { $0 / 14.0.squareRoot() }
        #expect(abs(abs(zip(q.nestedRows[0], v).map(*).reduce(0, +)) - 1) < 1e-12)
        #expect(try BlockOverlap.rowBasis(Matrix64(rows: 2, cols: 3), relativeCutoff: 1e-9).rows == 0)
        // A renormalised 2-d block's Jacobian (I − y yᵀ)A has rank 1.
        let y: [Double] = [0.6, 0.8], a: [[Double]] = [[1, 2, 0, 1], [0, 1, 3, -1]]
        var j = [[Double]](repeating: [0, 0, 0, 0], count: 2)
        for i in 0..<2 { for k in 0..<4 { for l in 0..<2 {
            let p: Double = (i == l ? 1 : 0) - y[i] * y[l]
            j[i][k] += p * a[l][k]
        } } }
        #expect(try BlockOverlap.rowBasis(Matrix64(j), relativeCutoff: InverseSolver.svd.relativeCutoff(rows: 4, cols: 4)).rows == 1)
    }

    @Test func quantilesInterpolate() {
        #expect(BlockOverlap.quantile([3, 1, 2, 4], 0.5) == 2.5)
        #expect(BlockOverlap.quantile((0...10).map(Double.init), 0.9) == 9)
        #expect(BlockOverlap.quantile([7], 0.9) == 7)
        #expect(BlockOverlap.quantile([], 0.5) == nil)
    }

    /// On a model's first sample, against cos²θ₁ = λ_max(G_A⁻¹ C G_B⁻¹ Cᵀ) (G_A = A Aᵀ,
    /// G_B = B Bᵀ, C = A Bᵀ) for its two 2-row blocks, solved as a 2 × 2 eigenproblem by hand.
    @Test func modelOverlapMatchesTheGramFormula() throws {
        let session = TestModels.session(t: 300, neurons: 12, seed: 4, informative: true)
        let model = try TestModels.model(TestModels.configuration(steps: 20), session: session)
        #expect(model.blocks.count == 2)
        let samples = try AttributionSamples(session: session, model: model)
        let o = try BlockOverlap.measure(model: model, samples: samples, count: 1)
        #expect(o.samples == 1 && o.labels == BlockAssignment.labels(model.blocks))

        let (j, _) = SampleJacobians.compute(model, inputs: samples.windows.batch([samples.indices[0]]))
        let n = 12
        func row(_ i: Int) -> [Double] { Array(j[(i * n)..<((i + 1) * n)]) }
        func dot(_ u: [Double], _ v: [Double]) -> Double { zip(u, v).map(*).reduce(0, +) }
        let a = Array(model.blocks[0].dimensions).map(row), b = Array(model.blocks[1].dimensions).map(row)
        func gram(_ x: [[Double]], _ y: [[Double]]) -> [[Double]] { x.map { u in y.map { dot(u, $0) } } }
        func inv(_ m: [[Double]]) -> [[Double]] {
            let det = m[0][0] * m[1][1] - m[0][1] * m[1][0]
            return [[m[1][1] / det, -m[0][1] / det], [-m[1][0] / det, m[0][0] / det]]
        }
        func mul(_ x: [[Double]], _ y: [[Double]]) -> [[Double]] { x.map { r in (0..<2).map { k in r[0] * y[0][k] + r[1] * y[1][k] } } }
        let c = gram(a, b), ct = [[c[0][0], c[1][0]], [c[0][1], c[1][1]]]
        let m = mul(mul(mul(inv(gram(a, a)), c), inv(gram(b, b))), ct)
        let tr = m[0][0] + m[1][1], det = m[0][0] * m[1][1] - m[0][1] * m[1][0]
        let expected = ((tr + (tr * tr - 4 * det).squareRoot()) / 2).squareRoot()
        let got = try #require(o.withRest[0])
        #expect(abs(got - expected) < 1e-6, "\(got) vs \(expected)")
        #expect(abs((o.withRest[1] ?? -1) - expected) < 1e-6 && abs((o.pairwise[0][1] ?? -1) - expected) < 1e-6)
        #expect(o.pairwise[0][0] == nil)
    }

    @Test func warningsNameTheOverlappingBlock() {
        let o = BlockOverlap(labels: ["position", "speed", "time"], samples: 100, withRest: [0.97, 0.4, 0.97],
                             withRestUpperDecile: [0.99, 0.5, 0.99],
                             pairwise: [[nil, 0.2, 0.97], [0.2, nil, 0.3], [0.97, 0.3, nil]])
        let w = o.warnings
        #expect(w.count == 2)
        #expect(w[0].contains("block 'position'") && w[0].contains("most with 'time', 0.970") && w[0].contains("100 samples"))
        #expect(w[1].contains("block 'time'") && w[1].contains("most with 'position'"))
    }
}
