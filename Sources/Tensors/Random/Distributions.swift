import Foundation

/// Draws from common distributions. Every algorithm is implemented here (not taken from the
/// standard library, whose algorithms may change between Swift versions), so a seed gives the
/// same numbers on every toolchain.
extension Xoshiro256 {
    /// Uniform in [0, 1) with 53 random bits.
    public mutating func uniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform in [low, high).
    public mutating func uniform(_ low: Double, _ high: Double) -> Double { low + (high - low) * uniform() }

    /// Uniform integer in 0..<n by Lemire's multiply-and-reject method (unbiased).
    public mutating func uniformInt(below n: Int) -> Int {
        precondition(n > 0, "uniformInt(below:): n must be positive")
        let bound = UInt64(n)
        var m = next().multipliedFullWidth(by: bound)
        if m.low < bound {
            let threshold = (0 &- bound) % bound
            while m.low < threshold { m = next().multipliedFullWidth(by: bound) }
        }
        return Int(m.high)
    }

    /// Standard normal by the Box–Muller transform; the second variate of each pair is kept.
    public mutating func normal() -> Double {
        if let s = spareNormal {
            spareNormal = nil
            return s
        }
        var u1 = uniform()
        while u1 == 0 { u1 = uniform() }
        let u2 = uniform()
        let r = (-2 * Foundation.log(u1)).squareRoot()
        spareNormal = r * Foundation.sin(2 * .pi * u2)
        return r * Foundation.cos(2 * .pi * u2)
    }

    /// Normal with the given mean and standard deviation.
    public mutating func normal(mean: Double, std: Double) -> Double { mean + std * normal() }

    /// Normal(mean, std²) conditioned on (lower, upper), by rejection.
    ///
    /// Caveat: the expected number of proposals is 1/P(lower < X < upper); intervals far in a
    /// tail (probability < 1e-6) are refused with a precondition failure rather than looping.
    public mutating func truncatedNormal(mean: Double, std: Double, lower: Double, upper: Double) -> Double {
        precondition(lower < upper, "truncatedNormal: empty interval (\(lower), \(upper))")
        for _ in 0..<1_000_000 {
            let x = normal(mean: mean, std: std)
            if x > lower && x < upper { return x }
        }
        preconditionFailure("truncatedNormal: interval (\(lower), \(upper)) has negligible mass for N(\(mean), \(std)²)")
    }

    /// Poisson(λ). λ < 10: sequential inversion (multiplication of uniforms); λ ≥ 10: the
    /// transformed rejection method PTRS (Hörmann 1993), exact for every λ.
    public mutating func poisson(_ lambda: Double) -> Int {
        precondition(lambda >= 0 && lambda.isFinite, "poisson: rate must be finite and ≥ 0, got \(lambda)")
        if lambda == 0 { return 0 }
        if lambda < 10 {
            let limit = Foundation.exp(-lambda)
            var k = 0
            var p = uniform()
            while p > limit {
                k += 1
                p *= uniform()
            }
            return k
        }
        let slam = lambda.squareRoot(), loglam = Foundation.log(lambda)
        let b = 0.931 + 2.53 * slam
        let a = -0.059 + 0.02483 * b
        let invAlpha = 1.1239 + 1.1328 / (b - 3.4)
        let vr = 0.9277 - 3.6224 / (b - 2)
        while true {
            let u = uniform() - 0.5
            let v = uniform()
            let us = 0.5 - Swift.abs(u)
            let k = Foundation.floor((2 * a / us + b) * u + lambda + 0.43)
            if us >= 0.07 && v <= vr { return Int(k) }
            if k < 0 || (us < 0.013 && v > us) { continue }
            if Foundation.log(v) + Foundation.log(invAlpha) - Foundation.log(a / (us * us) + b)
                <= -lambda + k * loglam - Foundation.lgamma(k + 1) {
                return Int(k)
            }
        }
    }

    /// A uniformly random permutation of 0..<n (Fisher–Yates).
    public mutating func permutation(_ n: Int) -> [Int] {
        var p = Array(0..<n)
        shuffle(&p)
        return p
    }

    /// Shuffles `array` in place (Fisher–Yates with `uniformInt(below:)`).
    public mutating func shuffle<T>(_ array: inout [T]) {
        if array.count < 2 { return }
        for i in stride(from: array.count - 1, to: 0, by: -1) {
            array.swapAt(i, uniformInt(below: i + 1))
        }
    }

    /// A Float32 tensor of independent N(mean, std²) draws.
    public mutating func normalTensor(_ shape: [Int], mean: Float = 0, std: Float = 1) -> Tensor {
        var t = Tensor(zeros: shape)
        for i in 0..<t.count { t.scalars[i] = mean + std * Float(normal()) }
        return t
    }

    /// A Float32 tensor of independent U[low, high) draws.
    public mutating func uniformTensor(_ shape: [Int], low: Float = 0, high: Float = 1) -> Tensor {
        var t = Tensor(zeros: shape)
        for i in 0..<t.count { t.scalars[i] = low + (high - low) * Float(uniform()) }
        return t
    }
}
