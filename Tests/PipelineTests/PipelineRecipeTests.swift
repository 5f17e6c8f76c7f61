import Contrastive
import Pipeline
import Recordings
import Testing

@Suite struct PipelineRecipeTests {
    static let variables = [BehaviourVariable(name: "position", values: [0, 0, 1, 1], columns: 2, unit: "m"),
                            BehaviourVariable(name: "head_direction", values: [0, 1], columns: 1, unit: "rad", isCircular: true)]

    /// One block per variable (an angle as cos, sin), a time block, and the regulariser ramping
    /// to the given weight between steps/4 and steps/2.
    @Test(arguments: [0.0, PipelineRecipe.defaultRegularizer, 2.5])
    func blocksAndRegulariserWeight(_ lambda: Double) throws {
        let c = try PipelineRecipe.perVariable(Self.variables, steps: 1_000, regularizer: lambda)
        #expect(c.objectives.map(\.slice) == [0..<2, 2..<4, 0..<7] && c.outputDimension == 7)
        #expect(c.regularizerSchedule == .linearRampUp(on: 250, off: 500, start: 0, end: lambda))
    }

    @Test func theDefaultWeightIsOneAndBadWeightsAreRejected() throws {
        #expect(PipelineRecipe.defaultRegularizer == 1)
        #expect(PipelineOptions().regularizer == PipelineRecipe.defaultRegularizer)
        let c = try PipelineRecipe.perVariable(Self.variables)
        #expect(c.regularizerSchedule == .linearRampUp(on: 375, off: 750, start: 0, end: 1))
        for bad in [-0.1, .nan, .infinity] {
            #expect(throws: ConfigurationError.self) { try PipelineRecipe.perVariable(Self.variables, regularizer: bad) }
        }
    }
}
