import Testing
@testable import Contrastive

@Suite struct ObjectiveLayoutTests {
    @Test func disjointBlocksFollowTheSpecExamples() throws {
        #expect(try ObjectiveLayout(slices: [0..<4, 0..<14], dimension: 14).blocks == [0..<4, 4..<14])
        #expect(try ObjectiveLayout(slices: [0..<6, 3..<6], dimension: 6).blocks == [0..<3, 3..<6])
        #expect(try ObjectiveLayout(slices: [0..<3, 3..<6], dimension: 6).blocks == [0..<3, 3..<6])
        #expect(try ObjectiveLayout(slices: [0..<8, 2..<4], dimension: 8).blocks == [0..<2, 2..<4, 4..<8])
    }

    @Test(arguments: [
        ([1..<6], 6),                  // does not start at 0
        ([0..<5], 6),                  // does not end at d
        ([0..<2, 3..<6], 6),           // gap
        ([0..<6, 0..<6], 6),           // duplicate
        ([0..<4, 2..<6], 6),           // overlap without a full slice
        ([0..<6, 0..<3, 3..<6], 6),    // partial slices cover everything
        ([0..<6, 1..<4, 2..<5], 6),    // partial slices overlap
        ([0..<7], 6),                  // outside
    ] as [([Range<Int>], Int)])
    func invalidLayoutsAreRejected(_ slices: [Range<Int>], _ d: Int) {
        #expect(throws: ConfigurationError.self) { _ = try ObjectiveLayout(slices: slices, dimension: d) }
    }

    @Test func scheduleMatchesThePiecewiseDefinitionAtEveryBoundary() {
        let ramp = WeightSchedule.linearRampUp(on: 10, off: 20, start: 0, end: 0.1)
        #expect(ramp.weight(atStep: 0) == nil)
        #expect(ramp.weight(atStep: 9) == nil)
        #expect(ramp.weight(atStep: 10) == 0)
        #expect(abs(ramp.weight(atStep: 15)! - 0.05) < 1e-15)
        #expect(ramp.weight(atStep: 20) == 0.1)
        #expect(ramp.weight(atStep: 21) == 0.1)
        #expect(ramp.weight(atStep: 1_000_000) == 0.1)
        let linear = WeightSchedule.linear(on: 10, off: 20, start: 0.2, end: 0.1)
        #expect(linear.weight(atStep: 10) == 0.2)
        #expect(linear.weight(atStep: 20) == 0.1)
        #expect(linear.weight(atStep: 21) == nil)
        #expect(WeightSchedule.none.weight(atStep: 5) == nil)
        #expect(WeightSchedule.constant(weight: 0.3).weight(atStep: 0) == 0.3)
        #expect(throws: ConfigurationError.self) { try WeightSchedule.linearRampUp(on: 5, off: 5, start: 0, end: 1).validate() }
    }
}
