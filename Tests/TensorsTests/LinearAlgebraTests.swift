import Testing
@testable import Tensors

/// A seeded Gaussian m×n matrix of rank min(m, n, rank) (product of m×r and r×n Gaussians).
private func randomMatrix(_ m: Int, _ n: Int, rank: Int? = nil, seed: UInt64) -> Matrix64 {
    var g = Xoshiro256(seed: seed)
    func gaussian(_ r: Int, _ c: Int) -> Matrix64 {
        var a = Matrix64(rows: r, cols: c)
        for i in 0..<a.scalars.count { a.scalars[i] = g.normal() }
        return a
    }
    guard let r = rank else { return gaussian(m, n) }
    return try! Matrix64.matmul(gaussian(m, r), gaussian(r, n))
}

private func maxAbs(_ a: Matrix64) -> Double { a.scalars.map(abs).max() ?? 0 }

/// Shapes covered everywhere: wide, tall, square, and rank-3 wide/tall/square.
private let cases: [(m: Int, n: Int, rank: Int?)] = [(6, 50, nil), (50, 6, nil), (7, 7, nil), (6, 50, 3), (50, 6, 3), (7, 7, 4)]

@Suite struct LinearAlgebraTests {
    @Test func matrixTensorRoundTripAndErrors() throws {
        let t = Tensor(rows: [[1, 2, 3], [4, 5, 6]])
        let m = try Matrix64(t)
        #expect(m.rows == 2 && m.cols == 3 && m[1, 0] == 4)
        #expect(m.tensor == t)
        #expect(m.transposed.nestedRows == [[1, 4], [2, 5], [3, 6]])
        #expect(throws: LinearAlgebraError.self) { try Matrix64(Tensor(zeros: [2, 2, 2])) }
        #expect(throws: LinearAlgebraError.self) { try Matrix64(rows: 2, cols: 2, scalars: [1, 2, 3]) }
        #expect(throws: LinearAlgebraError.self) { try Matrix64([[1, 2], [3]]) }
        #expect(throws: LinearAlgebraError.self) { try Matrix64.matmul(m, m) }
        let p = try Matrix64.matmul(m, transposed: false, m, transposed: true)   // A Aᵀ
        #expect(p.nestedRows == [[14, 32], [32, 77]])
    }

    @Test func svdReconstructsWithOrthonormalFactors() throws {
        for (i, c) in cases.enumerated() {
            let a = randomMatrix(c.m, c.n, rank: c.rank, seed: 100 + UInt64(i))
            let d = try svd(a)
            let k = min(c.m, c.n)
            #expect(d.u.rows == c.m && d.u.cols == k && d.vt.rows == k && d.vt.cols == c.n)
            #expect(zip(d.singularValues, d.singularValues.dropFirst()).allSatisfy { $0 >= $1 })
            #expect(try d.reconstructed().maxAbsDifference(a) < 1e-12 * maxAbs(a) * Double(c.n))
            #expect(try Matrix64.matmul(d.u, transposed: true, d.u).maxAbsDifference(.identity(k)) < 1e-12)
            #expect(try Matrix64.matmul(d.vt, transposed: false, d.vt, transposed: true).maxAbsDifference(.identity(k)) < 1e-12)
            if let r = c.rank { #expect(d.singularValues[r] < 1e-12 * d.singularValues[0]) }
        }
    }

    @Test func pseudoInverseSatisfiesMoorePenrose() throws {
        for (i, c) in cases.enumerated() {
            let a = randomMatrix(c.m, c.n, rank: c.rank, seed: 200 + UInt64(i))
            let p = try pseudoInverse(a)
            #expect(p.rank == (c.rank ?? min(c.m, c.n)), "\(c)")
            #expect(p.route == .svd)
            let s = try svd(a).singularValues
            #expect(p.threshold == Double(max(c.m, c.n)) * 1.1920928955078125e-7 * s[0])
            let check = try moorePenroseCheck(a, p.matrix)
            #expect(check.all, "\(c): \(check)")
            // Explicit rcond: a relative cutoff above σ_2/σ_1 keeps only σ_1.
            let p1 = try pseudoInverse(a, cutoff: .relative(s[1] / s[0] * 1.0001))
            #expect(p1.rank == 1)
        }
    }

    @Test func leastSquaresSatisfiesMoorePenroseAndMatchesPinv() throws {
        for (i, c) in cases.enumerated() {
            let a = randomMatrix(c.m, c.n, rank: c.rank, seed: 300 + UInt64(i))
            // Rank-deficient products have trailing σ ≈ 1e-16·σ_max, right at float64 eps; the
            // default rcond may keep them (as SciPy would), so use 1e-12 there.
            let rcond = c.rank == nil ? Double.ulpOfOne : 1e-12
            let x = try leastSquares(a, .identity(c.m), rcond: rcond)
            #expect(x.rank == (c.rank ?? min(c.m, c.n)), "\(c)")
            let check = try moorePenroseCheck(a, x.solution)
            #expect(check.all, "\(c): \(check)")
            if c.rank == nil {
                let b = randomMatrix(c.m, 3, seed: 350 + UInt64(i))
                let viaLstsq = try leastSquares(a, b).solution
                let viaPinv = try Matrix64.matmul(try pseudoInverse(a).matrix, b)
                #expect(viaLstsq.maxAbsDifference(viaPinv) <= 1e-10 * max(1, maxAbs(viaPinv)), "\(c)")
            }
        }
    }

    @Test func knownSmallAnswers() throws {
        let a = try Matrix64([[1, 0, 0], [0, 2, 0]])
        let p = try pseudoInverse(a)
        #expect(p.matrix.maxAbsDifference(try Matrix64([[1, 0], [0, 0.5], [0, 0]])) < 1e-15)
        #expect(try fastPseudoInverse(a).matrix.maxAbsDifference(p.matrix) < 1e-15)
        // Line fit y = 1 + 2x through (0,1), (1,3), (2,5.5): normal equations give (0.916…, 2.25).
        let design = try Matrix64([[1, 0], [1, 1], [1, 2]])
        let fit = try leastSquares(design, try Matrix64([[1], [3], [5.5]]))
        #expect(fit.rank == 2)
        #expect(abs(fit.solution[0, 0] - 11.0 / 12.0) < 1e-14 && abs(fit.solution[1, 0] - 2.25) < 1e-14)
        // Minimum norm: x + y = 2 has minimisers on a line; the smallest is (1, 1).
        let under = try leastSquares(try Matrix64([[1, 1]]), try Matrix64([[2]]))
        #expect(abs(under.solution[0, 0] - 1) < 1e-14 && abs(under.solution[1, 0] - 1) < 1e-14)
    }

    @Test func moorePenroseCheckDetectsWrongInverses() throws {
        let a = randomMatrix(6, 50, seed: 400)
        let wrong = try moorePenroseCheck(a, a.transposed)
        #expect(!wrong.all && !wrong.jxjEqualsJ)
        var x = try pseudoInverse(a).matrix
        x.scalars[7] += 1e-3
        #expect(try !moorePenroseCheck(a, x).all)
        x.scalars[7] = .nan
        #expect(try !moorePenroseCheck(a, x).all)
        #expect(throws: LinearAlgebraError.self) { try moorePenroseCheck(a, a) }
    }

    @Test func choleskyRouteMatchesSVDRoute() throws {
        for (i, (m, n)) in [(6, 50), (50, 6), (8, 8), (2, 50), (32, 50)].enumerated() {
            let a = randomMatrix(m, n, seed: 500 + UInt64(i))
            let fast = try fastPseudoInverse(a)
            let slow = try pseudoInverse(a)
            #expect(fast.route == .cholesky, "\(m)×\(n)")
            #expect(fast.rank == min(m, n))
            #expect(fast.matrix.maxAbsDifference(slow.matrix) <= 1e-10 * maxAbs(slow.matrix), "\(m)×\(n)")
            #expect(try moorePenroseCheck(a, fast.matrix).all)
        }
    }

    @Test func choleskyRouteFallsBackWhenIllConditioned() throws {
        // Exactly rank-deficient: G is singular → SVD route with the truncated rank.
        for (m, n) in [(6, 50), (50, 6)] {
            let a = randomMatrix(m, n, rank: 3, seed: 600)
            let p = try fastPseudoInverse(a)
            #expect(p.route == .svd && p.rank == 3)
            #expect(try moorePenroseCheck(a, p.matrix).all)
        }
        // Full rank but σ_min/σ_max ≈ 1e-5 (above the float32 cutoff 5.96e-6, so all σ are kept):
        // κ(G) ≈ 1e10 fails the 1e-8 reciprocal-condition test, and the SVD route is used.
        var a = randomMatrix(6, 50, seed: 601)
        let d = try svd(a)
        var s = d.singularValues
        s[5] = s[0] * 1e-5
        var us = d.u
        for r in 0..<6 { for c in 0..<6 { us.scalars[r * 6 + c] *= s[c] } }
        a = try Matrix64.matmul(us, d.vt)
        let p = try fastPseudoInverse(a)
        #expect(p.route == .svd && p.rank == 6)
        #expect(try moorePenroseCheck(a, p.matrix).all)
        // Zero matrix: rank 0, zero inverse.
        let z = try fastPseudoInverse(Matrix64(rows: 3, cols: 5))
        #expect(z.rank == 0 && z.matrix == Matrix64(rows: 5, cols: 3))
    }

    @Test func choleskySolveSolvesAndRejectsIndefinite() throws {
        let m = randomMatrix(5, 5, seed: 700)
        var spd = try Matrix64.matmul(m, transposed: true, m)
        for i in 0..<5 { spd[i, i] += 1 }
        let b = randomMatrix(5, 3, seed: 701)
        let x = try choleskySolve(spd, b)
        #expect(try Matrix64.matmul(spd, x).maxAbsDifference(b) < 1e-10)
        let indefinite = try Matrix64([[1, 2], [2, 1]])
        #expect(throws: LinearAlgebraError.notPositiveDefinite(operation: "choleskySolve", leadingMinor: 2)) {
            try choleskySolve(indefinite, .identity(2))
        }
        #expect(throws: LinearAlgebraError.self) { try choleskySolve(try Matrix64([[1, 2, 3]]), .identity(1)) }
        #expect(throws: LinearAlgebraError.self) { try choleskySolve(spd, .identity(4)) }
    }

    @Test func nonFiniteInputIsATypedError() throws {
        var a = randomMatrix(6, 50, seed: 800)
        a[2, 3] = .nan
        #expect(throws: LinearAlgebraError.nonFinite(operation: "svd", argument: "A")) { try svd(a) }
        #expect(throws: LinearAlgebraError.self) { try pseudoInverse(a) }
        #expect(throws: LinearAlgebraError.self) { try fastPseudoInverse(a) }
        #expect(throws: LinearAlgebraError.self) { try leastSquares(a, .identity(6)) }
        a[2, 3] = .infinity
        #expect(throws: LinearAlgebraError.self) { try leastSquares(a, .identity(6)) }
        var spd = Matrix64.identity(3)
        spd[1, 1] = .nan
        #expect(throws: LinearAlgebraError.self) { try choleskySolve(spd, .identity(3)) }
        #expect(throws: LinearAlgebraError.self) { try pseudoInverse(.identity(3), cutoff: .relative(-1)) }
        #expect(throws: LinearAlgebraError.self) { try leastSquares(.identity(3), .identity(3), rcond: .nan) }
        #expect(throws: LinearAlgebraError.self) { try leastSquares(.identity(3), .identity(4)) }
    }
}
