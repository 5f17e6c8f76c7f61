import Foundation
import Recordings
import Tensors
import Testing
@testable import Simulation

@Suite struct SpikeTests {
    /// A constant-rate population: head-direction cells probed at a fixed heading.
    func constant(rate: Double, steps: Int) throws -> ([any CellPopulation], Trajectory) {
        let hd = try HeadDirectionCells(preferredDirections: [0, 0, 0, 0], scaling: RateScaling(minRate: 0, maxRate: rate))
        var tr = Trajectory.probe(positions: Array(repeating: .zero, count: steps))
        tr.dt = 0.01
        return ([hd], tr)
    }

    @Test(arguments: [1, 10])
    func poissonCountsHaveMeanRateDtAndFanoOne(binSteps: Int) throws {
        let (pops, tr) = try constant(rate: 5, steps: 200_000)
        let act = try SpikeSimulator.simulate(populations: pops, trajectory: tr, binSteps: binSteps, keepSpikeTimes: true,
                                              rng: Xoshiro256(seed: 5))
        let c = act.spikeCounts.scalars.map(Double.init)
        let mean = c.reduce(0, +) / Double(c.count)
        let variance = c.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(c.count - 1)
        let expected = 5 * 0.01 * Double(binSteps)
        #expect(abs(mean - expected) / expected < 0.02)
        #expect(abs(variance / mean - 1) < 0.03)
        // Spike times fall inside their bins.
        let times = act.spikeTimes![0]
        #expect(times.count == (0..<act.spikeCounts.shape[0]).reduce(0) { $0 + Int(act.spikeCounts[$1, 0]) })
        #expect(zip(times, times.dropFirst()).allSatisfy { $0 <= $1 })
    }

    @Test func bernoulliGivesAtMostOneSpikePerStep() throws {
        let (pops, tr) = try constant(rate: 30, steps: 100_000)
        let act = try SpikeSimulator.simulate(populations: pops, trajectory: tr, model: .bernoulli, rng: Xoshiro256(seed: 6))
        #expect(act.spikeCounts.scalars.allSatisfy { $0 == 0 || $0 == 1 })
        let total = act.spikeCounts.scalars.reduce(0, +)
        let p = 0.3, n = 400_000.0
        #expect(abs(Double(total) - n * p) < 4 * (n * p * (1 - p)).squareRoot())
    }

    @Test func rateNoiseIsAnOUProcessClippedAtZero() throws {
        let hd = try HeadDirectionCells(preferredDirections: [0], scaling: RateScaling(minRate: 0, maxRate: 20, noiseStd: 2,
                                                                                          noiseCoherenceTime: 0.5))
        var tr = Trajectory.probe(positions: Array(repeating: .zero, count: 100_000))
        tr.dt = 0.01
        let act = try SpikeSimulator.simulate(populations: [hd], trajectory: tr, keepRates: true, rng: Xoshiro256(seed: 7))
        let r = act.rates!.scalars.map { Double($0) - 20 }
        let std = (r.reduce(0) { $0 + $1 * $1 } / Double(r.count)).squareRoot()
        #expect(abs(std - 2 / (1 - 0.01 / 1.0).squareRoot()) < 0.2)
    }

    @Test func fourCellTypesDemoSession() throws {
        var c = FourCellTypesDemo.Configuration()
        c.duration = 60
        c.cellsPerType = 5
        let s = try FourCellTypesDemo.generate(c)
        #expect(s.neural.shape == [600, 20])
        #expect(s.neuralKind == .spikeCounts(binWidth: 0.1))
        #expect(s.behaviour.map(\.name) == ["position", "head_direction", "speed"])
        #expect(s.behaviour(named: "position")!.columns == 2 && s.behaviour(named: "head_direction")!.isCircular)
        let gt = try #require(s.groundTruth)
        #expect(gt.cellTypes! == Array(repeating: "grid", count: 5) + Array(repeating: "head_direction", count: 5)
                + Array(repeating: "place", count: 5) + Array(repeating: "speed", count: 5))
        #expect(gt.encodes[0] == (0..<20).map { $0 < 5 || ($0 >= 10 && $0 < 15) })
        #expect(gt.encodes[2] == (0..<20).map { $0 >= 15 })
        #expect(s.neural.scalars.reduce(0, +) > 0)
        #expect(abs(s.timestamps[0] - 0.05) < 1e-12)
        #expect(throws: SimulationError.self) { var b = c; b.binWidth = 0.015; _ = try FourCellTypesDemo.generate(b) }
    }
}
