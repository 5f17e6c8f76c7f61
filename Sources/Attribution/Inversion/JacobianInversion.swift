import Foundation
import Tensors

/// Per-sample pseudo-inverses of a chunk of Jacobians, in float64 (xcebra.md §7.5).
public enum JacobianInversion {
    /// Inverts every J_b of `jacobians` (`[C, d, n]`, row-major) and returns X_bᵀ laid out the
    /// same way (d × n per sample), updating the rank, route, conditioning and Moore–Penrose
    /// counts of `diagnostics`.
    ///
    /// - `route == .fast` and d ≤ n: `GramInverse` when it accepts, else the exact route.
    /// - exact `lsq`: `leastSquares(J, I_d, rcond: 2.22e-16)` (`dgelsd`), X = solution.
    /// - exact `svd`: `pseudoInverse(J, cutoff: .scipyFloat32)` (`dgesdd`).
    /// - Moore–Penrose check on the samples whose position in the chunk plus `positionOffset`
    ///   is a multiple of `moorePenroseStride` (0: never).
    public static func invert(_ jacobians: [Double], count c: Int, rows d: Int, cols n: Int, solver: InverseSolver,
                              route: InversionRoute, moorePenroseStride: Int, positionOffset: Int,
                              diagnostics: inout JacobianDiagnostics) throws -> [Double] {
        let dn = d * n
        var out = [Double](repeating: 0, count: c * dn)
        let tau = solver.relativeCutoff(rows: d, cols: n)
        var fast = GramInverse(rows: d, cols: n, relativeCutoff: tau)
        let identity = Matrix64.identity(d)
        for b in 0..<c {
            var condition = Double.infinity
            let accepted: Double? = (route == .fast && d <= n)
                ? jacobians.withUnsafeBufferPointer { jp in
                    out.withUnsafeMutableBufferPointer { op in
                        fast.invert(UnsafeBufferPointer(rebasing: jp[(b * dn)..<((b + 1) * dn)]),
                                    into: UnsafeMutableBufferPointer(rebasing: op[(b * dn)..<((b + 1) * dn)]), condition: &condition)
                    }
                }
                : nil
            func jacobian() throws -> Matrix64 { try Matrix64(rows: d, cols: n, scalars: Array(jacobians[(b * dn)..<((b + 1) * dn)])) }
            if accepted != nil {
                diagnostics.fastRouteSamples += 1
                diagnostics.rankCounts[Swift.min(d, n), default: 0] += 1
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
