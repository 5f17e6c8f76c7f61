import Foundation
import Tensors

/// Per-sample pseudo-inverses of a chunk of Jacobians, in float64 (xcebra.md §7.5).
public enum JacobianInversion {
    /// Inverts every J_b of `jacobians` (`[C, d, n]`, row-major) and returns X_bᵀ laid out the
    /// same way (d × n per sample), updating the rank, route, conditioning and Moore–Penrose
    /// counts of `diagnostics`.
    ///
    /// - `route == .fast` and d ≤ n: `GramInverse` of the non-zero rows when it accepts (see
    ///   `fastInverse`), else the exact route.
    /// - exact `lsq`: `leastSquares(J, I_d, rcond: 2.22e-16)` (`dgelsd`), X = solution.
    /// - exact `svd`: `pseudoInverse(J, cutoff: .scipyFloat32)` (`dgesdd`).
    /// - Moore–Penrose check on the samples whose position in the chunk plus `positionOffset`
    ///   is a multiple of `moorePenroseStride` (0: never).
    /// - `ranks` receives the numerical rank used for each sample (on the fast route, the number
    ///   of non-zero rows).
    public static func invert(_ jacobians: [Double], count c: Int, rows d: Int, cols n: Int, solver: InverseSolver,
                              route: InversionRoute, moorePenroseStride: Int, positionOffset: Int,
                              diagnostics: inout JacobianDiagnostics) throws -> [Double] {
        var ranks: [Int] = []
        return try invert(jacobians, count: c, rows: d, cols: n, solver: solver, route: route, moorePenroseStride: moorePenroseStride,
                          positionOffset: positionOffset, diagnostics: &diagnostics, ranks: &ranks)
    }

    public static func invert(_ jacobians: [Double], count c: Int, rows d: Int, cols n: Int, solver: InverseSolver,
                              route: InversionRoute, moorePenroseStride: Int, positionOffset: Int,
                              diagnostics: inout JacobianDiagnostics, ranks: inout [Int]) throws -> [Double] {
        let dn = d * n
        var out = [Double](repeating: 0, count: c * dn)
        ranks = [Int](repeating: Swift.min(d, n), count: c)
        let tau = solver.relativeCutoff(rows: d, cols: n)
        // One Gram solver per number of non-zero rows k (scratch reused: no per-sample allocation).
        var fast = [GramInverse?](repeating: nil, count: d + 1)
        var compact = [Double](repeating: 0, count: dn), compactOut = [Double](repeating: 0, count: dn)
        var kept = [Int](repeating: 0, count: d)
        let identity = Matrix64.identity(d)
        for b in 0..<c {
            var condition = Double.infinity
            var accepted: Int? = nil  // the rank, when the Gram route inverted the sample
            if route == .fast && d <= n {
                accepted = jacobians.withUnsafeBufferPointer { jp in
                    out.withUnsafeMutableBufferPointer { op in
                        fastInverse(UnsafeBufferPointer(rebasing: jp[(b * dn)..<((b + 1) * dn)]),
                                    into: UnsafeMutableBufferPointer(rebasing: op[(b * dn)..<((b + 1) * dn)]),
                                    d: d, n: n, tau: tau, solvers: &fast, kept: &kept, compact: &compact,
                                    compactOut: &compactOut, condition: &condition)
                    }
                }
            }
            func jacobian() throws -> Matrix64 { try Matrix64(rows: d, cols: n, scalars: Array(jacobians[(b * dn)..<((b + 1) * dn)])) }
            if let rank = accepted {
                diagnostics.fastRouteSamples += 1
                diagnostics.rankCounts[rank, default: 0] += 1
                ranks[b] = rank
            } else {
                let j = try jacobian()
                if route == .exact { condition = gramCondition(j) }
                let x: Matrix64
                let rank: Int
                switch solver {
                case .lsq:
                    let s = try leastSquares(j, identity, rcond: tau)
                    (x, rank) = (s.solution, s.rank)
                case .svd:
                    let p = try pseudoInverse(j, cutoff: .scipyFloat32)
                    (x, rank) = (p.matrix, p.rank)
                }
                diagnostics.rankCounts[rank, default: 0] += 1
                ranks[b] = rank
                let xt = x.transposed
                out.replaceSubrange((b * dn)..<((b + 1) * dn), with: xt.scalars)
            }
            let decade = condition.isFinite && condition > 0 ? Int(log10(condition).rounded(.down)) : Int.max
            diagnostics.conditionDecades[decade, default: 0] += 1
            if moorePenroseStride > 0, (positionOffset + b) % moorePenroseStride == 0 {
                let xt = try Matrix64(rows: d, cols: n, scalars: Array(out[(b * dn)..<((b + 1) * dn)]))
                diagnostics.moorePenroseChecked += 1
                if try moorePenroseCheck(try jacobian(), xt.transposed).all { diagnostics.moorePenrosePassed += 1 }
            }
        }
        diagnostics.samples += c
        return out
    }

    /// The Gram route for one J (d × n, d ≤ n) with exactly-zero rows allowed. A zero row i (an
    /// output with no gradient, e.g. at a clip bound) only adds a zero singular value, so
    ///
    ///     J = Pᵀ [J′; 0]  ⇒  J⁺ = [J′⁺, 0] P,
    ///
    /// i.e. Xᵀ has zero row i and the other rows are the Gram inverse of the k non-zero rows J′.
    /// Both solvers drop that zero singular value (0 ≤ τ·σ_max), so this is exactly what
    /// `dgelsd` / `dgesdd` return, at Cholesky cost. Returns the rank k, or nil when J′'s Gram
    /// matrix is refused (then `out` is unspecified and the caller takes LAPACK). `condition`
    /// receives κ₁(J Jᵀ) (∞ when a row is zero: G is then singular).
    static func fastInverse(_ j: UnsafeBufferPointer<Double>, into out: UnsafeMutableBufferPointer<Double>, d: Int, n: Int, tau: Double,
                            solvers: inout [GramInverse?], kept: inout [Int], compact: inout [Double], compactOut: inout [Double],
                            condition: inout Double) -> Int? {
        var k = 0
        for i in 0..<d {
            var nonzero = false
            for t in 0..<n where j[i * n + t] != 0 { nonzero = true; break }
            if nonzero { kept[k] = i; k += 1 }
        }
        if k == d {
            if solvers[d] == nil { solvers[d] = GramInverse(rows: d, cols: n, relativeCutoff: tau) }
            return solvers[d]!.invert(j, into: out, condition: &condition) != nil ? d : nil
        }
        condition = .infinity
        for t in 0..<(d * n) { out[t] = 0 }
        guard k > 0 else { return 0 }
        if solvers[k] == nil { solvers[k] = GramInverse(rows: k, cols: n, relativeCutoff: tau) }
        var unused = 0.0
        let ok = compact.withUnsafeMutableBufferPointer { cp in
            compactOut.withUnsafeMutableBufferPointer { co -> Bool in
                for r in 0..<k { for t in 0..<n { cp[r * n + t] = j[kept[r] * n + t] } }
                guard solvers[k]!.invert(UnsafeBufferPointer(rebasing: cp[0..<(k * n)]),
                                         into: UnsafeMutableBufferPointer(rebasing: co[0..<(k * n)]), condition: &unused) != nil else { return false }
                for r in 0..<k { for t in 0..<n { out[kept[r] * n + t] = co[r * n + t] } }
                return true
            }
        }
        return ok ? k : nil
    }

    /// κ₁(J Jᵀ) for the diagnostics of the exact route (∞ when not positive definite).
    static func gramCondition(_ j: Matrix64) -> Double {
        var g = GramInverse(rows: j.rows, cols: j.cols, relativeCutoff: 0)
        var scratch = [Double](repeating: 0, count: j.rows * j.cols)
        var condition = Double.infinity
        j.scalars.withUnsafeBufferPointer { jp in
            scratch.withUnsafeMutableBufferPointer { sp in _ = g.invert(jp, into: sp, condition: &condition) }
        }
        return condition
    }
}
