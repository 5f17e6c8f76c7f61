import Tensors

/// Model inputs cut from a session's neural activity `[T, n]`.
///
/// offset1 models take rows `[B, n]`; convolutional models take windows `[B, W, n]` with the
/// window for t covering rows [t − left, t + right). Because the activity is row-major, each
/// window is one contiguous block, copied with one `memcpy`-like move.
public struct SessionWindows: Sendable {
    public let neural: Tensor
    public let left: Int, right: Int

    public init(neural: Tensor, offset: (left: Int, right: Int)) {
        precondition(neural.rank == 2, "SessionWindows: neural activity must be [T, n]")
        self.neural = neural
        left = offset.left
        right = offset.right
    }

    public var width: Int { left + right }

    /// Inputs for `indices`, each admissible (left ≤ t ≤ T − right).
    public func batch(_ indices: [Int]) -> Tensor {
        let n = neural.shape[1]
        if width <= 1 { return neural.gatherRows(indices) }
        let block = width * n
        return Tensor(shape: [indices.count, width, n]) { out in
            neural.scalars.withUnsafeBufferPointer { p in
                for (r, t) in indices.enumerated() {
                    (out.baseAddress! + r * block).update(from: p.baseAddress! + (t - left) * n, count: block)
                }
            }
        }
    }

    /// Windows for every t in `range`, with rows outside [0, T) replaced by the nearest edge
    /// row (edge replication), so a whole session embeds to T outputs.
    public func paddedBatch(_ range: Range<Int>) -> Tensor {
        let n = neural.shape[1], t = neural.shape[0]
        if width <= 1 { return neural.slice(axis: 0, range) }
        let block = width * n
        return Tensor(shape: [range.count, width, n]) { out in
            neural.scalars.withUnsafeBufferPointer { p in
                for (r, centre) in range.enumerated() {
                    for j in 0..<width {
                        let row = Swift.min(Swift.max(centre - left + j, 0), t - 1)
                        (out.baseAddress! + r * block + j * n).update(from: p.baseAddress! + row * n, count: n)
                    }
                }
            }
        }
    }
}
