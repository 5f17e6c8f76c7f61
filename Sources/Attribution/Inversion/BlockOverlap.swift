import Foundation
import Tensors

/// How well each block's Jacobian rows can be told apart from the rest of the embedding's rows:
/// the diagnostic to read before trusting a block's inverted map, with or without ground truth.
///
/// The inverse's columns for block B are the part of B's rows orthogonal to every other row of
/// J, scaled up. When a direction of row(J_B) lies almost in row(J_R), R = the other rows, that
/// part is small, spread over neurons that do not carry B, and amplified by the inverse: a
/// time-only block that re-encoded position dropped position's inverted auROC from 0.9996 to
/// 0.89 on the four-cell-types arena, with a cosine of 0.993 between the two row spaces
/// (docs/results/attribution-four-cell-types.md). Per sample b,
///
///     overlap_b(A, B) = cos θ₁ = σ_max(Q_A Q_Bᵀ) ∈ [0, 1],
///
/// the cosine of the smallest principal angle between row(J_A) and row(J_B), with Q_A, Q_B
/// orthonormal row bases (right singular vectors of the blocks' rows whose σ exceeds the svd
/// inverse's relative cutoff, so the structural null direction of a renormalised block is not
/// counted). 1: some neuron-space direction that moves A moves B as well, so the inverse must
/// separate them by cancellation; 0: orthogonal. The amplification is at least 1/sin θ₁
/// (≥ 2.3× above cos θ₁ = 0.9).
///
/// Reported per block: the median over samples against all other rows together, its 90th
/// percentile, and the median against each other block (which one it overlaps).
public struct BlockOverlap: Sendable, Equatable {
    /// Block labels (`BlockAssignment.labels`), in the model's block order.
    public var labels: [String]
    /// Samples measured.
    public var samples: Int
    /// Median over samples of cos θ₁ between block a's rows and all other rows (nil when the
    /// block's rows vanish on every sample, or the model has one block).
    public var withRest: [Double?]
    /// 90th percentile of the same.
    public var withRestUpperDecile: [Double?]
    /// `pairwise[a][b]`: median cos θ₁ between blocks a and b (nil on the diagonal).
    public var pairwise: [[Double?]]

    /// Above this median cosine a block's inverted map is flagged: the inverse amplifies the
    /// separating direction at least 1/sin θ₁ ≈ 2.3-fold. Chosen on six measured blocks
    /// (docs/results/attribution-four-cell-types.md): the two inverted maps that failed badly had
    /// 0.92 (demo speed at 3,000 steps, auROC 0.44) and 0.993 (arena position with a time block,
    /// 0.89); blocks at 0.58–0.81 gave 0.92–1.000, except head direction (0.58–0.62, auROC
    /// 0.74–0.79), which this diagnostic does not explain.
    public static let warningCosine = 0.9

    /// Samples measured by default: evenly spaced over the attributed samples.
    public static let defaultSamples = 500

    /// Measures `count` evenly spaced samples of `samples` (all when fewer), with the lag
    /// reduction of the inverted methods (signed mean over a convolutional window).
    public static func measure(model: EmbeddingModel, samples: AttributionSamples, count: Int = defaultSamples) throws -> BlockOverlap {
        let blocks = model.blocks, labels = BlockAssignment.labels(blocks)
        let m = Swift.min(Swift.max(count, 1), samples.count)
        let picked = (0..<m).map { samples.indices[$0 * samples.count / m] }
        let d = model.outputDimension, n = model.inputNeurons
        let cutoff = InverseSolver.svd.relativeCutoff(rows: d, cols: n)
        var rest = [[Double]](repeating: [], count: blocks.count)
        var pairs = [[[Double]]](repeating: [[Double]](repeating: [], count: blocks.count), count: blocks.count)
        let others = blocks.map { block in (0..<d).filter { !block.dimensions.contains($0) } }
        // Chunks of Jacobians, so memory stays at chunk·d·n Doubles for large populations.
        let compared = blocks.count > 1 ? m : 0   // one block: nothing to compare it with
        for start in stride(from: 0, to: compared, by: 64) {
            let chunk = Array(picked[start..<Swift.min(start + 64, m)])
            let values = SampleJacobians.compute(model, inputs: samples.windows.batch(chunk)).values
            for k in chunk.indices {
                func basis(_ r: [Int]) throws -> Matrix64 {
                    var out = [Double](); out.reserveCapacity(r.count * n)
                    for i in r { out.append(contentsOf: values[((k * d + i) * n)..<((k * d + i + 1) * n)]) }
                    return try rowBasis(Matrix64(rows: r.count, cols: n, scalars: out), relativeCutoff: cutoff)
                }
                let bases = try blocks.map { try basis(Array($0.dimensions)) }
                for a in blocks.indices where bases[a].rows > 0 {
                    rest[a].append(try largestPrincipalCosine(bases[a], basis(others[a])))
                    for b in blocks.indices where b > a && bases[b].rows > 0 {
                        let c = try largestPrincipalCosine(bases[a], bases[b])
                        pairs[a][b].append(c)
                        pairs[b][a].append(c)
                    }
                }
            }
        }
        return BlockOverlap(labels: labels, samples: m,
                            withRest: rest.map { quantile($0, 0.5) }, withRestUpperDecile: rest.map { quantile($0, 0.9) },
                            pairwise: pairs.map { $0.map { quantile($0, 0.5) } })
    }

    /// Orthonormal basis (as rows, r × n) of the row space of `a`: the right singular vectors
    /// with σ > `relativeCutoff`·σ_max (none for a zero matrix).
    public static func rowBasis(_ a: Matrix64, relativeCutoff: Double) throws -> Matrix64 {
        guard a.rows > 0 else { return Matrix64(rows: 0, cols: a.cols) }
        let f = try svd(a)
        let top = f.singularValues.first ?? 0
        let r = top > 0 ? f.singularValues.prefix { $0 > relativeCutoff * top }.count : 0
        return try Matrix64(rows: r, cols: a.cols, scalars: Array(f.vt.scalars.prefix(r * a.cols)))
    }

    /// cos θ₁ = σ_max(Q_A Q_Bᵀ) for orthonormal row bases Q_A, Q_B (0 when either is empty),
    /// clamped to [0, 1] against rounding.
    public static func largestPrincipalCosine(_ qa: Matrix64, _ qb: Matrix64) throws -> Double {
        guard qa.rows > 0, qb.rows > 0 else { return 0 }
        let product = try Matrix64.matmul(qa, qb.transposed)
        return Swift.min(try svd(product).singularValues.first ?? 0, 1)
    }

    /// NumPy's linear quantile of `x` in any order (`BlockBootstrap.quantile`); nil when empty.
    static func quantile(_ x: [Double], _ q: Double) -> Double? {
        x.isEmpty ? nil : BlockBootstrap.quantile(x.sorted(), q)
    }

    /// One sentence per block whose median cosine with the other rows exceeds `warningCosine`,
    /// naming the block it overlaps most.
    public var warnings: [String] {
        labels.indices.compactMap { a in
            guard let c = withRest[a], c > Self.warningCosine else { return nil }
            let partner = labels.indices.filter { $0 != a }.max { (pairwise[a][$0] ?? 0) < (pairwise[a][$1] ?? 0) }
            let with = partner.map { " (most with '\(labels[$0])', \(String(format: "%.3f", pairwise[a][$0] ?? 0)))" } ?? ""
            return String(format: "block '%@': its Jacobian rows nearly lie in the span of the other blocks' rows (median cos θ₁ %.3f over %d samples%@); its inverted map separates them by cancellation and is unreliable: compare with the plain gradient (jf)",
                          labels[a], c, samples, with)
        }
    }
}
