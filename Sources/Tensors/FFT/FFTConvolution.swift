/// Output extent of a linear convolution, as in `scipy.signal.convolve` (and `numpy.convolve`
/// whenever the signal is at least as long as the kernel).
///
/// For a signal of length M and a kernel of length K the full convolution
/// y_j = Σ_i x_i · k_{j−i} has length M + K − 1; the modes keep a contiguous window of it:
/// - `full`: all M + K − 1 samples (start 0);
/// - `same`: M samples (the signal's length) starting at (K − 1)/2 (integer division), i.e.
///   centred on the kernel's middle tap. NumPy returns max(M, K) samples instead, which differs
///   only when K > M;
/// - `valid`: the max(M, K) − min(M, K) + 1 samples that do not depend on zero padding,
///   starting at min(M, K) − 1.
public enum ConvolutionMode: Sendable, Equatable {
    case full, same, valid

    /// (start in the full convolution, output length) for signal length m and kernel length k ≥ 1.
    public func window(signalLength m: Int, kernelLength k: Int) -> (start: Int, count: Int) {
        switch self {
        case .full: return (0, m + k - 1)
        case .same: return ((k - 1) / 2, m)
        case .valid: return (Swift.min(m, k) - 1, Swift.max(m, k) - Swift.min(m, k) + 1)
        }
    }
}

/// Linear convolution of `x` with `kernel` by FFT in float64 (one r2c/c2r pair of length
/// `fftGoodSize(atLeast: M + K − 1)`); see `ConvolutionMode` for the output window.
/// - Throws: `FFTError.emptyInput` when either input is empty.
public func fftConvolve(_ x: [Double], _ kernel: [Double], mode: ConvolutionMode = .full) throws(FFTError) -> [Double] {
    try convolve(x, kernel, mode: mode)
}

/// Float32 counterpart of `fftConvolve(_:_:mode:)`; arithmetic in float32 (relative error
/// ≈ 1e-6 of Σ|x_i|·|k_j| per output sample).
public func fftConvolve(_ x: [Float], _ kernel: [Float], mode: ConvolutionMode = .full) throws(FFTError) -> [Float] {
    try convolve(x, kernel, mode: mode)
}

func convolve<T: FFTScalar>(_ x: [T], _ kernel: [T], mode: ConvolutionMode) throws(FFTError) -> [T] {
    guard !x.isEmpty else { throw .emptyInput(operation: "fftConvolve", argument: "signal") }
    guard !kernel.isEmpty else { throw .emptyInput(operation: "fftConvolve", argument: "kernel") }
    let m = x.count, k = kernel.count
    let (start, count) = mode.window(signalLength: m, kernelLength: k)
    let length = fftGoodSize(atLeast: m + k - 1)
    let kernelSpectrum = try ScaledKernelSpectrum(kernel, length: length)
    let plans = try (forward: FFTPlanCache.plan(T.self, length: length, direction: .forward),
                     backward: FFTPlanCache.plan(T.self, length: length, direction: .backward))
    var signal = [T](repeating: 0, count: length)
    signal.replaceSubrange(0..<m, with: x)
    var spectrum = [T](repeating: 0, count: 2 * kernelSpectrum.bins)
    signal.withUnsafeMutableBufferPointer { s in
        spectrum.withUnsafeMutableBufferPointer { f in
            kernelSpectrum.filter(s.baseAddress!, spectrum: f.baseAddress!, plans: plans)
        }
    }
    return Array(signal[start..<(start + count)])
}

/// The kernel's spectrum at one FFT length, pre-scaled by 1/length so that filtering is
/// forward transform → complex product → backward transform with no separate normalisation.
struct ScaledKernelSpectrum<T: FFTScalar> {
    let length: Int
    let bins: Int
    /// Interleaved (re, im) of K̂_k / length, k = 0…length/2.
    let spectrum: [T]

    init(_ kernel: [T], length: Int) throws(FFTError) {
        self.length = length
        bins = length / 2 + 1
        let plan = try FFTPlanCache.plan(T.self, length: length, direction: .forward)
        var padded = [T](repeating: 0, count: length)
        padded.replaceSubrange(0..<kernel.count, with: kernel)
        var s = [T](repeating: 0, count: 2 * bins)
        let bins = bins
        padded.withUnsafeMutableBufferPointer { p in
            s.withUnsafeMutableBufferPointer { o in T.executeForward(plan.raw, p.baseAddress!, o.baseAddress!, bins: bins) }
        }
        let scale = 1 / T(length)
        for i in 0..<s.count { s[i] *= scale }
        spectrum = s
    }

    /// Replaces the `length` reals at `signal` by their circular convolution with the kernel;
    /// `scratch` holds 2·bins scalars. Thread-safe (new-array execution, caller-owned buffers).
    func filter(_ signal: UnsafeMutablePointer<T>, spectrum scratch: UnsafeMutablePointer<T>,
                plans: (forward: FFTPlanCache.Plan, backward: FFTPlanCache.Plan)) {
        T.executeForward(plans.forward.raw, signal, scratch, bins: bins)
        spectrum.withUnsafeBufferPointer { k in
            for b in 0..<bins {
                let xr = scratch[2 * b], xi = scratch[2 * b + 1]
                let kr = k[2 * b], ki = k[2 * b + 1]
                scratch[2 * b] = xr * kr - xi * ki
                scratch[2 * b + 1] = xr * ki + xi * kr
            }
        }
        T.executeBackward(plans.backward.raw, scratch, signal, bins: bins)
    }
}
