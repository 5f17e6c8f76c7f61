import Foundation
import Testing
import Tensors
@testable import Recordings

@Suite struct PreprocessingTests {
    @Test func binningMatchesNaiveCountAndHalfOpenEdges() {
        var rng = SystemRandomNumberGenerator()
        let trains = (0..<7).map { _ in (0..<300).map { _ in Double.random(in: -0.5..<10.5, using: &rng) }.sorted() }
        let counts = SpikeBinning.counts(trains, start: 0, binWidth: 0.1, binCount: 100)
        #expect(counts.shape == [100, 7])
        for u in 0..<7 {
            for k in [0, 1, 50, 99] {
                let naive = trains[u].filter { $0 >= Double(k) * 0.1 && $0 < Double(k + 1) * 0.1 }.count
                // Boundary spikes may differ from the naive float comparison only when they sit exactly on an edge.
                #expect(abs(Int(counts[k, u]) - naive) <= 0)
            }
        }
        // exact edges: a spike at t0 + kΔ belongs to bin k; one at the end of the grid is outside.
        let edge = SpikeBinning.counts([[0.0, 0.3, 0.7, 1.0]], start: 0, binWidth: 0.1, binCount: 10)
        #expect(edge[3, 0] == 1 && edge[2, 0] == 0 && edge[7, 0] == 1 && edge[6, 0] == 0)
        #expect(edge.scalars.reduce(0, +) == 3)
        #expect(SpikeBinning.centres(start: 1, binWidth: 0.5, binCount: 2) == [1.25, 1.75])
    }

    @Test func linearResamplingDropsOutsideAndInterpolates() {
        let s = TimeSeriesData(name: "x", path: "/x", neurodataType: "TimeSeries", timestamps: [0, 1, 2], values: [0, 10, 20, 30, 40, 50],
                               columns: 2, unit: "m")
        let (v, inside) = Resampling.linear(s, at: [-0.1, 0, 0.5, 1.75, 2, 2.1])
        #expect(inside == [false, true, true, true, true, false])
        #expect(v[2] == 0 && v[3] == 10 && v[4] == 10 && v[5] == 20 && v[6] == 35 && v[7] == 45 && v[8] == 40)
        #expect(v[0].isNaN && v[11].isNaN)
    }

    @Test func circularResamplingCrossesPi() {
        // 3.0 → -3.0 rad is a 0.283 rad step through π, not a 6 rad swing through 0.
        let s = TimeSeriesData(name: "hd", path: "/hd", neurodataType: "SpatialSeries", timestamps: [0, 1], values: [3.0, -3.0],
                               columns: 1, unit: "radians", isCircular: true)
        let (v, _) = Resampling.linear(s, at: [0.5, 0.25])
        #expect(abs(abs(v[0]) - .pi) < 1e-12)
        #expect(abs(v[1] - (3.0 + 0.25 * (2 * .pi - 6.0))) < 1e-12)
        #expect(Resampling.wrap(3 * .pi) == .pi && Resampling.wrap(-.pi) == .pi)
    }

    @Test func derivedSpeedAndDirection() {
        // Moving at (3, 4) m/s: speed 5, direction atan2(4, 3).
        let t = (0..<10).map { Double($0) * 0.1 }
        let pos = TimeSeriesData(name: "position", path: "/p", neurodataType: "SpatialSeries", containerType: "Position", timestamps: t,
                                 values: t.flatMap { [3 * $0, 4 * $0] }, columns: 2, unit: "m")
        let speed = DerivedBehaviour.speed(from: pos)
        #expect(speed.values.allSatisfy { abs($0 - 5) < 1e-9 } && speed.unit == "m/s")
        let dir = try? #require(DerivedBehaviour.movementDirection(from: pos))
        #expect(dir?.values.allSatisfy { abs($0 - atan2(4.0, 3.0)) < 1e-12 } == true)
    }

    @Test func deltaFOverFUsesRunningPercentile() {
        // Baseline 100 with sparse transients: ΔF/F is 0 on baseline frames and 0.5 on a 150 transient.
        var f = [Float](repeating: 100, count: 200)
        for t in stride(from: 10, to: 200, by: 20) { f[t] = 150 }
        let (dff, bad) = DeltaFOverF.compute(Tensor(shape: [200, 1], scalars: f), windowFrames: 50, percentile: 10)
        #expect(bad == 0)
        #expect(dff[10, 0] == 0.5 && dff[11, 0] == 0)
        // A slow drift is removed: F = 100 + t gives ΔF/F near 0 relative to the local 10th percentile.
        let drift = (0..<400).map { Float(100 + $0) }
        let (d2, _) = DeltaFOverF.compute(Tensor(shape: [400, 1], scalars: drift), windowFrames: 20, percentile: 50)
        #expect(abs(d2[200, 0]) < 1e-6)
    }

    @Test func zScoreColumns() {
        let z = Normalisation.zScore(Tensor(shape: [4, 2], scalars: [1, 5, 2, 5, 3, 5, 4, 5]))
        let col0 = (0..<4).map { z[$0, 0] }
        #expect(abs(col0.reduce(0, +)) < 1e-6)
        #expect(abs(col0.map { $0 * $0 }.reduce(0, +) / 4 - 1) < 1e-5)
        #expect((0..<4).allSatisfy { z[$0, 1] == 0 })
    }

    @Test func unitsFixtureAssemblesIntoSession() throws {
        let contents = try NWBReader.read(Fixtures.path("units_behavior.nwb"))
        let session = try SessionAssembler.assemble(contents)
        #expect(session.neuronCount == 20)
        #expect(session.neuralKind == .spikeCounts(binWidth: 0.025))
        // obs_intervals span [0, 60): 2,400 bins; all behaviour covers 0.013951…59.98 s (head direction ends
        // at 2999/50), so the first bin (centre 0.0125) and the last (59.9875) are dropped.
        #expect(session.provenance.parameters["samples_dropped_outside_behaviour"] == "2")
        #expect(session.sampleCount == 2400 - 2)
        #expect(abs(session.timestamps[0] - 0.0375) < 1e-12)
        // unit 7 is unobserved in [30, 35): 200 bins masked.
        #expect(session.valid.filter { !$0 }.count == 200)
        #expect(!session.valid[Int((32.0 - 0.025) / 0.025)])
        let pos = try #require(session.behaviour(named: "position"))
        #expect(pos.columns == 2 && pos.unit == "meters" && pos.values.allSatisfy { $0 >= -0.01 && $0 <= 1.01 })
        #expect(session.behaviour(named: "head_direction")?.isCircular == true)
        #expect(session.behaviour(named: "speed")?.sourcePath == "/processing/behavior/BehavioralTimeSeries/speed")
        let gt = try #require(session.groundTruth)
        #expect(gt.variables == ["position", "head_direction", "speed"])
        #expect(gt.encodes.map { $0.filter { $0 }.count } == [10, 6, 4])
        let total = session.neural.scalars.reduce(0, +)
        #expect(total > 4150 && total <= 4207)
        #expect(session.neurons[0].extra["quality"] == "mua")
    }

    @Test func restrictionAndDroppingUnits() throws {
        var contents = try NWBReader.read(Fixtures.path("units_behavior.nwb"))
        var options = PreprocessingOptions()
        options.minimumSpikes = 100
        options.restrictTo = "trials"
        options.binWidth = 0.1
        let session = try SessionAssembler.assemble(contents, options: options)
        let expected = try Fixtures.expected("units_behavior.expected.json")
        let few = expected.ints("spike_counts").enumerated().filter { $0.element < 100 }.map { Int64($0.offset) }
        #expect(session.provenance.dropped["too_few_spikes"] == few)
        #expect(session.neuronCount == 20 - few.count)
        options.restrictTo = "nope"
        let e = try #require(throws: RecordingError.self) { try SessionAssembler.assemble(contents, options: options) }
        #expect(e.kind == .missingObject)
        // Behaviour on a different clock: no overlap.
        contents.behaviour = contents.behaviour.map { var s = $0; s.timestamps = s.timestamps.map { $0 + 1000 }; return s }
        let e2 = try #require(throws: RecordingError.self) { try SessionAssembler.assemble(contents) }
        #expect(e2.kind == .noOverlap)
    }

    @Test func ophysFixtureAssemblesIntoSession() throws {
        let contents = try NWBReader.read(Fixtures.path("ophys_behavior.nwb"))
        #expect(contents.dropped["iscell_0"] == [3, 17])
        let session = try SessionAssembler.assemble(contents)
        #expect(session.neuralKind == .calcium(.dff))
        #expect(session.neuronCount == 28)
        #expect(session.behaviour.map(\.name).sorted() == ["head_direction", "position", "speed"])
        // frames before the first behaviour sample (0.013541 s) are dropped: only frame 0 (t = 0).
        #expect(session.sampleCount == 1799)
        // raw Fluorescence is turned into ΔF/F.
        let raw = try SessionAssembler.assemble(try NWBReader.read(Fixtures.path("ophys_behavior.nwb"),
                                                                   neural: "/processing/ophys/Fluorescence/RoiResponseSeries"))
        #expect(raw.neuralKind == .calcium(.dff))
        #expect(raw.neural.scalars.allSatisfy { $0 > -1 && $0 < 20 })
    }
}
