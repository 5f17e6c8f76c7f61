import Tensors

/// Draws reference and negative indices and keeps every index inside the encoder's window range.
///
/// Each step draws 2B indices uniformly with replacement — the first B are references, the last
/// B negatives — shared by all objectives. Every index (reference, positive, negative) is
/// clamped to [left, T − right], so that the window [t − left, t + right) lies inside the
/// session (CEBRA's rule). When the session has a validity mask, draws are uniform over the
/// valid samples inside that range instead, so masked samples are never drawn.
public struct IndexSampler: Sendable {
    public let sampleCount: Int
    public let left: Int
    public let right: Int
    /// Valid samples inside the window range, when a mask excludes any; nil means all of [0, T).
    public let allowed: [Int]?

    public init(sampleCount: Int, offset: (left: Int, right: Int), valid: [Bool]? = nil) throws {
        guard sampleCount >= offset.left + offset.right, sampleCount > 0 else {
            throw ConfigurationError.invalid("the session has \(sampleCount) samples, fewer than the model's receptive field \(offset.left + offset.right)")
        }
        self.sampleCount = sampleCount
        left = offset.left
        right = offset.right
        if let valid, valid.contains(false) {
            let ok = (0..<sampleCount).filter { valid[$0] && $0 >= offset.left && $0 <= sampleCount - offset.right }
            guard !ok.isEmpty else { throw ConfigurationError.invalid("no valid samples remain after masking") }
            allowed = ok
        } else {
            allowed = nil
        }
    }

    /// Largest and smallest admissible index.
    public var range: ClosedRange<Int> { left...(sampleCount - right) }

    @inlinable public func clamp(_ t: Int) -> Int { Swift.min(Swift.max(t, left), sampleCount - right) }

    /// `n` indices: uniform on [0, T) then clamped, or uniform over the allowed samples.
    public func draw(_ n: Int, using rng: inout Xoshiro256) -> [Int] {
        if let allowed {
            return (0..<n).map { _ in allowed[rng.uniformInt(below: allowed.count)] }
        }
        return (0..<n).map { _ in clamp(rng.uniformInt(below: sampleCount)) }
    }
}
