import Foundation
import Testing
@testable import Recordings

@Suite struct NPYTests {
    func npy(_ name: String) -> String { Fixtures.path("npy/" + name) }

    @Test func readsNumpyWrittenArraysOfEveryDtype() throws {
        let f = try NPY.read(npy("fortran.npy"))
        #expect(f.shape == [2, 3, 4] && f.values == (0..<24).map(Double.init))
        let be = try NPY.read(npy("bigendian.npy"))
        #expect(be.dtype == ">i4" && be.shape == [2, 3] && be.values == [1, -2, 3, 40000, -5, 6])
        #expect(try NPY.read(npy("uint16.npy")).values == [0, 65535, 7])
        #expect(try NPY.read(npy("bool.npy")).values == [1, 0, 1])
        #expect(try NPY.read(npy("int8.npy")).values == [-128, 127, 0])
        #expect(try NPY.read(npy("big_f4.npy")).values == [1.5, -2.25])
        #expect(try NPY.read(npy("v2.npy")).values == [1, 2, 3])
        let v3 = try NPY.read(npy("v3.npy"))
        #expect(v3.shape == [1, 2] && v3.values == [7, 8])
    }

    @Test func npzStoredAndDeflatedGiveSameArrays() throws {
        for name in ["stored.npz", "deflated.npz"] {
            let path = npy(name)
            #expect(Set(try NPZ.keys(path)) == ["neural", "behavior"])
            let neural = try NPZ.read(path, key: "neural")
            #expect(neural.shape == [5, 3] && neural.dtype == "<f4" && neural.values == (0..<15).map { Double($0) / 4 })
            let behaviour = try NPZ.read(path, key: "behavior")
            #expect(behaviour.shape == [5, 2] && abs(behaviour.values[9] - 1) < 1e-15)
            #expect(try NPZ.read(path).values.count > 0)
        }
        let e = try #require(throws: RecordingError.self) { try NPZ.read(npy("stored.npz"), key: "spikes") }
        #expect(e.kind == .missingObject && e.hint?.contains("neural") == true)
    }

    @Test func objectAndComplexArraysAreRejected() throws {
        let e = try #require(throws: RecordingError.self) { try NPY.read(npy("object.npy")) }
        #expect(e.kind == .unsupported && e.hint == "re-save as .npz (numeric arrays only)")
        let c = try #require(throws: RecordingError.self) { try NPY.read(npy("complex.npy")) }
        #expect(c.kind == .wrongType)
    }

    @Test func roundTripNpyAndNpz() throws {
        let dir = try Fixtures.scratchDirectory()
        let values = (0..<12).map { Double($0) * 0.5 - 2 }
        let path = dir.appendingPathComponent("a.npy").path
        try Data(NPY.encode(values, shape: [3, 4])).write(to: URL(fileURLWithPath: path))
        #expect(try NPY.read(path) == NumericArray(shape: [3, 4], values: values, dtype: "<f8"))
        let z = dir.appendingPathComponent("b.npz").path
        try NPZ.write([("x", NumericArray(shape: [12], values: values, dtype: "<f4")), ("ids", NumericArray(shape: [2], values: [5, -7], dtype: "<i8"))], to: z)
        #expect(try NPZ.read(z, key: "x").values == values)
        #expect(try NPZ.read(z, key: "ids") == NumericArray(shape: [2], values: [5, -7], dtype: "<i8"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["a.npy", "b.npz"])
    }

    @Test func pickleScannerFindsFrameRate() throws {
        #expect(Suite2pReader.frameRate(in: Fixtures.path("suite2p/plane0")) == 30)
        #expect(Suite2pReader.frameRate(in: Fixtures.path("suite2p/plane_npfs")) == 15.5)
        #expect(Suite2pReader.frameRate(in: Fixtures.path("suite2p/plane_nofs")) == nil)
    }

    @Test func csvWithAndWithoutHeader() throws {
        let t = try CSVTable.parse("x,y,speed\n0,1,2\n3,4,5\n", file: "t.csv")
        #expect(t.columns == ["x", "y", "speed"] && t.rowCount == 2 && t.column("speed") == [2, 5])
        let u = try CSVTable.parse("1\t2\n3\t4", file: "u.csv")
        #expect(u.columns == ["0", "1"] && u.values == [1, 2, 3, 4])
        let e = try #require(throws: RecordingError.self) { try CSVTable.parse("a,b\n1,x\n", file: "v.csv") }
        #expect(e.kind == .malformed && e.object == "line 2, column 'b'")
    }
}

@Suite struct FolderReaderTests {
    @Test func suite2pPlaneFolder() throws {
        let contents = try Suite2pReader.read(Fixtures.path("suite2p/plane0"))
        guard case let .calcium(c) = contents.neural else { Issue.record("not calcium"); return }
        #expect(c.roiIds == [0, 2, 3] && c.droppedNotCells == [1])
        #expect(c.frameCount == 60 && abs(c.timestamps[30] - 1) < 1e-12)
        // F[2,5] − 0.7·Fneu[2,5] (numpy, float64 arithmetic on the float32 values)
        #expect(abs(Double(c.values[5 * 3 + 1]) - 85.90879325866699) < 1e-4)
        let spks = try Suite2pReader.read(Fixtures.path("suite2p/plane_nofs"), fs: 10, trace: .spks)
        guard case let .calcium(s) = spks.neural else { return }
        #expect(s.signal == .deconvolved && abs(Double(s.values[59 * 3 + 2]) - 0.9176725149154663) < 1e-7)
        #expect(abs(s.timestamps[1] - 0.1) < 1e-12)
        let session = try SessionAssembler.assemble(contents)
        #expect(session.neuralKind == .calcium(.dff) && session.neuronCount == 3)
    }

    @Test func suite2pWithoutFrameRateAsksForFs() throws {
        let e = try #require(throws: RecordingError.self) { try Suite2pReader.read(Fixtures.path("suite2p/plane_nofs")) }
        #expect(e.kind == .missingParameter && e.message == "frame rate not found in ops.npy/settings.npy (key 'fs'); pass --fs")
    }

    @Test func kilosortFolderWithCuratedLabels() throws {
        let contents = try KilosortReader.read(Fixtures.path("kilosort"))
        guard case let .spikes(s) = contents.neural else { Issue.record("not spikes"); return }
        // cluster 2 is curated "noise" (group wins over KSLabel good); 3 is curated "mua".
        #expect(s.ids == [0, 1, 3])
        #expect(contents.dropped["noise_cluster"] == [2])
        #expect(s.columns["quality"] == ["good", "mua", "mua"])
        #expect(s.times[0] == [0.001, 0.003, 1.5])
        #expect(s.times[1] == [0.002, 0.1])
        #expect(contents.parameters["sample_rate"] == "30000." && contents.parameters["dat_path"] == "/data/rec.bin")
        let good = try KilosortReader.read(Fixtures.path("kilosort"), quality: .good)
        guard case let .spikes(g) = good.neural else { return }
        #expect(g.ids == [0] && good.dropped["not_good_cluster"] == [1, 3])
    }
}
