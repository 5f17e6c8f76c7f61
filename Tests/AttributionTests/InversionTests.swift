@testable import Attribution
import Tensors
import Testing

@Suite struct InversionTests {
    static func randomJacobians(_ c: Int, d: Int, n: Int, seed: UInt64) -> [Double] {
        var rng = Xoshiro256(seed: seed)
        return (0..<(c * d * n)).map { _ in rng.normal() }
    }

    /// J = (I − y yᵀ) A with ‖y‖ = 1: the Jacobian of an L2-normalised output, rank d − 1.
    static func normalisedJacobians(_ c: Int, d: Int, n: Int, seed: UInt64) -> [Double] {
        var rng = Xoshiro256(seed: seed)
        var out: [Double] = []
        for _ in 0..<c {
            var y = (0..<d).map { _ in rng.normal() }
            let norm = y.reduce(0) { $0 + $1 * $1 }.squareRoot()
            y = y.map { $0 / norm }
            let a = (0..<(d * n)).map { _ in rng.normal() }
            for i in 0..<d { for j in 0..<n {
                var s = 0.0
                for k in 0..<d { s += ((i == k ? 1 : 0) - y[i] * y[k]) * a[k * n + j] }
                out.append(s)
            } }
        }
        return out
    }

    static func svdReference(_ j: [Double], b: Int, d: Int, n: Int) throws -> Matrix64 {
        let m = try Matrix64(rows: d, cols: n, scalars: Array(j[(b * d * n)..<((b + 1) * d * n)]))
        return try pseudoInverse(m, cutoff: .scipyFloat32).matrix.transposed
    }

    @Test(arguments: [InverseSolver.lsq, .svd])
    func fastRouteMatchesSVDOnFullRank(_ solver: InverseSolver) throws {
        let (c, d, n) = (64, 6, 50)
        let j = Self.randomJacobians(c, d: d, n: n, seed: 1)
        var diag = JacobianDiagnostics()
        let x = try JacobianInversion.invert(j, count: c, rows: d, cols: n, solver: solver, route: .fast,
                                             moorePenroseStride: 1, positionOffset: 0, diagnostics: &diag)
        #expect(diag.fastRouteSamples == c)
        #expect(diag.moorePenrosePassed == c && diag.rankCounts == [6: c])
        for b in 0..<c {
            let ref = try Self.svdReference(j, b: b, d: d, n: n)
            let got = try Matrix64(rows: d, cols: n, scalars: Array(x[(b * d * n)..<((b + 1) * d * n)]))
            let scale = ref.scalars.map(abs).max()!
            #expect(got.maxAbsDifference(ref) <= 1e-10 * scale)
        }
    }

    @Test func exactRoutesAgreeOnFullRank() throws {
        let (c, d, n) = (16, 6, 50)
        let j = Self.randomJacobians(c, d: d, n: n, seed: 2)
        var d1 = JacobianDiagnostics(), d2 = JacobianDiagnostics()
        let lsq = try JacobianInversion.invert(j, count: c, rows: d, cols: n, solver: .lsq, route: .exact, moorePenroseStride: 1, positionOffset: 0, diagnostics: &d1)
        let svd = try JacobianInversion.invert(j, count: c, rows: d, cols: n, solver: .svd, route: .exact, moorePenroseStride: 1, positionOffset: 0, diagnostics: &d2)
        #expect(d1.fastRouteSamples == 0 && d1.moorePenrosePassed == c && d2.moorePenrosePassed == c)
        #expect(zip(lsq, svd).map { abs($0 - $1) }.max()! < 1e-10)
    }

    @Test func rankDeficientJacobiansFallBackAndAreReported() throws {
        let (c, d, n) = (32, 6, 50)
        let j = Self.normalisedJacobians(c, d: d, n: n, seed: 3)
        var diag = JacobianDiagnostics()
        diag.rows = d; diag.cols = n; diag.solver = .svd
        let x = try JacobianInversion.invert(j, count: c, rows: d, cols: n, solver: .svd, route: .fast,
                                             moorePenroseStride: 1, positionOffset: 0, diagnostics: &diag)
        // G = J Jᵀ is singular: the Cholesky route must refuse every sample.
        #expect(diag.fastRouteSamples == 0)
        #expect(diag.rankCounts == [5: c])
        #expect(diag.rankDeficientFraction == 1)
        #expect(diag.moorePenrosePassed == c)
        for b in 0..<c {
            let ref = try Self.svdReference(j, b: b, d: d, n: n)
            let got = try Matrix64(rows: d, cols: n, scalars: Array(x[(b * d * n)..<((b + 1) * d * n)]))
            #expect(got.maxAbsDifference(ref) < 1e-12)
        }
    }

    /// Zero rows (outputs at a clip bound): the Gram route inverts the non-zero rows and agrees
    /// with both LAPACK solvers; the rank is the number of non-zero rows.
    @Test(arguments: [InverseSolver.lsq, .svd])
    func zeroRowsTakeTheFastRouteExactly(_ solver: InverseSolver) throws {
        let (c, d, n) = (24, 6, 50)
        var j = Self.randomJacobians(c, d: d, n: n, seed: 6)
        for b in 0..<c { for i in 0..<d where b % 3 != 0 && (b + i) % (b % 4 + 2) == 0 { for k in 0..<n { j[(b * d + i) * n + k] = 0 } } }
        for k in 0..<(d * n) { j[k] = 0 }  // sample 0: every row zero
        let nonzero = (0..<c).map { b in (0..<d).filter { i in (0..<n).contains { j[(b * d + i) * n + $0] != 0 } }.count }
        try #require(Set(nonzero).count >= 3 && nonzero.contains(d))
        var fast = JacobianDiagnostics(), exact = JacobianDiagnostics()
        var ranks: [Int] = [], exactRanks: [Int] = []
        let x = try JacobianInversion.invert(j, count: c, rows: d, cols: n, solver: solver, route: .fast, moorePenroseStride: 1,
                                             positionOffset: 0, diagnostics: &fast, ranks: &ranks)
        let y = try JacobianInversion.invert(j, count: c, rows: d, cols: n, solver: solver, route: .exact, moorePenroseStride: 1,
                                             positionOffset: 0, diagnostics: &exact, ranks: &exactRanks)
        #expect(fast.fastRouteSamples == c && exact.fastRouteSamples == 0)
        #expect(ranks == nonzero && exactRanks == nonzero && fast.rankCounts == exact.rankCounts)
        #expect(fast.moorePenrosePassed == c)
        for b in 0..<c {
            let ref = try Self.svdReference(j, b: b, d: d, n: n)
            let scale = max(ref.scalars.map(abs).max()!, 1e-300)
            for (name, v) in [("fast", x), ("exact", y)] {
                let got = try Matrix64(rows: d, cols: n, scalars: Array(v[(b * d * n)..<((b + 1) * d * n)]))
                #expect(got.maxAbsDifference(ref) <= 1e-10 * scale, "\(name) sample \(b)")
            }
        }
    }

    @Test func illConditionedButFullRankFallsBack() throws {
        // Row 5 = row 4 + 1e-7·noise: σ_min/σ_max ≈ 1e-8, far below √γ: LAPACK route.
        let (d, n) = (6, 50)
        var j = Self.randomJacobians(1, d: d, n: n, seed: 4)
        var rng = Xoshiro256(seed: 5)
        for k in 0..<n { j[5 * n + k] = j[4 * n + k] + 1e-7 * rng.normal() }
        var diag = JacobianDiagnostics()
        _ = try JacobianInversion.invert(j, count: 1, rows: d, cols: n, solver: .lsq, route: .fast, moorePenroseStride: 0, positionOffset: 0, diagnostics: &diag)
        #expect(diag.fastRouteSamples == 0)
        #expect(diag.conditionDecades.keys.allSatisfy { $0 >= 10 })
    }

    @Test func solverCutoffs() {
        #expect(InverseSolver.lsq.relativeCutoff(rows: 6, cols: 50) == 2.220446049250313e-16)
        #expect(abs(InverseSolver.svd.relativeCutoff(rows: 6, cols: 50) - 5.960464477539063e-06) < 1e-18)
    }
}
