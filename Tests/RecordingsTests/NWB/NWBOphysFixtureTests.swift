import Foundation
import Testing
@testable import Recordings

@Suite struct NWBOphysFixtureTests {
    let path = Fixtures.path("ophys_behavior.nwb")

    @Test func storedTracesMatchHashes() throws {
        let expected = try Fixtures.expected("ophys_behavior.expected.json")
        let file = try HDF5File.open(path)
        let f = try file.dataset("/processing/ophys/Fluorescence/RoiResponseSeries/data").readFloats()
        #expect(f.shape == expected.ints("roi_response_shape"))
        #expect(String(SHA256.hex(SHA256.bytes(f.values)).prefix(16)) == expected["F_sha256_16"] as? String)
        let firstRow = expected.doubles("F_first_row")
        for c in 0..<30 { #expect(abs(Double(f.values[c]) - firstRow[c]) < 1e-4) }
        let dff = try file.dataset("/processing/ophys/DfOverF/RoiResponseSeries/data").readFloats()
        #expect(String(SHA256.hex(SHA256.bytes(dff.values)).prefix(16)) == expected["dff_sha256_16"] as? String)
    }

    @Test func defaultSeriesIsDfOverFWithIscellFiltering() throws {
        let expected = try Fixtures.expected("ophys_behavior.expected.json")
        let nwb = try NWBFile.open(path)
        let traces = try nwb.readCalcium()
        #expect(traces.path == "/processing/ophys/DfOverF/RoiResponseSeries")
        #expect(traces.signal == .dff)
        #expect(traces.choice.contains("DfOverF"))
        #expect(traces.frameCount == 1800 && traces.roiCount == 28)
        #expect(traces.droppedNotCells == [3, 17])
        #expect(!traces.roiIds.contains(3) && !traces.roiIds.contains(17))
        #expect(traces.timestamps[0] == expected.double("starting_time"))
        #expect(abs(traces.timestamps[30] - 1.0) < 1e-12)
        // ROI 0 is kept as column 0: its mean is the JSON's float32 mean.
        var sum = 0.0
        for t in 0..<1800 { sum += Double(traces.values[t * 28]) }
        #expect(abs(sum / 1800 - expected.double("dff_col0_mean")!) < 1e-5)
        let iscell = expected.doubles("iscell_col0")
        #expect(traces.roiIds == (0..<30).filter { iscell[$0] == 1 }.map(Int64.init))
    }

    @Test func seriesCanBeChosenByPath() throws {
        let nwb = try NWBFile.open(path)
        let f = try nwb.readCalcium(series: "/processing/ophys/Fluorescence/RoiResponseSeries")
        #expect(f.signal == .fluorescence && f.roiCount == 28)
        let expected = try Fixtures.expected("ophys_behavior.expected.json")
        let firstRow = expected.doubles("F_first_row")
        #expect(abs(Double(f.values[3]) - firstRow[4]) < 1e-4) // column 3 is ROI 4 after dropping ROI 3
        let neuropil = try nwb.readCalcium(series: "Fluorescence/Neuropil")
        #expect(neuropil.path.hasSuffix("Neuropil"))
        let e = try #require(throws: RecordingError.self) { try nwb.readCalcium(series: "/nope") }
        #expect(e.kind == .missingObject)
    }

    @Test func behaviourMatchesExpectedJSON() throws {
        let expected = try Fixtures.expected("ophys_behavior.expected.json")
        var warnings: [String] = []
        let series = try NWBFile.open(path).readBehaviour(warnings: &warnings)
        let pos = try #require(series.first { $0.name == "position" })
        let p = expected.object("position")
        #expect(pos.sampleCount == p.int("n"))
        #expect(Array(pos.values.prefix(2)) == p.doubles("first_row_m"))
        for (a, b) in zip(pos.timestamps.prefix(3), p.doubles("first_timestamps")) { #expect(abs(a - b) < 1e-9) }
        let hd = try #require(series.first { $0.name == "head_direction" })
        for (a, b) in zip(hd.values.prefix(3), expected.object("head_direction").doubles("first_values")) { #expect(abs(a - b) < 1e-9) }
        #expect(hd.isCircular)
    }

    @Test func unitsFileHasNoCalciumAndOphysFileNoUnits() throws {
        let e = try #require(throws: RecordingError.self) { try NWBFile.open(Fixtures.path("units_behavior.nwb")).readCalcium() }
        #expect(e.kind == .noNeuralData && e.hint?.contains("Units @ /units") == true)
        let e2 = try #require(throws: RecordingError.self) { try NWBFile.open(path).readUnits() }
        #expect(e2.kind == .noNeuralData)
    }
}
