import Foundation
import Testing
@testable import Recordings

@Suite struct NWBUnitsFixtureTests {
    let path = Fixtures.path("units_behavior.nwb")

    @Test func sha256MatchesKnownVector() {
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func unitsMatchExpectedJSON() throws {
        let expected = try Fixtures.expected("units_behavior.expected.json")
        let nwb = try NWBFile.open(path)
        #expect(nwb.version == "2.11.0")
        let units = try nwb.readUnits()
        #expect(units.unitCount == expected.int("n_units"))
        #expect(units.ids == (0..<20).map(Int64.init))
        #expect(units.times.map(\.count) == expected.ints("spike_counts"))
        #expect(units.spikeCount == expected.int("total_spikes"))
        // JSON decoding may differ from the stored float64 in the last bit: 1e-9 s tolerance (fixtures README).
        for (a, b) in zip(units.times[0].prefix(5), expected.doubles("unit0_first_spike_times")) { #expect(abs(a - b) < 1e-9) }
        #expect(abs(units.times[19].last! - expected.double("unit19_last_spike_time")!) < 1e-9)
        let flat = units.times.flatMap { $0 }
        #expect(String(SHA256.hex(SHA256.bytes(flat)).prefix(16)) == expected["spike_times_sha256_16"] as? String)
        for train in units.times { #expect(zip(train, train.dropFirst()).allSatisfy { $0 <= $1 }) }
        // obs_intervals, unit by unit
        let obs = try #require(expected["obs_intervals"] as? [[[NSNumber]]])
        let observed = try #require(units.observed)
        for (i, rows) in obs.enumerated() {
            #expect(observed[i].starts == rows.map { $0[0].doubleValue })
            #expect(observed[i].stops == rows.map { $0[1].doubleValue })
        }
        #expect(observed[7].starts == [0, 35] && observed[7].stops == [30, 60])
        // string columns
        let quality = try #require(units.columns["quality"])
        #expect((0..<20).filter { quality[$0] == "mua" } == [0, 5, 10, 15])
        let cellTypes = try #require(units.columns["cell_type"])
        let cells = try #require(expected["cells"] as? [[String: Any]])
        let expectedTypes = cells.map { $0["type"] as? String ?? "" }
        #expect(cellTypes.map { $0.replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: " ", with: "_") } == expectedTypes
                || Dictionary(grouping: cellTypes, by: { $0 }).mapValues(\.count).values.sorted() == [4, 6, 10])
        #expect(units.neuronInfo(0).cellType == cellTypes[0])
        #expect(units.columns["location"]?.count == 20)
    }

    @Test func behaviourMatchesExpectedJSON() throws {
        let expected = try Fixtures.expected("units_behavior.expected.json")
        let nwb = try NWBFile.open(path)
        var warnings: [String] = []
        let series = try nwb.readBehaviour(warnings: &warnings)
        #expect(warnings.isEmpty)
        #expect(Set(series.map(\.name)) == ["position", "head_direction", "speed"])
        let pos = try #require(series.first { $0.name == "position" })
        let p = expected.object("position")
        #expect(pos.path == p["path"] as? String)
        #expect(pos.shape == [3000, 2])
        #expect(abs(pos.values[0] - 0.5) < 1e-12 && abs(pos.values[1] - 0.5) < 1e-12)
        for (a, b) in zip(pos.timestamps.prefix(3), p.doubles("first_timestamps")) { #expect(abs(a - b) < 1e-9) }
        #expect(abs(pos.timestamps.last! - p.double("last_timestamp")!) < 1e-9)
        #expect(pos.unit == "meters" && !pos.isCircular)
        let hd = try #require(series.first { $0.name == "head_direction" })
        let h = expected.object("head_direction")
        #expect(hd.isCircular && hd.shape == [3000, 1])
        for (a, b) in zip(hd.values.prefix(3), h.doubles("first_values")) { #expect(abs(a - b) < 1e-9) }
        #expect(hd.timestamps[0] == 0 && abs(hd.timestamps[1] - 0.02) < 1e-12)
        let speed = try #require(series.first { $0.name == "speed" })
        #expect(speed.timestamps == pos.timestamps)

        var w2: [String] = []
        let sync = try nwb.readTimeSeries("/acquisition/analog_sync", warnings: &w2)
        let s = expected.object("analog_sync")
        #expect(sync.sampleCount == s.int("n"))
        #expect(sync.timestamps[0] == 0.5 && abs(sync.timestamps[1] - 0.51) < 1e-12)
        let stored = s.doubles("stored_first_values")
        for i in 0..<3 { #expect(abs(sync.values[i] - stored[i] * 0.001) < 1e-12) }
        #expect(nwb.timeSeriesPaths.contains("/acquisition/analog_sync"))
        #expect(!nwb.defaultBehaviourPaths.contains("/acquisition/analog_sync"))
    }

    @Test func intervalsMatchExpectedJSON() throws {
        let expected = try Fixtures.expected("units_behavior.expected.json")
        let intervals = try NWBFile.open(path).readIntervals()
        let trials = try #require(intervals["trials"])
        let rows = try #require(expected["trials"] as? [[NSNumber]])
        #expect(trials.starts == rows.map { $0[0].doubleValue } && trials.stops == rows.map { $0[1].doubleValue })
    }

    @Test func behaviourSelectionByNameAndMissingNameError() throws {
        let nwb = try NWBFile.open(path)
        var warnings: [String] = []
        let chosen = try nwb.readBehaviour(select: ["speed"], warnings: &warnings)
        #expect(chosen.map(\.path) == ["/processing/behavior/BehavioralTimeSeries/speed"])
        let e = try #require(throws: RecordingError.self) { try nwb.readBehaviour(select: ["pupil"], warnings: &warnings) }
        #expect(e.kind == .missingObject && e.hint?.contains("head_direction") == true)
    }
}
