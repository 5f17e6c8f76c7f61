/// Which attributed samples enter the reduced map A = mean_b |values_b|.
///
/// Why `locallyInvertible` exists: the Inverted Neuron Gradient rests on f∘g being locally
/// invertible at x_b, i.e. on J_b having its full rank r* = min(d, n, maximum structural rank)
/// (xcebra.md §7, §11). Where an output sits at a Hardtanh clip bound its Jacobian row is 0, so
/// rank J_b < r*, and the pseudo-inverse of the remaining rows is *not* the corresponding
/// columns of the full pseudo-inverse: a behaviour block's columns stop being orthogonal to the
/// lost row's direction and leak onto neurons that do not carry it, which breaks block
/// identification for those samples. The identifiability statement says nothing there, so
/// those samples are left out and the fraction used is reported (`JacobianDiagnostics`).
///
/// A sample b is *locally invertible* iff
/// - no output is at a clip bound (models ending in Hardtanh, not renormalised),
/// - no row of J_b is exactly zero, and
/// - for inverse methods, the numerical rank the solver used equals r*.
///
/// The structural rank loss of normalised outputs (one per unit-norm block) is not a defect:
/// r* already accounts for it.
///
/// Measured (synthetic benchmark, T = 100,000, `synthetic-demo` recipe, seed 0: 23.7 % of outputs
/// saturated, 21 % of samples locally invertible): inverted auROC 0.912 with `all`, 0.846 with
/// `locallyInvertible`. Saturation is therefore not what limits that recipe (the unregularised
/// J_f's freedom off the data manifold is; see `TrainingPreset.syntheticAttribution`), and the
/// default stays `all`. The selection remains useful as a check: a map that changes a lot
/// between the two is built on samples where the identifiability argument does not apply.
public enum SampleSelection: String, Sendable, CaseIterable, Codable {
    /// Every attributed sample (CEBRA's reduction).
    case all
    /// Only locally invertible samples (see above). Errors when no sample qualifies.
    case locallyInvertible = "locally-invertible"
}
