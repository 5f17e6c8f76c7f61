/// Orthonormal columns by Householder QR, in Double.
///
/// For a full-column-rank `A` (m × n, m ≥ n, row-major) returns `Q` (m × n, row-major) with
/// `QᵀQ = I` and `A = Q R`, where `R` is upper triangular with a **positive** diagonal (the
/// column signs of the Householder `Q` are flipped where `R_ii < 0`). Fixing the signs makes the
/// result a unique function of `A`, which is what `torch.nn.init.orthogonal_` does too; a seeded
/// Gaussian `A` then gives a Haar-distributed `Q`.
///
/// Cost O(m n²); meant for the small mixing matrices of the synthetic benchmark.
func orthonormalColumns(_ a: [Double], rows m: Int, columns n: Int) -> [Double] {
    precondition(m >= n && a.count == m * n, "orthonormalColumns: need m ≥ n and m·n entries")
    var r = a
    // Householder vectors v_k (length m, zero above k), stored column by column.
    var vs = [[Double]]()
    vs.reserveCapacity(n)
    var diagSign = [Double](repeating: 1, count: n)
    for k in 0..<n {
        var norm = 0.0
        for i in k..<m { norm += r[i * n + k] * r[i * n + k] }
        norm = norm.squareRoot()
        var v = [Double](repeating: 0, count: m)
        let x0 = r[k * n + k]
        // alpha = -sign(x0)·‖x‖ avoids cancellation; then R_kk = alpha.
        let alpha = x0 >= 0 ? -norm : norm
        v[k] = x0 - alpha
        for i in (k + 1)..<max(k + 1, m) { v[i] = r[i * n + k] }
        var vnorm2 = 0.0
        for i in k..<m { vnorm2 += v[i] * v[i] }
        if vnorm2 > 0 {
            // Apply H = I - 2 v vᵀ / (vᵀv) to the remaining columns of R.
            for j in k..<n {
                var dot = 0.0
                for i in k..<m { dot += v[i] * r[i * n + j] }
                let f = 2 * dot / vnorm2
                for i in k..<m { r[i * n + j] -= f * v[i] }
            }
        }
        diagSign[k] = r[k * n + k] < 0 ? -1 : 1
        vs.append(vnorm2 > 0 ? v.map { $0 / vnorm2.squareRoot() } : v)
    }
    // Q = H_0 H_1 … H_{n-1} applied to the first n columns of the identity.
    var q = [Double](repeating: 0, count: m * n)
    for j in 0..<n { q[j * n + j] = 1 }
    for k in stride(from: n - 1, through: 0, by: -1) {
        let v = vs[k]
        for j in 0..<n {
            var dot = 0.0
            for i in k..<m { dot += v[i] * q[i * n + j] }
            for i in k..<m { q[i * n + j] -= 2 * dot * v[i] }
        }
    }
    for j in 0..<n where diagSign[j] < 0 {
        for i in 0..<m { q[i * n + j] = -q[i * n + j] }
    }
    return q
}
