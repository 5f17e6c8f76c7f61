import Foundation
import Tensors

/// Gaussian smoothing of `[T, N]` activity along time, by FFT convolution (Tensors/FFT).
public enum Smoothing {
    /// The normalised Gaussian kernel g[j] ∝ exp(−(j − h)² / (2σ²)), j = 0…2h, h = ⌈4σ⌉, Σg = 1.
    public static func gaussianKernel(sigmaSamples sigma: Double) -> [Float] {
        let h = Int((4 * sigma).rounded(.up))
        let raw = (0...(2 * h)).map { j -> Double in let d = Double(j - h); return exp(-d * d / (2 * sigma * sigma)) }
        let total = raw.reduce(0, +)
        return raw.map { Float($0 / total) }
    }

    /// Smooths every column of `x` `[T, N]` with a Gaussian of σ = `sigmaSamples` samples.
    ///
    /// Edges are renormalised rather than zero-padded: y[t] = Σ_j g[j]·x[t+h−j] / Σ_j g[j] over the
    /// taps that fall inside the recording, so a constant signal stays constant up to both ends and
    /// the first and last samples are not pulled toward 0. σ < 0.05 samples returns `x` unchanged.
    public static func gaussian(_ x: Tensor, sigmaSamples sigma: Double, file: String = "") throws(RecordingError) -> Tensor {
        guard sigma.isFinite, sigma >= 0 else {
            throw RecordingError(.invalidArgument, file: file, "smoothing σ = \(sigma) samples; expected a finite value ≥ 0")
        }
        guard sigma >= 0.05, x.rank == 2, x.shape[0] > 0, x.shape[1] > 0 else { return x }
        let kernel = gaussianKernel(sigmaSamples: sigma)
        var y: Tensor
        do { y = try fftConvolveColumns(x, kernel: kernel, mode: .same) } catch {
            throw RecordingError(.invalidArgument, file: file, "smoothing failed: \(error)")
        }
        // Mass of the kernel inside [0, T) for each output time (same for every column).
        let t = x.shape[0], n = x.shape[1], k = kernel.count, h = (k - 1) / 2
        var prefix = [Double](repeating: 0, count: k + 1)
        for j in 0..<k { prefix[j + 1] = prefix[j] + Double(kernel[j]) }
        y.scalars.withUnsafeMutableBufferPointer { out in
            for row in 0..<t {
                let lo = max(0, row + h - t + 1), hi = min(k - 1, row + h)
                let mass = Float(prefix[hi + 1] - prefix[lo])
                if mass < 0.999_999 { for c in 0..<n { out[row * n + c] /= mass } }
            }
        }
        return y
    }
}
