@testable import Attribution
import Contrastive
import Foundation
import Recordings
import Simulation
import Tensors
import Testing

@Suite struct ScoresTests {
    @Test func blocksOfTheSyntheticRecipe() throws {
        let config = TrainingPreset.syntheticDemo.configuration(behaviour: ["z2"])
        let blocks = BlockAssignment.assign(layout: try config.validate(), objectives: config.objectives)
        #expect(blocks == [BlockAssignment(dimensions: 0..<3, variables: []), BlockAssignment(dimensions: 3..<6, variables: ["z2"])])
        #expect(BlockAssignment.labels(blocks) == ["time", "z2"])
    }

    @Test func scoresZAndRanks() {
        // 2 blocks × 4 neurons; block rows [0:1] and [1:3].
        let map = AttributionMap(rows: 3, cols: 4, values: [1, 2, 3, 4,
                                                            4, 0, 2, 2,
                                                            2, 0, 2, 4])
        let blocks = [BlockAssignment(dimensions: 0..<1, variables: []), BlockAssignment(dimensions: 1..<3, variables: ["v"])]
        let s = NeuronScoring.scores(map: map, blocks: blocks)
        #expect(s[0].variable == "time" && s[1].variable == "v")
        #expect(s[1].scores == [3, 0, 2, 3])
        #expect(s[1].ranks == [1, 4, 3, 2])   // tie 3 = 3 broken by index
        #expect(s[1].order == [0, 3, 2, 1])
        let sd = (((3 - 2.0) * (3 - 2.0) * 2 + 4 + 0) / 3).squareRoot()
        #expect(abs(s[1].z[1] - (0 - 2) / sd) < 1e-12)
        #expect(NeuronScoring.zScores([5, 5, 5]) == [0, 0, 0])
    }

    @Test func groundTruthAlignmentOfTheSyntheticBenchmark() throws {
        var c = SyntheticBenchmark.Configuration()
        c.sampleCount = 50
        let r = try SyntheticBenchmark.generate(c)
        let blocks = [BlockAssignment(dimensions: 0..<3, variables: []), BlockAssignment(dimensions: 3..<6, variables: ["z2"])]
        let a = try #require(GroundTruthAlignment(groundTruth: r.session.groundTruth!, blocks: blocks, neurons: 50))
        // The time block takes z1 (the only variable no behaviour block uses): G itself.
        #expect(a.rows == Array(0..<6))
        #expect(a.labels == r.groundTruth.flatMap { $0 })
        #expect(a.blockVariables == ["z1", "z2"])
        // A map equal to G scores 1; per block, the time block has one class only.
        let map = AttributionMap(rows: 6, cols: 50, values: a.labels.map { $0 ? 1 : 0.5 })
        #expect(a.metrics(map)?.auROC == 1)
        #expect(a.metrics(map, block: blocks[1])?.auROC == 1)
        #expect(a.metrics(map, block: blocks[0]) == nil)
    }

    @Test func bootstrapIntervalsBracketTheEstimate() throws {
        let s = TestModels.session(t: 2_000, neurons: 6, seed: 5, informative: true)
        let m = try TestModels.model(TestModels.configuration(steps: 20), session: s)
        var o = Explanation.Options()
        o.timeBlocks = 20
        let e = try Explanation.compute(try NeuronGradientExplainer(name: "jf-inv-lsq"), model: m,
                                        samples: try AttributionSamples(session: s, model: m), options: o)
        #expect(e.timeBlockCounts.reduce(0, +) == 2_000 && e.timeBlockCounts.allSatisfy { $0 == 100 })
        let scores = NeuronScoring.scores(map: e.map, blocks: m.blocks)
        let ci = try BlockBootstrap(replicates: 400, seed: 1).intervals(e, blocks: m.blocks)
        for (k, v) in scores.enumerated() {
            for i in 0..<6 {
                #expect(ci[k].lower[i] <= v.scores[i] && v.scores[i] <= ci[k].upper[i])
                #expect(ci[k].lower[i] < ci[k].upper[i])
            }
        }
        let again = try BlockBootstrap(replicates: 400, seed: 1).intervals(e, blocks: m.blocks)
        #expect(again[1].lower == ci[1].lower)
        // Chunking does not change the map beyond float32 rounding (GEMM kernels differ with the row count).
        o.chunkSize = 333
        let e2 = try Explanation.compute(try NeuronGradientExplainer(name: "jf-inv-lsq"), model: m,
                                         samples: try AttributionSamples(session: s, model: m), options: o)
        let top = e.map.values.max()!
        #expect(zip(e.map.values, e2.map.values).allSatisfy { abs($0 - $1) <= 1e-4 * top })
    }

    @Test func analysisWritesScoresMapAndSummary() throws {
        var c = SyntheticBenchmark.Configuration()
        c.sampleCount = 600
        let r = try SyntheticBenchmark.generate(c)
        var config = TrainingPreset.syntheticDemo.configuration(behaviour: ["z2"], steps: 5)
        config.batchSize = 64
        let m = try TestModels.model(config, session: r.session)
        var o = AttributionAnalysis.Options()
        o.samples = 300
        o.bootstrap = BlockBootstrap(replicates: 50)
        o.explanation.keepPerSample = true
        let a = try AttributionAnalysis.run(model: m, session: r.session, options: o)
        #expect(a.method == "jf-inv-lsq")
        #expect(a.explanation.perSample?.shape == [300, 6, 50])
        #expect(a.metrics["jf-inv-lsq"]?.auROC != nil && a.metrics["jf"]?.auROC != nil)
        #expect(a.blockMetrics["jf"]?["z2"]?.auROC != nil)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xcebra-attr-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try AttributionOutput.write(a, model: m, session: r.session, options: o, to: dir)
        let csv = try String(contentsOfFile: dir + "/scores.csv", encoding: .utf8).split(separator: "\n")
        #expect(csv.count == 1 + 2 * 50)
        #expect(csv[0] == "neuron,neuron_id,cell_type,variable,score,z,rank,p_value,ci_lower,ci_upper")
        #expect(csv[1].hasPrefix("0,0,g1,time,"))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/summary.json"))) as! [String: Any]
        let jac = json["jacobian"] as! [String: Any]
        #expect(jac["lsq_rcond"] as? Double == Double.ulpOfOne)
        #expect(jac["moore_penrose_fraction"] != nil && jac["clip_saturation_fraction"] != nil)
        #expect((json["ground_truth_metrics"] as? [String: Any])?["jf"] != nil)
        #expect(FileManager.default.fileExists(atPath: dir + "/map.h5"))
    }
}
