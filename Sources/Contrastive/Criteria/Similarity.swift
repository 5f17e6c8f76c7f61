import Tensors

/// How InfoNCE compares two embeddings.
public enum Similarity: String, Codable, Sendable, CaseIterable {
    /// φ(a, b) = −‖a − b‖² (the **squared** distance, as CEBRA computes it), computed for all
    /// pairs as −(‖a‖² + ‖b‖² − 2a·b) with one GEMM.
    case euclidean
    /// φ(a, b) = a·b; inputs are expected to be unit vectors (not checked, as in CEBRA).
    case cosine

    /// φ for matching rows: `a, b [B, C] → [B]`.
    public func paired(_ a: Variable, _ b: Variable) -> Variable {
        switch self {
        case .euclidean: return -(a - b).squared().sum(axes: [1])
        case .cosine: return (a * b).sum(axes: [1])
        }
    }

    /// φ for all pairs: `a [B, C], b [M, C] → [B, M]`.
    public func pairwise(_ a: Variable, _ b: Variable) -> Variable {
        switch self {
        case .cosine: return Variable.matmul(a, b, transposeB: true)
        case .euclidean: return Variable.negativeSquaredDistances(a, b)
        }
    }
}
