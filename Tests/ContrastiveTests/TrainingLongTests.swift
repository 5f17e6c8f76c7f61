import Testing
import Recordings
import Simulation
import Tensors
@testable import Contrastive

extension Tag {
    @Tag static var long: Self
}

/// Issue acceptance: on the synthetic benchmark (T = 100,000, 50 neurons, d = 6) the
/// synthetic-demo recipe gives a behaviour block from which z2 is linearly decodable with
/// held-out R² ≥ 0.95, and a time block that carries z1 with R² ≥ 0.9. ~40 s in release.
@Suite(.tags(.long)) struct TrainingLongTests {
    @Test func syntheticRecipeSeparatesTheLatents() throws {
        var c = SyntheticBenchmark.Configuration()
        c.seed = 11
        let session = try SyntheticBenchmark.generate(c).session
        let config = TrainingPreset.syntheticDemo.configuration(behaviour: ["z2"], seed: 11)
        let trainer = try Trainer(configuration: config, session: session)
        try trainer.train()
        let embedding = trainer.transform(session.neural)
        let decoding = try BlockDecoding(embedding: embedding, blocks: trainer.layout.blocks, session: session)
        let behaviourR2 = try #require(decoding.r2(variable: "z2", block: 3..<6))
        let timeR2 = try #require(decoding.r2(variable: "z1", block: 0..<3))
        #expect(behaviourR2 >= 0.95, "R²(z2 ← dims 3-5) = \(behaviourR2)\n\(decoding.table)")
        #expect(timeR2 >= 0.9, "R²(z1 ← dims 0-2) = \(timeR2)\n\(decoding.table)")
        #expect(decoding.r2(variable: "z1", block: 3..<6)! < 0.3, "\(decoding.table)")
    }
}
