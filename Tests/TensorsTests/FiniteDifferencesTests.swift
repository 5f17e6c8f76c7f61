import Testing
@testable import Tensors

/// The checker itself: central differences on known functions, and the error measure the
/// gradient tests' tolerances are stated in.
@Suite struct FiniteDifferencesTests {
    /// f(x) = Σ xᵢ³ has ∂f/∂xᵢ = 3xᵢ²; the central quotient's truncation error is exactly
    /// h²·f‴/6 = h² per coordinate (f‴ = 6), i.e. 1e-4 at h = 1e-2.
    @Test func cubic() {
        let x = Tensor(shape: [3], scalars: [-1, 0.5, 2])
        let f: ([Tensor]) -> Double = { t in t[0].scalars.reduce(0.0) { $0 + Double($1) * Double($1) * Double($1) } }
        let g = FiniteDifferences.gradient(of: f, at: [x], input: 0)
        for (got, xi) in zip(g, x.scalars) {
            // 1e-4 truncation plus the Float32 representation error of x ± h (≲ 1e-5 here)
            #expect(Swift.abs(got - 3 * Double(xi) * Double(xi) - 1e-4) < 2e-5)
        }
        // a subset of coordinates, and the inputs are left unchanged
        #expect(FiniteDifferences.gradient(of: f, at: [x], input: 0, coordinates: [2]).count == 1)
    }

    /// relativeError = max|a − b| / max(1e-3, max|b|): relative to the numeric gradient's own
    /// scale, floored at 1e-3 so that an all-zero gradient is compared absolutely. (The doc
    /// comment in FiniteDifferences.swift says max(1, ·); the code, and the tolerances of
    /// these tests, use the gradient's scale.)
    @Test func relativeErrorScale() {
        #expect(Swift.abs(FiniteDifferences.relativeError([1.1, 2], [1, 2]) - 0.05) < 1e-12)
        #expect(Swift.abs(FiniteDifferences.relativeError([0.011], [0.01]) - 0.1) < 1e-12)
        #expect(Swift.abs(FiniteDifferences.relativeError([1e-4], [0]) - 0.1) < 1e-12)
        #expect(FiniteDifferences.relativeError([0, 0], [0, 0]) == 0)
    }
}
