import Contrastive
import Dimensionality
import Foundation
import Recordings
import Tensors

/// How reproducible the final embedding is across training seeds: the R² of the best affine
/// map from one seed's held-out embedding to another's (`Consistency.r2`, CEBRA's consistency
/// score), for every ordered pair of seeds.
///
/// `r2[i][j]` = R²(E_i → E_j) with E_i `[H, d]` the embedding of seed `seeds[i]` on the held-out
/// samples (the last round(T·heldOutFraction)); the diagonal is 1 by definition. The matrix is
/// not symmetric: a map can carry a rich embedding onto a collapsed one but not back.
public struct SeedConsistency: Sendable {
    public var seeds: [UInt64]
    public var r2: [[Double]]
    /// Held-out samples the maps are fitted and scored on.
    public var samples: Int
    /// Seeds whose embedding came from the dimensionality sweep's runs (same configuration and
    /// steps) instead of an extra training.
    public var reusedSeeds: [UInt64]

    /// Mean of the off-diagonal entries (NaN for one seed).
    public var meanOffDiagonal: Double {
        let n = seeds.count
        guard n >= 2 else { return .nan }
        var s = 0.0
        for i in 0..<n { for j in 0..<n where i != j { s += r2[i][j] } }
        return s / Double(n * (n - 1))
    }

    /// The matrix of `embeddings` (held-out rows, one per seed).
    public static func matrix(_ embeddings: [Tensor], seeds: [UInt64], reusedSeeds: [UInt64] = []) throws -> SeedConsistency {
        let n = embeddings.count
        var r2 = [[Double]](repeating: [Double](repeating: 1, count: n), count: n)
        for i in 0..<n { for j in 0..<n where i != j { r2[i][j] = try Consistency.r2(from: embeddings[i], to: embeddings[j]) } }
        return SeedConsistency(seeds: seeds, r2: r2, samples: embeddings.first?.shape[0] ?? 0, reusedSeeds: reusedSeeds)
    }

    /// The held-out embeddings of `configuration` trained with seeds `first`, `first`+1, …
    /// (`count` of them): `firstEmbedding` (the final model's, held-out rows) for the first seed,
    /// the `sweep`'s recorded run when it trained exactly this configuration with that seed
    /// (apart from how often it logged), else a fresh training.
    static func measure(configuration: TrainingConfiguration, count: Int, firstEmbedding: Tensor, session: Session,
                        sweep: DimensionSweep?, log: (String) -> Void) throws -> SeedConsistency {
        let seeds = (0..<UInt64(count)).map { configuration.seed &+ $0 }
        var embeddings = [firstEmbedding], reused: [UInt64] = []
        let recorded = try sweep?.results() ?? []
        for seed in seeds.dropFirst() {
            var c = configuration
            c.seed = seed
            if let run = recorded.first(where: { r in
                var rc = r.configuration
                rc.logEvery = c.logEvery
                return rc == c
            }), let sweep {
                embeddings.append(try sweep.embedding(run))
                reused.append(seed)
                continue
            }
            log("training seed \(seed) of the final configuration for the consistency matrix")
            let trainer = try Trainer(configuration: c, session: session)
            try trainer.train()
            embeddings.append(try HeldOutEvaluation.embedding(trainer: trainer, session: session))
        }
        return try matrix(embeddings, seeds: seeds, reusedSeeds: reused)
    }
}
