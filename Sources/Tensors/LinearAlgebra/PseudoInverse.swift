/// Which singular values a pseudo-inverse keeps: σ_i is kept iff σ_i > threshold.
public enum PseudoInverseCutoff: Sendable, Equatable {
    /// threshold = max(m, n) · ε_f32 · σ_max with ε_f32 = 1.1920929e-7 (`Float.ulpOfOne`): SciPy's
    /// `pinv` default for float32 input (for a 6×50 J, 5.96e-6·σ_max). The default, because the
    /// Jacobians being inverted were computed in float32 and carry no more precision than that.
    case scipyFloat32
    /// threshold = rcond · σ_max (NumPy/SciPy `rcond`/`rtol` semantics); rcond finite and ≥ 0.
    case relative(Double)
    /// threshold = the given absolute value (finite and ≥ 0).
    case absolute(Double)

    /// The absolute threshold for an m×n matrix with largest singular value `sigmaMax`.
    public func threshold(rows m: Int, cols n: Int, sigmaMax: Double) -> Double {
        switch self {
        case .scipyFloat32: return Double(Swift.max(m, n)) * Double(Float.ulpOfOne) * sigmaMax
        case .relative(let r): return r * sigmaMax
        case .absolute(let t): return t
        }
    }

    /// Throws `invalidCutoff` for a negative, NaN or infinite parameter.
    func validate(_ operation: String) throws(LinearAlgebraError) {
        switch self {
        case .scipyFloat32: return
        case .relative(let v), .absolute(let v):
            guard v.isFinite, v >= 0 else { throw .invalidCutoff(operation: operation, value: v) }
        }
    }
}

/// A Moore–Penrose pseudo-inverse and how it was obtained.
public struct PseudoInverse: Sendable, Equatable {
    /// How the inverse was computed.
    public enum Route: Sendable, Equatable {
        /// From the thin SVD, dropping σ_i ≤ threshold.
        case svd
        /// From the Gram matrix by Cholesky: Aᵀ(AAᵀ)⁻¹ (wide) or (AᵀA)⁻¹Aᵀ (tall); exact for full rank.
        case cholesky
    }
    /// A⁺, n×m for A m×n.
    public var matrix: Matrix64
    /// Number of singular values kept (min(m, n) on the Cholesky route, where all are kept).
    public var rank: Int
    /// The absolute σ threshold applied (nil on the Cholesky route, which drops nothing).
    public var threshold: Double?
    /// The route taken.
    public var route: Route
}

/// A⁺ = V · diag(1/σ_i for σ_i > threshold, else 0) · Uᵀ from the thin SVD (`dgesdd`).
///
/// - Parameters:
///   - a: A, m×n.
///   - cutoff: which σ_i are kept (default `.scipyFloat32`, threshold max(m,n)·1.19e-7·σ_max).
/// - Returns: A⁺ (n×m), the rank (number of σ_i kept) and the threshold used.
/// - Throws: `nonFinite`, `invalidCutoff`, `lapackFailure`.
public func pseudoInverse(_ a: Matrix64, cutoff: PseudoInverseCutoff = .scipyFloat32) throws(LinearAlgebraError) -> PseudoInverse {
    try cutoff.validate("pseudoInverse")
    let d = try svd(a)
    let m = a.rows, n = a.cols, k = d.singularValues.count
    let threshold = cutoff.threshold(rows: m, cols: n, sigmaMax: d.singularValues.first ?? 0)
    // Descending order: the kept values form a prefix of length `rank`.
    let rank = d.singularValues.prefix { $0 > threshold }.count
    if rank == 0 {
        return PseudoInverse(matrix: Matrix64(rows: n, cols: m), rank: 0, threshold: threshold, route: .svd)
    }
    // A⁺ = (Vᵀ_r)ᵀ · (diag(1/σ_r) · Uᵀ_r): scale the first r rows of Vᵀ, then one dgemm.
    var scaledVt = Matrix64(rows: rank, cols: n)
    var ur = Matrix64(rows: m, cols: rank)
    for i in 0..<rank {
        let inv = 1 / d.singularValues[i]
        for j in 0..<n { scaledVt.scalars[i * n + j] = d.vt.scalars[i * n + j] * inv }
    }
    for i in 0..<m { for j in 0..<rank { ur.scalars[i * rank + j] = d.u.scalars[i * k + j] } }
    let x = try Matrix64.matmul(scaledVt, transposed: true, ur, transposed: true)
    return PseudoInverse(matrix: x, rank: rank, threshold: threshold, route: .svd)
}
