import Tensors

/// Per-neuron normalisation of `[T, N]` activity.
public enum Normalisation {
    /// z-scores each column: (x − mean) / std (population std, divisor T). Columns with std = 0 are only centred.
    public static func zScore(_ x: Tensor) -> Tensor {
        precondition(x.rank == 2, "zScore expects [T, N]")
        let (t, n) = (x.shape[0], x.shape[1])
        var mean = [Double](repeating: 0, count: n), sq = [Double](repeating: 0, count: n)
        x.scalars.withUnsafeBufferPointer { v in
            for r in 0..<t { for c in 0..<n { let a = Double(v[r * n + c]); mean[c] += a; sq[c] += a * a } }
        }
        let scale: [Float] = (0..<n).map { c in
            mean[c] /= Double(max(t, 1))
            let variance = max(sq[c] / Double(max(t, 1)) - mean[c] * mean[c], 0)
            return variance > 0 ? Float(1 / variance.squareRoot()) : 1
        }
        let centre = mean.map(Float.init)
        return Tensor(shape: x.shape) { out in
            x.scalars.withUnsafeBufferPointer { v in
                for r in 0..<t { for c in 0..<n { out[r * n + c] = (v[r * n + c] - centre[c]) * scale[c] } }
            }
        }
    }
}
