import Foundation
import Tensors

/// Gaussian smoothing of `[T, N]` activity along time, by direct truncated-kernel convolution over
/// contiguous rows or by FFT (Tensors/FFT), whichever is cheaper.
public enum Smoothing {
    /// How the convolution is computed; both give the same result up to float rounding.
    public enum Method: String, Sendable {
        /// `direct` when the kernel has at most `directMaxTaps` taps, else `fft`.
        case automatic
        /// y[t, :] = Σ_j g[j]·x[t + h − j, :]: K row-axpys per output row over contiguous memory, in blocks
        /// that keep the K input rows in cache; cost K·T·N multiply-adds.
        case direct
        /// FFT overlap-add per 16-column group (`fftConvolveColumns`); cost ~ T·N·(c·log₂ L) plus gathers.
        case fft
    }

    /// Kernel length up to which `automatic` convolves directly. Measured (release, one thread, 1,000 neurons ×
    /// 10⁵ samples, 2 shared cores under load ≈ 10): direct 0.44 s at K = 17 (σ = 2) and 1.03 s at K = 81
    /// (σ = 10), i.e. ≈ 0.28 s + 9 ms per tap; FFT 2.7–2.8 s for both. The lines cross near K ≈ 260, so
    /// direct is used up to K = 201 (σ ≤ 25 samples), where it is still ≥ 1.3× faster.
    public static let directMaxTaps = 201

    /// The normalised Gaussian kernel g[j] ∝ exp(−(j − h)² / (2σ²)), j = 0…2h, h = ⌈4σ⌉, Σg = 1.
    public static func gaussianKernel(sigmaSamples sigma: Double) -> [Float] {
        let h = Int((4 * sigma).rounded(.up))
        let raw = (0...(2 * h)).map { j -> Double in let d = Double(j - h); return exp(-d * d / (2 * sigma * sigma)) }
        let total = raw.reduce(0, +)
        return raw.map { Float($0 / total) }
    }

    /// Smooths every column of `x` `[T, N]` with a Gaussian of σ = `sigmaSamples` samples.
    ///
    /// Edge rule: **renormalised**, not zero-padded: y[t] = Σ_j g[j]·x[t+h−j] / Σ_j g[j] over the taps that
    /// fall inside the recording, so a constant signal stays constant up to both ends and the first and
    /// last samples are not pulled toward 0. σ < 0.05 samples returns `x` unchanged.
    public static func gaussian(_ x: Tensor, sigmaSamples sigma: Double, method: Method = .automatic,
                                file: String = "") throws(RecordingError) -> Tensor {
        guard sigma.isFinite, sigma >= 0 else {
            throw RecordingError(.invalidArgument, file: file, "smoothing σ = \(sigma) samples; expected a finite value ≥ 0")
        }
        guard sigma >= 0.05, x.rank == 2, x.shape[0] > 0, x.shape[1] > 0 else { return x }
        let kernel = gaussianKernel(sigmaSamples: sigma)
        let useDirect = method == .direct || (method == .automatic && kernel.count <= directMaxTaps)
        if useDirect { return direct(x, kernel: kernel) }
        var y: Tensor
        do { y = try fftConvolveColumns(x, kernel: kernel, mode: .same) } catch {
            throw RecordingError(.invalidArgument, file: file, "smoothing failed: \(error)")
        }
        let masses = edgeMasses(kernel: kernel, rows: x.shape[0])
        let n = x.shape[1]
        y.scalars.withUnsafeMutableBufferPointer { out in
            for (row, mass) in masses where mass < 0.999_999 { for c in 0..<n { out[row * n + c] /= mass } }
        }
        return y
    }

    /// Σ of the kernel taps inside [0, T) for every output row where that is below 1 (the edges), as
    /// (row, mass); interior rows see the whole kernel.
    static func edgeMasses(kernel: [Float], rows t: Int) -> [(Int, Float)] {
        let k = kernel.count, h = (k - 1) / 2
        var prefix = [Double](repeating: 0, count: k + 1)
        for j in 0..<k { prefix[j + 1] = prefix[j] + Double(kernel[j]) }
        var result: [(Int, Float)] = []
        for row in Array(0..<min(h, t)) + Array(max(min(h, t), t - h)..<t) {
            let lo = max(0, row + h - t + 1), hi = min(k - 1, row + h)
            result.append((row, Float(prefix[hi + 1] - prefix[lo])))
        }
        return result
    }

    /// Direct convolution with renormalised edges; see `Method.direct`. Each output row is built 32 columns at
    /// a time in four SIMD8 accumulators (registers) from its K input rows, then stored once; the edge
    /// renormalisation is folded into the tap weights. Working set: K + 1 rows (≈ 68 KB for N = 1,000, K = 17).
    static func direct(_ x: Tensor, kernel: [Float]) -> Tensor {
        let t = x.shape[0], n = x.shape[1], k = kernel.count, h = (k - 1) / 2
        var scale = [Float](repeating: 1, count: t)
        for (row, mass) in edgeMasses(kernel: kernel, rows: t) { scale[row] = 1 / mass }
        let rows = UnsafeMutablePointer<UnsafePointer<Float>>.allocate(capacity: k)
        let weights = UnsafeMutablePointer<Float>.allocate(capacity: k)
        defer { rows.deallocate(); weights.deallocate() }
        typealias V = SIMD8<Float>
        return Tensor(shape: [t, n]) { out in
            x.scalars.withUnsafeBufferPointer { src in
                let base = src.baseAddress!, dst = out.baseAddress!
                for row in 0..<t {
                    // taps j with input row r = row + h − j inside [0, T)
                    let jLo = max(0, row + h - (t - 1)), jHi = min(k - 1, row + h)
                    var m = 0
                    for j in jLo...jHi {
                        rows[m] = UnsafePointer(base + (row + h - j) * n)
                        weights[m] = kernel[j] * scale[row]
                        m += 1
                    }
                    let o = UnsafeMutableRawPointer(dst + row * n)
                    var c = 0
                    while c + 32 <= n {
                        var a0 = V(), a1 = V(), a2 = V(), a3 = V()
                        for q in 0..<m {
                            let p = UnsafeRawPointer(rows[q] + c), w = V(repeating: weights[q])
                            a0.addProduct(w, p.loadUnaligned(as: V.self))
                            a1.addProduct(w, p.loadUnaligned(fromByteOffset: 32, as: V.self))
                            a2.addProduct(w, p.loadUnaligned(fromByteOffset: 64, as: V.self))
                            a3.addProduct(w, p.loadUnaligned(fromByteOffset: 96, as: V.self))
                        }
                        o.storeBytes(of: a0, toByteOffset: 4 * c, as: V.self)
                        o.storeBytes(of: a1, toByteOffset: 4 * c + 32, as: V.self)
                        o.storeBytes(of: a2, toByteOffset: 4 * c + 64, as: V.self)
                        o.storeBytes(of: a3, toByteOffset: 4 * c + 96, as: V.self)
                        c += 32
                    }
                    while c + 8 <= n {
                        var a = V()
                        for q in 0..<m { a.addProduct(V(repeating: weights[q]), UnsafeRawPointer(rows[q] + c).loadUnaligned(as: V.self)) }
                        o.storeBytes(of: a, toByteOffset: 4 * c, as: V.self)
                        c += 8
                    }
                    while c < n {
                        var a: Float = 0
                        for q in 0..<m { a += weights[q] * rows[q][c] }
                        (dst + row * n)[c] = a
                        c += 1
                    }
                }
            }
        }
    }
}
