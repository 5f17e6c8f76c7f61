import Testing
@testable import Contrastive

@Suite struct TrainingConfigFileTests {
    @Test func fileOverridesThePreset() throws {
        let yaml = """
            preset: ratinabox-demo
            behaviour: [position, head_direction]
            batch_size: 256
            steps: 400
            seed: 7
            regularizer:
              schedule: constant
              weight: 0.05
              estimator: projection
              projections: 2
            objectives:
              - slice: [0, 3]
                similarity: euclidean
                temperature: {initial: 0.5, minimum: 0.1}
                positives: delta_normal
                sigma: 0.2
              - slice: [0, 8]
                positives: time
                offset: 5
            output_dimension: 8
            """
        let c = try TrainingConfigFile.parse(yaml, source: "test.yaml").resolve(behaviour: ["position"])
        #expect(c.model == "offset10-model" && c.hiddenUnits == 256 && c.renormalize)
        #expect(c.batchSize == 256 && c.steps == 400 && c.seed == 7 && c.outputDimension == 8)
        #expect(c.regularizerSchedule == .constant(weight: 0.05))
        #expect(c.regularizerEstimator == .randomProjection(count: 2))
        #expect(c.objectives[0] == Objective(slice: 0..<3, criterion: InfoNCE(similarity: .euclidean, temperature: .learnable(initial: 0.5, minimum: 0.1)),
                                             positives: .deltaNormal(sigma: 0.2, variables: ["position", "head_direction"])))
        #expect(c.objectives[1].positives == .time(offset: 5))
        #expect(throws: Never.self) { _ = try c.validate() }
    }

    @Test func jsonIsAcceptedToo() throws {
        let c = try TrainingConfigFile.parse(#"{"preset": "synthetic-demo", "steps": 10}"#, source: "x.json").resolve(behaviour: ["z2"])
        #expect(c.model == "offset1-model-mse-clip-5-5" && c.steps == 10)
        #expect(c.objectives[1].positives == .timeDelta(delta: 1, variables: ["z2"]))
    }

    @Test(arguments: [
        ("stepz: 10", "unknown key 'stepz'"),
        ("preset: fancy", "unknown preset 'fancy'"),
        ("steps: ten", "steps"),
        ("objectives:\n  - slice: [0, 4]\n    positives: sideways", "positives 'sideways'"),
        ("regularizer:\n  schedule: linear-ramp-up", "needs 'on' and 'off'"),
        ("regularizer:\n  weigth: 0.1", "regularizer: unknown key 'weigth'"),
        ("objectives:\n  - slice: [0, 4]\n    positives: time\n    ofset: 3", "objectives[0]: unknown key 'ofset'"),
    ])
    func mistakesAreNamed(_ yaml: String, _ fragment: String) {
        do {
            _ = try TrainingConfigFile.parse(yaml, source: "bad.yaml").resolve(behaviour: ["position"])
            Issue.record("expected an error containing \(fragment)")
        } catch {
            #expect("\(error)".contains(fragment), "\(error)")
        }
    }
}
