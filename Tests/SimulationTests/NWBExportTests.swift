import Foundation
import Recordings
import Tensors
import Testing
@testable import Simulation

/// Simulations written as NWB and read back through the one loader: data, behaviour and ground truth survive.
@Suite struct NWBExportTests {
    func scratch(_ name: String) throws -> (dir: URL, path: String) {
        let u = FileManager.default.temporaryDirectory.appendingPathComponent("simnwb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: u, withIntermediateDirectories: true)
        return (u, u.appendingPathComponent(name).path)
    }

    func smallArena(calcium: CalciumImaging? = nil) -> FourCellTypesDemo.Configuration {
        var c = FourCellTypesDemo.Configuration()
        c.duration = 30
        c.cellsPerType = 3
        c.binWidth = 0.05
        c.calcium = calcium
        c.seed = 11
        return c
    }

    @Test func arenaSpikesRoundTripWithGroundTruth() throws {
        let r = try FourCellTypesDemo.simulate(smallArena())
        let (dir, path) = try scratch("arena.nwb")
        defer { try? FileManager.default.removeItem(at: dir) }
        try SimulationNWB.write(r, to: path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["arena.nwb"])

        let contents = try NWBReader.read(path)
        guard case let .spikes(units) = contents.neural else { Issue.record("expected spikes"); return }
        #expect(units.times == r.activity.spikeTimes)
        #expect(units.columns["cell_type"] == r.activity.truth.map(\.cellType))
        #expect(contents.behaviour.map(\.name).sorted() == ["head_direction", "position", "speed"])
        let position = try #require(contents.behaviour.first { $0.name == "position" })
        #expect(position.timestamps == r.trajectory.time && position.values == r.trajectory.position.flatMap { [$0.x, $0.y] })

        var options = SessionLoader.Options()
        options.preprocessing.binWidth = 0.05
        let session = try SessionLoader.load(path, options: options)
        #expect(session.groundTruth == r.session.groundTruth)
        #expect(session.groundTruth?.cellTypes == r.activity.truth.map(\.cellType))
        #expect(session.groundTruth?.variables == ["position", "head_direction", "speed"])
        if case .spikeCounts = session.neuralKind {} else { Issue.record("expected spike counts") }
    }

    @Test func arenaCalciumWritesOphysAndReadsBackDFF() throws {
        let r = try FourCellTypesDemo.simulate(smallArena(calcium: CalciumImaging(indicator: .gcamp6s, frameRate: 20, snr: 4)))
        let traces = try #require(r.calcium)
        #expect(r.session.neuralKind == .calcium(.dff))
        #expect(r.session.sampleCount == traces.frameTimes.count - 1) // frame 0 (t = 0) precedes the first step
        let (dir, path) = try scratch("arena_ca.nwb")
        defer { try? FileManager.default.removeItem(at: dir) }
        try SimulationNWB.write(r, to: path)

        let nwb = try NWBFile.open(path)
        #expect(nwb.objects(ofType: ["PlaneSegmentation"]).map(\.path) == ["/processing/ophys/ImageSegmentation/PlaneSegmentation"])
        #expect(try nwb.hdf5.dataset("/general/optophysiology/ImagingPlane/indicator").readString() == "GCaMP6s")
        let dff = try nwb.readCalcium()
        #expect(dff.signal == .dff && dff.values == traces.dff.scalars && dff.timestamps == traces.frameTimes)
        let raw = try nwb.readCalcium(series: "/processing/ophys/Fluorescence/RoiResponseSeries")
        #expect(raw.signal == .fluorescence && raw.values == traces.fluorescence.scalars)

        let session = try SessionLoader.load(path)
        #expect(session.neuralKind == .calcium(.dff))
        #expect(session.neural == r.session.neural)
        #expect(session.timestamps == r.session.timestamps)
        #expect(session.groundTruth == r.session.groundTruth)
    }

    @Test func benchmarkContinuousRoundTrip() throws {
        var c = SyntheticBenchmark.Configuration()
        c.sampleCount = 500
        c.seed = 4
        let r = try SyntheticBenchmark.generate(c)
        let (dir, path) = try scratch("bench.nwb")
        defer { try? FileManager.default.removeItem(at: dir) }
        try SimulationNWB.write(r, to: path)
        let nwb = try NWBFile.open(path)
        #expect(nwb.hdf5.exists("/acquisition/activity/starting_time"))

        let session = try SessionLoader.load(path)
        #expect(session.neuralKind == .continuous)
        #expect(session.neural == r.session.neural && session.timestamps == r.session.timestamps)
        #expect(session.behaviour.map(\.name) == ["z1", "z2"])
        for b in r.session.behaviour { #expect(session.behaviour(named: b.name)?.values == b.values) }
        #expect(session.groundTruth == r.session.groundTruth)
        #expect(session.groundTruth?.variables.first == "z1[0]")
    }

    @Test func nonUniformSampleIntervalFallsBackToTimestamps() throws {
        var c = SyntheticBenchmark.Configuration()
        c.sampleCount = 50
        c.sampleInterval = 0.1 // i · 0.1 ≠ i / 10 for some i, so explicit timestamps are written
        let r = try SyntheticBenchmark.generate(c)
        let (dir, path) = try scratch("bench_ts.nwb")
        defer { try? FileManager.default.removeItem(at: dir) }
        try SimulationNWB.write(r, to: path)
        #expect(try NWBFile.open(path).hdf5.exists("/acquisition/activity/timestamps"))
        #expect(try SessionLoader.load(path).timestamps == r.session.timestamps)
    }
}
