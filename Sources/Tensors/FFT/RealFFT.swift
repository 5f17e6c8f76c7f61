/// The non-negative-frequency half of the DFT of a real signal of length n: bins k = 0…n/2
/// (n/2 + 1 of them, integer division), X_k = Σ_{t<n} x_t · e^{−2πi·k·t/n} (unnormalised,
/// NumPy's `rfft` convention). The other half is the complex conjugate mirror.
public struct RealSpectrum<Scalar: BinaryFloatingPoint & Sendable>: Sendable, Equatable {
    /// Re X_k.
    public var real: [Scalar]
    /// Im X_k.
    public var imaginary: [Scalar]

    /// Number of bins.
    public var count: Int { real.count }

    /// A spectrum from its parts. Extra entries of the longer array are ignored.
    public init(real: [Scalar], imaginary: [Scalar]) {
        let n = Swift.min(real.count, imaginary.count)
        self.real = Array(real.prefix(n))
        self.imaginary = Array(imaginary.prefix(n))
    }
}

/// Real-to-complex DFT of `x` (length n ≥ 1) in float64 via FFTW; n/2 + 1 bins.
/// - Throws: `FFTError.emptyInput` for an empty signal, `invalidLength` beyond Int32.
public func rfft(_ x: [Double]) throws(FFTError) -> RealSpectrum<Double> { try realForward(x) }

/// Real-to-complex DFT of `x` (length n ≥ 1) in float32 via FFTW; n/2 + 1 bins.
public func rfft(_ x: [Float]) throws(FFTError) -> RealSpectrum<Float> { try realForward(x) }

/// Inverse of `rfft` for a real signal of `length` n, normalised by 1/n (NumPy's `irfft`):
/// x_t = (1/n) Σ_k X_k e^{2πi·k·t/n} with the Hermitian completion of the half spectrum.
/// As in NumPy, the first n/2 + 1 bins are used (missing bins count as 0, extra ones are
/// ignored), and the imaginary parts of the DC bin and (n even) the Nyquist bin are ignored.
/// - Throws: `invalidLength` for n < 1; `emptyInput` for an empty spectrum.
public func irfft(_ spectrum: RealSpectrum<Double>, length: Int) throws(FFTError) -> [Double] {
    try realBackward(spectrum, length: length)
}

/// Float32 counterpart of `irfft(_:length:)`.
public func irfft(_ spectrum: RealSpectrum<Float>, length: Int) throws(FFTError) -> [Float] {
    try realBackward(spectrum, length: length)
}

func realForward<T: FFTScalar>(_ x: [T]) throws(FFTError) -> RealSpectrum<T> {
    let n = x.count
    guard n > 0 else { throw .emptyInput(operation: "rfft", argument: "signal") }
    let plan = try FFTPlanCache.plan(T.self, length: n, direction: .forward)
    let bins = n / 2 + 1
    var input = x   // new-array r2c preserves its input, but FFTW's signature wants a mutable pointer
    var out = [T](repeating: 0, count: 2 * bins)
    input.withUnsafeMutableBufferPointer { i in
        out.withUnsafeMutableBufferPointer { o in T.executeForward(plan.raw, i.baseAddress!, o.baseAddress!, bins: bins) }
    }
    var re = [T](repeating: 0, count: bins), im = [T](repeating: 0, count: bins)
    for k in 0..<bins {
        re[k] = out[2 * k]
        im[k] = out[2 * k + 1]
    }
    return RealSpectrum(real: re, imaginary: im)
}

func realBackward<T: FFTScalar>(_ s: RealSpectrum<T>, length n: Int) throws(FFTError) -> [T] {
    guard n >= 1 else { throw .invalidLength(operation: "irfft", length: n) }
    guard s.count > 0 else { throw .emptyInput(operation: "irfft", argument: "spectrum") }
    let plan = try FFTPlanCache.plan(T.self, length: n, direction: .backward)
    let bins = n / 2 + 1
    var input = [T](repeating: 0, count: 2 * bins)   // c2r overwrites its input: always a scratch copy
    for k in 0..<Swift.min(bins, s.count) {
        input[2 * k] = s.real[k]
        input[2 * k + 1] = s.imaginary[k]
    }
    input[1] = 0
    if n % 2 == 0 { input[2 * (bins - 1) + 1] = 0 }
    var out = [T](repeating: 0, count: n)
    input.withUnsafeMutableBufferPointer { i in
        out.withUnsafeMutableBufferPointer { o in T.executeBackward(plan.raw, i.baseAddress!, o.baseAddress!, bins: bins) }
    }
    let scale = 1 / T(n)
    for t in 0..<n { out[t] *= scale }
    return out
}
