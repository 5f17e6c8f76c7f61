import Contrastive
import Foundation
import Tensors

/// Consistency of embeddings across seeds: how well the best affine map carries one embedding
/// onto another.
///
/// For X `[N, p]` and Y `[N, q]` (rows = the same samples), the map is the least-squares
/// solution of [X 1]·W ≈ Y (intercept included; float64, LAPACK `dgelsd`), and
///
///     R²(X → Y) = (1/q)·Σ_j [1 − Σ_i (Y_ij − Ŷ_ij)² / Σ_i (Y_ij − Ȳ_j)²]
///
/// the uniform average of the per-column R² (scikit-learn's `LinearRegression.score`, which
/// CEBRA's consistency score uses). A constant target column scores 1 when it is reproduced
/// exactly and 0 otherwise (scikit-learn's convention). The map is fitted and scored on the same
/// samples; with N ≫ p the optimism of the in-sample fit is negligible.
public enum Consistency {
    /// R²(X → Y) as above.
    /// - Throws: `DimensionalityError.insufficientData` for mismatched or empty inputs;
    ///   `LinearAlgebraError` when LAPACK fails or the inputs hold NaN/∞.
    public static func r2(from x: Tensor, to y: Tensor) throws -> Double {
        guard x.rank == 2, y.rank == 2, x.shape[0] == y.shape[0], x.shape[0] > 0 else {
            throw DimensionalityError.insufficientData("consistency needs two [N, d] embeddings of the same samples, got \(x.shape) and \(y.shape)")
        }
        let n = x.shape[0], p = x.shape[1], q = y.shape[1]
        let xs = x.scalars.map(Double.init), ys = y.scalars.map(Double.init)
        let map = try LinearDecoder(x: xs, p: p, y: ys, k: q, rows: Array(0..<n), rcond: Double.ulpOfOne)
        var total = 0.0
        for j in 0..<q {
            var mean = 0.0
            for i in 0..<n { mean += ys[i * q + j] }
            mean /= Double(n)
            var ssRes = 0.0, ssTot = 0.0
            for i in 0..<n {
                let v = ys[i * q + j], fit = map.prediction(x: xs, p: p, row: i, output: j)
                ssRes += (v - fit) * (v - fit)
                ssTot += (v - mean) * (v - mean)
            }
            let scale = Swift.max(mean * mean, 1) * Double(n) * 1e-20
            if ssTot <= scale { total += ssRes <= scale ? 1 : 0 } else { total += 1 - ssRes / ssTot }
        }
        return total / Double(q)
    }

    /// ½·[R²(X → Y) + R²(Y → X)].
    public static func symmetricR2(_ x: Tensor, _ y: Tensor) throws -> Double {
        (try r2(from: x, to: y) + r2(from: y, to: x)) / 2
    }

    /// `symmetricR2` of every unordered pair of `embeddings` (pair order (0,1), (0,2), …, (1,2), …).
    /// - Throws: `insufficientData` with fewer than two embeddings.
    public static func pairwise(_ embeddings: [Tensor]) throws -> [Double] {
        guard embeddings.count >= 2 else {
            throw DimensionalityError.insufficientData("consistency across seeds needs at least two seeds, got \(embeddings.count)")
        }
        var out: [Double] = []
        for i in embeddings.indices { for j in (i + 1)..<embeddings.count { out.append(try symmetricR2(embeddings[i], embeddings[j])) } }
        return out
    }
}
