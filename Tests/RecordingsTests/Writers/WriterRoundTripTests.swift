import Foundation
import Testing
@testable import Recordings

@Suite struct WriterRoundTripTests {
    @Test func nwbUnitsAndBehaviourRoundTrip() throws {
        let source = try NWBReader.read(Fixtures.path("units_behavior.nwb"))
        guard case let .spikes(units) = source.neural else { Issue.record("no spikes"); return }
        let session = try SessionAssembler.assemble(source)
        let dir = try Fixtures.scratchDirectory()
        let out = dir.appendingPathComponent("copy.nwb").path
        try NWBWriter.write(to: out, metadata: .init(identifier: "copy", sessionDescription: "round trip"), units: units,
                            behaviour: source.behaviour, groundTruth: session.groundTruth)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["copy.nwb"])
        let back = try NWBReader.read(out)
        guard case let .spikes(u2) = back.neural else { Issue.record("no spikes back"); return }
        #expect(u2.ids == units.ids && u2.times == units.times)
        #expect(u2.columns["quality"] == units.columns["quality"] && u2.columns["cell_type"] == units.columns["cell_type"])
        #expect(back.behaviour.count == source.behaviour.count)
        for s in source.behaviour {
            let t = try #require(back.behaviour.first { $0.name == s.name })
            #expect(t.values == s.values && t.timestamps == s.timestamps && t.columns == s.columns && t.isCircular == s.isCircular && t.unit == s.unit)
        }
        #expect(try NWBWriter.readGroundTruth(try NWBFile.open(out)) == session.groundTruth)
    }

    @Test func hdf5ArraysRoundTrip() throws {
        let dir = try Fixtures.scratchDirectory()
        let out = dir.appendingPathComponent("embedding.h5").path
        let values = (0..<600).map { Float($0) * 0.25 - 7 }
        try HDF5ArrayWriter.write([
            .init(path: "/embedding", shape: [200, 3], values: values, stringAttributes: ["model": "offset10-model"], numberAttributes: ["seed": 7]),
            .init(path: "/attribution/map", shape: [3, 2], values: [1, 2, 3, 4, 5, 6]),
        ], to: out)
        let file = try HDF5File.open(out)
        let e = try file.dataset("/embedding")
        #expect(try e.elementType() == .float(bytes: 4))
        #expect(try e.readFloats() == HDF5Array(shape: [200, 3], values: values))
        #expect(try e.stringAttribute("model") == "offset10-model" && e.doubleAttribute("seed") == 7)
        #expect(try file.dataset("/attribution/map").readFloats().values == [1, 2, 3, 4, 5, 6])
        // overwrite in place through the temporary file
        try HDF5ArrayWriter.write([.init(path: "/x", shape: [1], values: [1])], to: out)
        #expect(!(try HDF5File.open(out)).exists("/embedding"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["embedding.h5"])
    }

    @Test func hdf5WriterFixedAndVariableStringsAndLinks() throws {
        let dir = try Fixtures.scratchDirectory()
        let out = dir.appendingPathComponent("s.h5").path
        do {
            let f = try HDF5File.create(out)
            try f.write("names", strings: ["α", "", "long name"])
            try f.write("one", strings: ["scalar"], scalar: true)
            try f.write("t", doubles: [1, 2], shape: [2])
            try f.createSoftLink("t_link", to: "/t")
        }
        let f = try HDF5File.open(out)
        #expect(try f.dataset("names").readStrings() == ["α", "", "long name"])
        #expect(try f.dataset("one").readString() == "scalar")
        #expect(try f.dataset("t_link").readDoubles().values == [1, 2])
        #expect(try f.children().first { $0.name == "t_link" }?.target == .softLink("/t"))
    }
}
