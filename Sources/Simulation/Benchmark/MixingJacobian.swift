extension SyntheticBenchmark.Result {
    /// The full mixing Jacobian ∂x/∂z at sample t: `[N, Σ d_k]` row-major, columns in latent
    /// order (z1 dims, then z2 dims, …). Each neuron group's analytic Jacobian is scattered into
    /// the columns of the latents it reads; all other entries are exactly zero.
    public func mixingJacobian(at t: Int) -> [Double] {
        let dims = configuration.latentDimensions
        let offsets = dims.indices.map { dims[0..<$0].reduce(0, +) }
        let L = dims.reduce(0, +)
        let N = groundTruth.first?.count ?? 0
        var J = [Double](repeating: 0, count: N * L)
        var row = 0
        for (gi, g) in configuration.neuronGroups.enumerated() {
            var z = [Double]()
            var columns = [Int]()
            for k in g.inputs {
                for j in 0..<dims[k] {
                    z.append(latents[k][t * dims[k] + j])
                    columns.append(offsets[k] + j)
                }
            }
            let jg = networks[gi].jacobian(at: z)
            for n in 0..<g.count {
                for (c, col) in columns.enumerated() { J[(row + n) * L + col] = jg[n * z.count + c] }
            }
            row += g.count
        }
        return J
    }

    /// Empirical support of ∂x/∂z: `[Σ d_k][N]`, true where |∂x_n/∂z_l| > `tolerance` at any of
    /// the given samples. Equals `groundTruth` when the mixing is as documented.
    public func jacobianSupport(samples: [Int], tolerance: Double = 1e-9) -> [[Bool]] {
        let L = configuration.latentDimensions.reduce(0, +)
        let N = groundTruth.first?.count ?? 0
        var support = [[Bool]](repeating: [Bool](repeating: false, count: N), count: L)
        for t in samples {
            let J = mixingJacobian(at: t)
            for n in 0..<N {
                for l in 0..<L where abs(J[n * L + l]) > tolerance { support[l][n] = true }
            }
        }
        return support
    }
}
