import Foundation
import Testing
@testable import Recordings

@Suite struct HDF5ReadingTests {
    let units = Fixtures.path("units_behavior.nwb")

    @Test func readsIndexColumnOfAnyIntegerTypeAsInt64() throws {
        let file = try HDF5File.open(units)
        let index = try file.dataset("/units/spike_times_index")
        #expect(try index.elementType() == .integer(bytes: 2, signed: false))
        let values = try index.readInt64s()
        let expected = try Fixtures.expected("units_behavior.expected.json")
        #expect(values.values.map(Int.init) == expected.ints("spike_times_index"))
        #expect(values.shape == [20])
    }

    @Test func readsDoublesWithShape() throws {
        let file = try HDF5File.open(units)
        let obs = try file.dataset("/units/obs_intervals").readDoubles()
        #expect(obs.shape == [21, 2])
        #expect(obs.values[0] == 0 && obs.values[1] == 60)
        let sync = try file.dataset("/acquisition/analog_sync/data")
        #expect(try sync.elementType() == .integer(bytes: 2, signed: true))
        let syncValues = try sync.readDoubles()
        #expect(syncValues.shape == [5950])
        #expect(Array(syncValues.values.prefix(3)) == [0, 31, 62])
    }

    @Test func readsStringsAndAttributes() throws {
        let file = try HDF5File.open(units)
        #expect(try file.stringAttribute("neurodata_type") == "NWBFile")
        #expect(try file.stringAttribute("nwb_version") == "2.11.0")
        let unitsGroup = try file.group("units")
        let colnames = try #require(try unitsGroup.stringsAttribute("colnames"))
        #expect(colnames.contains("spike_times") && colnames.count == 7)
        let quality = try unitsGroup.dataset("quality").readStrings()
        #expect(quality.count == 20 && quality[0] == "mua" && quality[1] == "good")
        #expect(try file.dataset("/identifier").readString() == "xcebra-fixture-units-behavior-v1")
        let position = try file.dataset("/processing/behavior/Position/position/data")
        #expect(try position.doubleAttribute("conversion") == 0.01)
        #expect(try position.stringAttribute("unit") == "meters")
        #expect(try position.doubleAttribute("missing") == nil)
        #expect(throws: RecordingError.self) { try position.doubleAttribute("unit") }
    }

    @Test func followsSoftLinksAndReportsThemInWalk() throws {
        let file = try HDF5File.open(units)
        let linked = try file.dataset("/processing/behavior/BehavioralTimeSeries/speed/timestamps").readDoubles()
        let original = try file.dataset("/processing/behavior/Position/position/timestamps").readDoubles()
        #expect(linked == original)
        let nodes = try file.walk(skipping: ["/specifications"])
        #expect(!nodes.contains { $0.path.hasPrefix("/specifications/") })
        let link = try #require(nodes.first { $0.path == "/processing/behavior/BehavioralTimeSeries/speed/timestamps" })
        #expect(link.target == .softLink("/processing/behavior/Position/position/timestamps"))
        let unitsNode = try #require(nodes.first { $0.path == "/units" })
        #expect(unitsNode.neurodataType == "Units" && unitsNode.namespace == "core")
        #expect(nodes.contains { $0.neurodataType == "VectorIndex" && $0.namespace == "hdmf-common" })
    }

    @Test func readsHyperslabRows() throws {
        let file = try HDF5File.open(Fixtures.path("ophys_behavior.nwb"))
        let data = try file.dataset("/processing/ophys/Fluorescence/RoiResponseSeries/data")
        let all = try data.readFloats()
        let part = try data.readFloats(rows: 300..<305)
        #expect(part.shape == [5, 30])
        #expect(part.values == Array(all.values[(300 * 30)..<(305 * 30)]))
    }

    @Test func missingObjectsAreTypedErrors() throws {
        let file = try HDF5File.open(units)
        let e = try #require(throws: RecordingError.self) { try file.dataset("/units/nope/deeper") }
        #expect(e.kind == .missingObject && e.object == "/units/nope/deeper")
        #expect(!file.exists("/units/nope/deeper"))
        #expect(file.exists("/units/spike_times"))
    }

    @Test func tooNewFileGivesTheExactSentence() throws {
        let path = Fixtures.path("libver_latest.h5")
        let file = try HDF5File.open(path)
        let e = try #require(throws: RecordingError.self) { try file.dataset("/data").readFloats() }
        #expect(e.kind == .hdf5TooNew)
        #expect(e.description == "error: cannot read \(path):/data: the file uses an HDF5 format newer than this build's HDF5 \(HDF5Library.version) can decode (typically h5py libver='latest' or HDF5 2.x). Re-save it with default h5py/pynwb settings, or with libver bounds ('earliest', 'v110').")
    }

    @Test func nonHDF5FileNamesItsSignature() throws {
        let e = try #require(throws: RecordingError.self) { try HDF5File.open(Fixtures.path("units_behavior.expected.json")) }
        #expect(e.kind == .unrecognisedFormat)
        #expect(e.message.contains("found signature \"{\\x0a \"file\""))
    }
}
