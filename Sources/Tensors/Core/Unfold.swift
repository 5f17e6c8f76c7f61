/// Sliding windows for 1-D convolution in channels-last layout.
///
/// Activations of convolutional encoders are stored as `[B, L, C]` (batch, time, channels).
/// Then the im2col matrix of a valid, stride-1 convolution with kernel size `k` is, for output
/// time `t`, simply the contiguous block `x[b, t..<t+k, :]` flattened lag-major:
/// `unfold(x)[b, t, j*C + i] = x[b, t+j, i]`. A convolution is `unfold` followed by one GEMM.
extension Tensor {
    /// `[B, L, C] -> [B, L-k+1, k*C]`.
    public func unfolded(kernelSize k: Int) -> Tensor {
        precondition(rank == 3, "unfolded: expects [B, L, C], got \(shape)")
        let b = shape[0], l = shape[1], c = shape[2], lo = l - k + 1
        precondition(k >= 1 && lo >= 1, "unfolded: kernel \(k) longer than sequence \(l)")
        let row = k * c
        return Tensor(shape: [b, lo, row]) { out in
            scalars.withUnsafeBufferPointer { p in
                for s in 0..<b {
                    for t in 0..<lo {
                        (out.baseAddress! + (s * lo + t) * row).update(from: p.baseAddress! + (s * l + t) * c, count: row)
                    }
                }
            }
        }
    }

    /// `[B, L-k+1, k*C] -> [B, L, C]`, summing overlapping windows: the adjoint of `unfolded`.
    public func folded(kernelSize k: Int, length l: Int) -> Tensor {
        precondition(rank == 3, "folded: expects [B, Lout, k*C], got \(shape)")
        let b = shape[0], lo = shape[1], row = shape[2], c = row / k
        precondition(row == k * c && lo == l - k + 1, "folded: shape \(shape) inconsistent with k=\(k), L=\(l)")
        var out = Tensor(zeros: [b, l, c])
        scalars.withUnsafeBufferPointer { p in
            out.scalars.withUnsafeMutableBufferPointer { q in
                for s in 0..<b {
                    for t in 0..<lo {
                        let src = (s * lo + t) * row, dst = (s * l + t) * c
                        for j in 0..<row { q[dst + j] += p[src + j] }
                    }
                }
            }
        }
        return out
    }
}
