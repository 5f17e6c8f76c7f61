/// k-nearest-neighbour regression from embedding rows to behaviour: the non-linear read-out
/// beside `LinearDecoder` (CEBRA decodes with a kNN regressor too).
///
/// The prediction for a row x is the unweighted mean of the targets of the k training rows
/// nearest to x in Euclidean distance (ties between equally distant rows: the lower sample
/// index), so ŷ(x) = (1/k)·Σ_{i ∈ N_k(x)} y_i. Euclidean distance ranks neighbours as cosine
/// similarity does for unit-norm embeddings, so the same decoder serves both kinds of model.
/// Neighbours come from an exact k-d tree over the training rows (`KDTree.nearest(_:toRows:)`):
/// O(log N) per query for the few dimensions of an embedding block.
public struct KNNDecoder: Sendable {
    /// CEBRA's `KNNDecoder` defaults to 3 neighbours; 5 halves the variance of the average at
    /// the pipeline's sampling rates without blurring a behaviour sampled every 25–100 ms.
    public static let defaultNeighbours = 5

    public let neighbours: Int
    /// Embedding columns p.
    public let p: Int
    private let tree: KDTree

    /// Indexes rows `rows` of X `[T, p]` (row-major Double) as the training set.
    public init(x: [Double], p: Int, rows: [Int], neighbours: Int = KNNDecoder.defaultNeighbours) throws {
        guard neighbours >= 1 else { throw ConfigurationError.invalid("kNN decoding needs k ≥ 1 neighbours, got \(neighbours)") }
        guard p >= 1, !rows.isEmpty else {
            throw ConfigurationError.invalid("kNN decoding needs ≥ 1 embedding column and ≥ 1 training row, got \(p) and \(rows.count)")
        }
        self.neighbours = neighbours
        self.p = p
        tree = KDTree(points: x, dimension: p, indices: rows)
    }

    /// The training rows nearest to each of `rows` of X, row-major `[rows.count, min(k, training rows)]`.
    public func neighbourRows(x: [Double], rows: [Int]) -> [Int] {
        var queries = [Double](repeating: 0, count: rows.count * p)
        for (r, t) in rows.enumerated() { for j in 0..<p { queries[r * p + j] = x[t * p + j] } }
        return tree.nearest(neighbours, toRows: queries)
    }

    /// R² (`DecodingR2.pooled`) on `rows` of the kNN prediction of Y `[T, k]` from the training
    /// rows' targets, given the neighbours `neighbourRows` returned for `rows`. Computing the
    /// neighbours once lets several targets (the behaviour and its shifted control) share them.
    public static func r2(neighbours: [Int], y: [Double], k: Int, rows: [Int]) -> Double {
        guard !rows.isEmpty else { return 0 }
        let m = neighbours.count / rows.count
        var prediction = [Double](repeating: 0, count: rows.count * k)
        for r in rows.indices {
            for n in 0..<m {
                let i = neighbours[r * m + n]
                for j in 0..<k { prediction[r * k + j] += y[i * k + j] }
            }
            for j in 0..<k { prediction[r * k + j] /= Double(m) }
        }
        return DecodingR2.pooled(y: y, k: k, rows: rows) { r, j in prediction[r * k + j] }
    }

    /// Held-out R² on `rows` of Y `[T, k]` predicted from the training rows.
    public func r2(x: [Double], y: [Double], k: Int, rows: [Int]) -> Double {
        KNNDecoder.r2(neighbours: neighbourRows(x: x, rows: rows), y: y, k: k, rows: rows)
    }
}
