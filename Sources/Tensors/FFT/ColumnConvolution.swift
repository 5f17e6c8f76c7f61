/// Convolves every column of a row-major [T, N] Float32 tensor (time × channels, e.g.
/// 10⁶ samples × 1,000 neurons) with one kernel along the time axis, by FFT overlap-add.
///
/// Output column c equals `fftConvolve(column c, kernel, mode: mode)`; the output shape is
/// [count, N] with `count` from `mode.window(signalLength: T, kernelLength: K)`.
///
/// **Method.** FFT length L = min(fftGoodSize(atLeast: max(8·K, 8192)), fftGoodSize(atLeast:
/// T + K − 1)); time is cut into blocks of B = L − K + 1 rows (≥ 7/8 of L is useful output
/// when K is small relative to L). For each block, columns are processed in groups of 16 (one
/// 64-byte cache line of each row): the B×16 sub-block is gathered into 16 zero-padded
/// length-L buffers, filtered (r2c, product with the kernel spectrum, c2r) and added into the
/// output rows it reaches. Memory beyond the output is O(16·L) scalars, reused throughout;
/// the two plans come from the shared cache. Single-threaded; arithmetic in float32.
///
/// - Throws: `shapeMismatch` when `x` is not rank 2; `emptyInput` when T = 0 or K = 0.
public func fftConvolveColumns(_ x: Tensor, kernel: [Float], mode: ConvolutionMode = .same) throws(FFTError) -> Tensor {
    guard x.rank == 2 else {
        throw .shapeMismatch(operation: "fftConvolveColumns", details: "expected a [time, channels] tensor, got shape \(x.shape)")
    }
    let t = x.shape[0], n = x.shape[1], k = kernel.count
    guard t > 0 else { throw .emptyInput(operation: "fftConvolveColumns", argument: "signal (time axis)") }
    guard k > 0 else { throw .emptyInput(operation: "fftConvolveColumns", argument: "kernel") }
    let (start, count) = mode.window(signalLength: t, kernelLength: k)
    var out = Tensor(zeros: [count, n])
    if n == 0 { return out }

    let length = Swift.min(fftGoodSize(atLeast: Swift.max(8 * k, 8192)), fftGoodSize(atLeast: t + k - 1))
    let block = length - k + 1
    let kernelSpectrum = try ScaledKernelSpectrum(kernel, length: length)
    let plans = try (forward: FFTPlanCache.plan(Float.self, length: length, direction: .forward),
                     backward: FFTPlanCache.plan(Float.self, length: length, direction: .backward))
    let group = 16
    var buffers = [Float](repeating: 0, count: group * length)
    var spectrum = [Float](repeating: 0, count: 2 * kernelSpectrum.bins)

    x.scalars.withUnsafeBufferPointer { src in
        out.scalars.withUnsafeMutableBufferPointer { dst in
            buffers.withUnsafeMutableBufferPointer { buf in
                spectrum.withUnsafeMutableBufferPointer { spec in
                    var t0 = 0
                    while t0 < t {
                        let rows = Swift.min(block, t - t0)
                        // Full-convolution indices t0 + s, s < rows + K − 1, that land in the window.
                        let sLo = Swift.max(0, start - t0)
                        let sHi = Swift.min(rows + k - 1, start + count - t0)
                        if sLo >= sHi {   // this block reaches no output sample (e.g. valid mode)
                            t0 += rows
                            continue
                        }
                        var c0 = 0
                        while c0 < n {
                            let g = Swift.min(group, n - c0)
                            for r in 0..<rows {
                                let row = (t0 + r) * n + c0
                                for c in 0..<g { buf[c * length + r] = src[row + c] }
                            }
                            for c in 0..<g {
                                let column = buf.baseAddress! + c * length
                                (column + rows).update(repeating: 0, count: length - rows)
                                kernelSpectrum.filter(column, spectrum: spec.baseAddress!, plans: plans)
                            }
                            for s in sLo..<sHi {
                                let row = (t0 + s - start) * n + c0
                                for c in 0..<g { dst[row + c] += buf[c * length + s] }
                            }
                            c0 += g
                        }
                        t0 += rows
                    }
                }
            }
        }
    }
    return out
}
