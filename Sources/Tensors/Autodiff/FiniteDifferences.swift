/// Central finite differences, to check backward rules against the definition of the
/// derivative.
///
/// Numerical caveat: the ops run in Float32, so the difference quotient carries a rounding
/// error of about ε·|f|/h (ε = 6e-8) besides the O(h²) truncation error; with h = 1e-2 and
/// O(1) values both are ~1e-5, which is why checks compare with a relative tolerance near 1e-3
/// rather than 1e-6. The scalar `f` should accumulate in Double where it reduces many terms.
public enum FiniteDifferences {
    /// ∂f/∂x[i] ≈ (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h for each `coordinate` of input `index`.
    public static func gradient(of f: ([Tensor]) -> Double, at inputs: [Tensor], input index: Int,
                                coordinates: [Int]? = nil, step h: Float = 1e-2) -> [Double] {
        let coords = coordinates ?? Array(0..<inputs[index].count)
        var x = inputs
        return coords.map { i in
            let original = x[index].scalars[i]
            x[index].scalars[i] = original + h
            let up = f(x)
            let hi = x[index].scalars[i]
            x[index].scalars[i] = original - h
            let down = f(x)
            let lo = x[index].scalars[i]
            x[index].scalars[i] = original
            // x ± h is rounded to Float32: divide by the step actually taken.
            return (up - down) / (Double(hi) - Double(lo))
        }
    }

    /// Largest |a − b| / max(1e-3, max|b|): an error relative to the gradient's scale (the floor
    /// keeps vanishing gradients from turning rounding noise into a large relative error).
    public static func relativeError(_ analytic: [Double], _ numeric: [Double]) -> Double {
        precondition(analytic.count == numeric.count, "relativeError: lengths differ")
        let scale = max(1e-3, numeric.map(Swift.abs).max() ?? 0)
        return zip(analytic, numeric).map { Swift.abs($0 - $1) }.max().map { $0 / scale } ?? 0
    }
}
