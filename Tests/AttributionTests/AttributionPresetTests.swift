import Contrastive
import Testing

@Suite struct AttributionPresetTests {
    /// `synthetic-attribution` is `synthetic-demo` plus a regulariser that really switches on:
    /// off for the first 2,000 steps, ramped to 0.01 by step 3,000, held to step 6,000.
    @Test func syntheticAttributionSwitchesTheRegulariserOnAfterConvergence() throws {
        let demo = TrainingPreset.syntheticDemo.configuration(behaviour: ["z2"], seed: 7)
        let c = TrainingPreset.syntheticAttribution.configuration(behaviour: ["z2"], seed: 7)
        #expect(TrainingPreset(rawValue: "synthetic-attribution") == .syntheticAttribution)
        #expect(c.steps == 6_000 && c.batchSize == 512 && c.seed == 7)
        #expect(c.model == demo.model && c.outputDimension == demo.outputDimension && c.objectives == demo.objectives)
        #expect(demo.regularizerSchedule.weight(atStep: demo.steps - 1) == nil)
        #expect(c.regularizerSchedule.weight(atStep: 1_999) == nil)
        #expect(c.regularizerSchedule.weight(atStep: 2_500) == 0.005)
        #expect(c.regularizerSchedule.weight(atStep: c.steps - 1) == 0.01)
        #expect(TrainingPreset.syntheticAttribution.configuration(behaviour: ["z2"], steps: 300).steps == 300)
        _ = try c.validate()
    }
}
