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
        let truth = try #require(try NWBFile.open(out).readGroundTruth())
        #expect(truth.neuronIds == units.ids && truth.truth == session.groundTruth)
        #expect(try SessionAssembler.assemble(back).groundTruth == session.groundTruth)
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

@Suite struct NWBGroundTruthTests {
    @Test func groundTruthFollowsKeptUnitsById() throws {
        let units = SpikeTrains(ids: [10, 11, 12], times: [[0.1, 0.5], [], [0.2, 0.9]], columns: ["cell_type": ["place", "speed", "place"]],
                                sourcePath: "/units")
        let truth = GroundTruth(variables: ["position", "speed"], encodes: [[true, false, true], [false, true, false]],
                                cellTypes: ["place", "speed", "place"])
        let out = try Fixtures.scratchDirectory().appendingPathComponent("gt.nwb").path
        try NWBWriter.write(to: out, metadata: .init(identifier: "gt", sessionDescription: "ground truth"), units: units, groundTruth: truth)
        let stored = try #require(try NWBFile.open(out).readGroundTruth())
        #expect(stored == NeuronGroundTruth(neuronIds: [10, 11, 12], truth: truth))
        // unit 11 has no spike and is dropped: its ground-truth column goes with it
        let session = try SessionLoader.load(out)
        #expect(session.neurons.map(\.id) == [10, 12])
        #expect(session.groundTruth == GroundTruth(variables: ["position", "speed"], encodes: [[true, true], [false, false]],
                                                   cellTypes: ["place", "place"]))
        #expect(session.provenance.dropped["too_few_spikes"] == [11])
    }

    @Test func groundTruthNamingAMissingNeuronIsRejected() throws {
        let units = SpikeTrains(ids: [1], times: [[0.1]], sourcePath: "/units")
        let out = try Fixtures.scratchDirectory().appendingPathComponent("bad.nwb").path
        #expect(throws: RecordingError.self) {
            try NWBWriter.write(to: out, metadata: .init(identifier: "x", sessionDescription: "x"), neural: .units(units),
                                groundTruth: NeuronGroundTruth(neuronIds: [2], truth: GroundTruth(variables: ["v"], encodes: [[true]])))
        }
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func acquisitionSeriesIsContinuousAndAmbiguityIsAnError() throws {
        let dir = try Fixtures.scratchDirectory()
        let out = dir.appendingPathComponent("ts.nwb").path
        let values: [Float] = (0..<40).map { Float($0) / 4 }
        try NWBWriter.write(to: out, metadata: .init(identifier: "ts", sessionDescription: "x"),
                            neural: .acquisition(.init(name: "rates", clock: .regular(start: 2, rate: 5), values: values, columns: 4,
                                                       description: "test")))
        let contents = try NWBReader.read(out)
        guard case let .continuous(ts, v, ids, p) = contents.neural else { Issue.record("expected continuous"); return }
        #expect(ts == (0..<10).map { 2 + Double($0) / 5 } && v == values && ids == [0, 1, 2, 3] && p == "/acquisition/rates")
        #expect(contents.parameters["neural_choice"] == "the only TimeSeries in /acquisition")
        // two 2-D series: the reader will not guess
        let two = dir.appendingPathComponent("two.nwb").path
        do {
            let f = try HDF5File.create(two)
            try NWBWriter.typed(f, "NWBFile", "core")
            try f.setAttribute("nwb_version", string: "2.8.0")
            let acq = try f.createGroup("acquisition")
            for name in ["a", "b"] {
                try NWBWriter.writeAcquisition(.init(name: name, clock: .regular(start: 0, rate: 1), values: values, columns: 4, description: name), into: acq)
            }
        }
        #expect { try NWBReader.read(two) } throws: { ($0 as? RecordingError)?.kind == .noNeuralData }
        guard case .continuous(_, _, _, "/acquisition/b") = try NWBReader.read(two, neural: "b").neural else {
            Issue.record("--neural b not honoured"); return
        }
    }
}
