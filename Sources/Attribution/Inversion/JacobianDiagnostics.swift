/// What happened while computing and inverting per-sample Jacobians; mergeable across chunks.
public struct JacobianDiagnostics: Sendable, Equatable {
    /// Samples processed.
    public var samples = 0
    /// d and n of each Jacobian.
    public var rows = 0, cols = 0
    /// Structural upper bound on rank J_b (d minus one per normalised block; see
    /// `EmbeddingModel.maximumJacobianRank`); 0 when unknown (then min(d, n) is used).
    public var maximumRank = 0
    /// Samples left out of the reduced map by `SampleSelection.locallyInvertible`.
    public var excludedSamples = 0
    /// The solver and route, for inverse methods (nil for the plain gradient).
    public var solver: InverseSolver?
    public var route: InversionRoute?
    /// Samples inverted by the Cholesky (Gram) route; the rest went through LAPACK.
    public var fastRouteSamples = 0
    /// Number of samples per numerical rank of J_b as used by the solver (σ kept).
    public var rankCounts: [Int: Int] = [:]
    /// Number of samples per decade of κ₁(G) = ‖G‖₁‖G⁻¹‖₁ of G = J Jᵀ (key ⌊log₁₀ κ⌋; key
    /// `Int.max` when G is not numerically positive definite). κ₂(J) ≈ √κ(G).
    public var conditionDecades: [Int: Int] = [:]
    /// Moore–Penrose check (xcebra.md §7.8) on every `stride`-th sample.
    public var moorePenroseChecked = 0
    public var moorePenrosePassed = 0
    /// Rows of J_b that are exactly zero (an output with no gradient, e.g. clipped), of samples·d.
    public var zeroGradientRows = 0
    /// Outputs at a Hardtanh clip bound (xcebra.md §11), of samples·d; nil when the model has
    /// no clip or is renormalised (the clip then acts before the normalisation).
    public var saturatedOutputs: Int?
    /// Wall time: Jacobians and inversions, seconds.
    public var jacobianSeconds = 0.0
    public var inversionSeconds = 0.0

    public init() {}

    /// The lsq rcond and the svd relative cutoff for these d × n Jacobians.
    public var lsqRcond: Double { InverseSolver.lsq.relativeCutoff(rows: rows, cols: cols) }
    public var svdRelativeCutoff: Double { InverseSolver.svd.relativeCutoff(rows: rows, cols: cols) }

    /// Fraction of checked samples whose inverse passes all four Moore–Penrose conditions.
    public var moorePenroseFraction: Double? {
        moorePenroseChecked == 0 ? nil : Double(moorePenrosePassed) / Double(moorePenroseChecked)
    }
    /// The rank a locally invertible J_b has: min(d, n, maximumRank).
    public var fullRank: Int { maximumRank > 0 ? Swift.min(rows, cols, maximumRank) : Swift.min(rows, cols) }
    /// Fraction of inverted samples whose numerical rank is below `fullRank`: the structural
    /// loss of normalised outputs (one rank per unit-norm block) is not counted, since every
    /// sample has it.
    public var rankDeficientFraction: Double? {
        guard solver != nil, samples > 0 else { return nil }
        let full = fullRank
        return Double(rankCounts.filter { $0.key < full }.values.reduce(0, +)) / Double(samples)
    }
    public var saturationFraction: Double? {
        saturatedOutputs.map { samples == 0 ? 0 : Double($0) / Double(samples * rows) }
    }
    /// Fraction of samples left out of the reduced map (0 with `SampleSelection.all`).
    public var excludedFraction: Double { samples == 0 ? 0 : Double(excludedSamples) / Double(samples) }
    public var zeroGradientRowFraction: Double { samples == 0 ? 0 : Double(zeroGradientRows) / Double(samples * rows) }

    public func merged(with o: JacobianDiagnostics) -> JacobianDiagnostics {
        var m = self
        m.samples += o.samples
        m.rows = Swift.max(rows, o.rows)
        m.cols = Swift.max(cols, o.cols)
        m.maximumRank = Swift.max(maximumRank, o.maximumRank)
        m.excludedSamples += o.excludedSamples
        m.solver = solver ?? o.solver
        m.route = route ?? o.route
        m.fastRouteSamples += o.fastRouteSamples
        for (k, v) in o.rankCounts { m.rankCounts[k, default: 0] += v }
        for (k, v) in o.conditionDecades { m.conditionDecades[k, default: 0] += v }
        m.moorePenroseChecked += o.moorePenroseChecked
        m.moorePenrosePassed += o.moorePenrosePassed
        m.zeroGradientRows += o.zeroGradientRows
        if saturatedOutputs != nil || o.saturatedOutputs != nil {
            m.saturatedOutputs = (saturatedOutputs ?? 0) + (o.saturatedOutputs ?? 0)
        }
        m.jacobianSeconds += o.jacobianSeconds
        m.inversionSeconds += o.inversionSeconds
        return m
    }
}
