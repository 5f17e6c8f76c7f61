import Contrastive
import Testing
@testable import Dimensionality

@Suite struct SweepPlanTests {
    private func slices(_ c: TrainingConfiguration) -> [[Int]] { c.objectives.map { [$0.start, $0.stop] } }

    @Test func syntheticRecipeBlocksResize() throws {
        var base = TrainingPreset.syntheticDemo.configuration(behaviour: ["z2"])
        base.heldOutFraction = 0.2
        let behaviour = SweepPlan(base: base, slice: .behaviour, dimensions: [1, 2, 5], seeds: [0])
        let (c2, b2) = try behaviour.configuration(dimension: 2, seed: 9)
        #expect(c2.outputDimension == 5 && slices(c2) == [[0, 5], [3, 5]] && b2 == 3..<5 && c2.seed == 9)
        let (c1, b1) = try behaviour.configuration(dimension: 1, seed: 0)
        #expect(c1.outputDimension == 4 && slices(c1) == [[0, 4], [3, 4]] && b1 == 3..<4)
        #expect(try behaviour.criterionObjective() == 1)
        try behaviour.validate()

        let time = SweepPlan(base: base, slice: .time, dimensions: [5], seeds: [0])
        let (t5, tb) = try time.configuration(dimension: 5, seed: 0)
        #expect(t5.outputDimension == 8 && slices(t5) == [[0, 8], [5, 8]] && tb == 0..<5)
        #expect(try time.criterionObjective() == 0)
        #expect(behaviour.jobs.map(\.name) == ["d1-seed0", "d2-seed0", "d5-seed0"])
    }

    @Test func ratinaboxRecipeBlocksResize() throws {
        var base = TrainingPreset.standard.configuration(behaviour: ["position"])
        base.heldOutFraction = 0.2
        let (c, b) = try SweepPlan(base: base, slice: .behaviour, dimensions: [3], seeds: [0]).configuration(dimension: 3, seed: 0)
        #expect(c.outputDimension == 13 && slices(c) == [[0, 3], [0, 13]] && b == 0..<3)
        let (t, tb) = try SweepPlan(base: base, slice: .time, dimensions: [6], seeds: [0]).configuration(dimension: 6, seed: 0)
        #expect(t.outputDimension == 10 && slices(t) == [[0, 4], [0, 10]] && tb == 4..<10)
        // A normalised block of one dimension is ±1: refused.
        #expect(throws: DimensionalityError.self) { try SweepPlan(base: base, slice: .behaviour, dimensions: [1, 2], seeds: [0]).validate() }
    }

    @Test func invalidPlansAreRefused() throws {
        var base = TestSupport.configuration()
        #expect(throws: DimensionalityError.self) { try SweepPlan(base: base, slice: .behaviour, dimensions: [], seeds: [0]).validate() }
        #expect(throws: DimensionalityError.self) { try SweepPlan(base: base, slice: .behaviour, dimensions: [1, 1], seeds: [0]).validate() }
        #expect(throws: DimensionalityError.self) { try SweepPlan(base: base, slice: .behaviour, dimensions: [1], seeds: []).validate() }
        #expect(throws: DimensionalityError.self) { try SweepPlan(base: base, slice: .behaviour, dimensions: [0], seeds: [0]).validate() }
        base.heldOutFraction = 0
        #expect(throws: DimensionalityError.self) { try SweepPlan(base: base, slice: .behaviour, dimensions: [1], seeds: [0]).validate() }
        var timeOnly = TestSupport.configuration()
        timeOnly.objectives = [timeOnly.objectives[0]]
        #expect(throws: DimensionalityError.self) { try SweepPlan(base: timeOnly, slice: .behaviour, dimensions: [1], seeds: [0]).validate() }
        let (c, b) = try SweepPlan(base: timeOnly, slice: .time, dimensions: [3], seeds: [0]).configuration(dimension: 3, seed: 0)
        #expect(c.outputDimension == 3 && b == 0..<3)
    }

    @Test func shardsDealJobsRoundRobin() throws {
        let s = try Shard(parsing: "2/3")
        #expect((0..<7).filter { s.contains(job: $0) } == [1, 4])
        for bad in ["0/3", "4/3", "1/0", "a/b", "1", "1/2/3"] {
            #expect(throws: DimensionalityError.self) { try Shard(parsing: bad) }
        }
    }
}
