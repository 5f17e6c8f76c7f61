@testable import Attribution
import Contrastive
import Foundation
import Simulation
import Testing

@Suite struct ComparisonRunTests {
    func run(seed: UInt64, methods: [String]) throws -> ComparisonRun {
        var c = SyntheticBenchmark.Configuration()
        c.sampleCount = 1_000
        c.seed = seed
        let session = try SyntheticBenchmark.generate(c).session
        let config = TrainingPreset.syntheticDemo.configuration(behaviour: ["z2"], seed: seed, steps: 2)
        let model = try TestModels.model(config, session: session)
        var o = ExplainerCatalog.Options()
        o.integrationSteps = 8
        o.shapleyPermutations = 2
        o.limeDraws = 60
        o.augmentedDraws = 2
        return try ComparisonRun.run(methods: methods, model: model, session: session, seed: seed, sampleLimit: 40, options: o)
    }

    @Test func everyMethodRunsAndIsScored() throws {
        let r = try run(seed: 1, methods: ExplainerCatalog.all)
        #expect(r.results.map(\.method) == ExplainerCatalog.all)
        for x in r.results {
            let s = try #require(x.scores, "\(x.method)")
            #expect(s.auROC != nil && s.aup != nil && s.tsrAUP != nil && s.information != nil, "\(x.method)")
            #expect(x.samples == 40)
        }
        // Saliency is the plain neuron gradient.
        let jf = try run(seed: 1, methods: ["jf"]).maps["jf"]!.values
        #expect(maxAbsDifference(r.maps["saliency"]!.values, jf) < 1e-9)
    }

    @Test func tableAggregatesSeedsWithIntervals() throws {
        let runs = try [1, 2, 3].map { try run(seed: $0, methods: ["saliency", "feature-ablation"]) }
        let table = ComparisonTable(runs: runs, replicates: 200)
        #expect(table.rows.map(\.method) == ["saliency", "feature-ablation"])
        for row in table.rows {
            let auc = try #require(row.metrics["auroc"])
            #expect(auc.count == 3 && auc.lower <= auc.mean && auc.mean <= auc.upper)
            let values = runs.compactMap { $0.results.first { $0.method == row.method }?.scores?.auROC }
            #expect(Swift.abs(auc.mean - values.reduce(0, +) / 3) < 1e-12)
            #expect(auc.lower >= values.min()! - 1e-12 && auc.upper <= values.max()! + 1e-12)
        }
        let csv = table.csv().split(separator: "\n")
        #expect(csv[0].hasPrefix("method,samples,seeds,auroc,auroc_ci_low,auroc_ci_high,auprc"))
        #expect(csv.count == 3)
        let json = try JSONSerialization.jsonObject(with: try table.json(runs: runs, parameters: ["x": 1])) as! [String: Any]
        #expect((json["per_seed"] as! [Any]).count == 6)
        // Same seeds ⇒ same table.
        #expect(ComparisonTable(runs: runs, replicates: 200).rows == table.rows)
    }

    @Test func unknownMethodsAreRejected() {
        #expect(throws: AttributionError.self) { try ExplainerCatalog.parse("saliency,nope") }
        #expect(try! ExplainerCatalog.parse("all") == ExplainerCatalog.all)
    }
}
