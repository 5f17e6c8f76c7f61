import Foundation
import Testing
@testable import Recordings

/// One malformed input and the error kind its reader must raise (never a crash).
struct MalformedCase: Sendable, CustomTestStringConvertible {
    var name: String
    var expected: RecordingError.Kind
    var run: @Sendable () throws -> Void
    var testDescription: String { name }
}

private let ks: [String: [UInt8]] = [
    "spike_times.npy": Broken.npy([30, 60, 90], shape: [3], dtype: "<i8"),
    "spike_clusters.npy": Broken.npy([0, 1, 0], shape: [3], dtype: "<i8"),
    "params.py": Broken.text("sample_rate = 30000.0\n"),
]

private func with(_ base: [String: [UInt8]], _ changes: [String: [UInt8]?]) -> [String: [UInt8]] {
    var out = base
    for (k, v) in changes { out[k] = v }
    return out
}

private let s2p: [String: [UInt8]] = [
    "F.npy": Broken.npy([1, 2, 3, 4, 5, 6], shape: [2, 3], dtype: "<f4"),
    "Fneu.npy": Broken.npy([0, 0, 0, 0, 0, 0], shape: [2, 3], dtype: "<f4"),
]

let malformedCases: [MalformedCase] = [
    // Files and signatures
    .init(name: "missing NWB file", expected: .fileNotFound) { _ = try NWBFile.open("/nonexistent/x.nwb") },
    .init(name: "JSON given as NWB", expected: .unrecognisedFormat) { _ = try NWBFile.open(Fixtures.path("units_behavior.expected.json")) },
    .init(name: "truncated NWB file", expected: .hdf5Failure) {
        _ = try NWBReader.read(try Broken.truncated(Fixtures.path("units_behavior.nwb"), to: 4000, name: "t.nwb"))
    },
    .init(name: "HDF5 written with libver latest", expected: .hdf5TooNew) { _ = try HDF5File.open(Fixtures.path("libver_latest.h5")).dataset("data").readDoubles() },
    .init(name: "NWB 1.x file", expected: .unsupported) {
        let path = Broken.dir().appendingPathComponent("v1.nwb").path
        let f = try HDF5File.create(path)
        try f.write("nwb_version", strings: ["NWB-1.0.6"], scalar: true)
        try f.flush()
        _ = try NWBFile.open(path)
    },
    .init(name: "plain HDF5 opened as NWB", expected: .unrecognisedFormat) {
        let path = Broken.dir().appendingPathComponent("plain.h5").path
        try HDF5ArrayWriter.write([.init(path: "/x", shape: [1], values: [1])], to: path)
        _ = try NWBFile.open(path)
    },
    .init(name: "NWB without any neural data", expected: .noNeuralData) { _ = try NWBReader.read(try Broken.nwb { _ in }) },
    // Units table
    .init(name: "Units without spike_times_index", expected: .missingObject) { _ = try NWBReader.read(try Broken.units(index: nil)) },
    .init(name: "Units index decreasing", expected: .inconsistentIndex) { _ = try NWBReader.read(try Broken.units(index: [2, 1])) },
    .init(name: "Units index beyond data", expected: .inconsistentIndex) { _ = try NWBReader.read(try Broken.units(index: [1, 5])) },
    .init(name: "Units index short of data", expected: .inconsistentIndex) { _ = try NWBReader.read(try Broken.units(index: [1, 2])) },
    .init(name: "Units index rows ≠ units", expected: .inconsistentIndex) { _ = try NWBReader.read(try Broken.units(index: [3])) },
    .init(name: "Units negative offset", expected: .inconsistentIndex) { _ = try NWBReader.read(try Broken.units(index: [-1, 3])) },
    .init(name: "spike_times stored as strings", expected: .wrongType) { _ = try NWBReader.read(try Broken.units(stringTimes: true)) },
    .init(name: "NaN spike time", expected: .nonFinite) { _ = try NWBReader.read(try Broken.units(times: [0.1, .nan, 0.3])) },
    .init(name: "empty Units table", expected: .empty) { _ = try NWBReader.read(try Broken.units(ids: [], times: [], index: [])) },
    .init(name: "obs_intervals with 3 columns", expected: .wrongShape) { _ = try NWBReader.read(try Broken.units(obsShape: [2, 3])) },
    // TimeSeries
    .init(name: "timestamps not increasing", expected: .nonMonotonicTimestamps) {
        var w: [String] = []
        _ = try NWBFile.open(try Broken.series(timestamps: [0, 2, 1])).readBehaviour(warnings: &w)
    },
    .init(name: "timestamps length ≠ data", expected: .wrongShape) {
        var w: [String] = []
        _ = try NWBFile.open(try Broken.series(timestamps: [0, 1])).readBehaviour(warnings: &w)
    },
    .init(name: "neither timestamps nor starting_time", expected: .missingObject) {
        var w: [String] = []
        _ = try NWBFile.open(try Broken.series(timestamps: nil)).readBehaviour(warnings: &w)
    },
    .init(name: "starting_time without rate", expected: .missingObject) {
        var w: [String] = []
        _ = try NWBFile.open(try Broken.series(timestamps: nil, startingTime: 0)).readBehaviour(warnings: &w)
    },
    .init(name: "negative rate", expected: .invalidArgument) {
        var w: [String] = []
        _ = try NWBFile.open(try Broken.series(timestamps: nil, startingTime: 0, rate: -5)).readBehaviour(warnings: &w)
    },
    .init(name: "3-D TimeSeries data", expected: .wrongShape) {
        var w: [String] = []
        _ = try NWBFile.open(try Broken.series(data: [1, 2, 3, 4, 5, 6, 7, 8], shape: [2, 2, 2], timestamps: [0, 1])).readBehaviour(warnings: &w)
    },
    .init(name: "NaN timestamp", expected: .nonFinite) {
        var w: [String] = []
        _ = try NWBFile.open(try Broken.series(timestamps: [0, .nan, 2])).readBehaviour(warnings: &w)
    },
    // Calcium
    .init(name: "NaN in ΔF/F traces", expected: .nonFinite) { _ = try NWBReader.read(try Broken.roiSeries(values: [1, 2, .nan, 4], rois: [0, 1], tableRows: 2)) },
    .init(name: "rois beyond the PlaneSegmentation", expected: .inconsistentIndex) {
        _ = try NWBReader.read(try Broken.roiSeries(values: [1, 2, 3, 4], rois: [0, 5], tableRows: 2))
    },
    // .npy / .npz
    .init(name: "npy truncated data", expected: .malformed) { _ = try NPY.read(try Broken.file("t.npy", Array(Broken.npy([1, 2, 3], shape: [3]).dropLast(4)))) },
    .init(name: "npy truncated header", expected: .malformed) { _ = try NPY.read(try Broken.file("h.npy", Array(Broken.npy([1], shape: [1]).prefix(30)))) },
    .init(name: "npy bad magic", expected: .unrecognisedFormat) { _ = try NPY.read(try Broken.file("m.npy", Broken.text("not numpy at all"))) },
    .init(name: "npy unknown version", expected: .unsupported) {
        var b = Broken.npy([1], shape: [1]); b[6] = 9
        _ = try NPY.read(try Broken.file("v.npy", b))
    },
    .init(name: "npy header without shape", expected: .malformed) {
        let h = "{'descr': '<f8', 'fortran_order': False, }\n"
        _ = try NPY.read(try Broken.file("s.npy", [0x93] + Broken.text("NUMPY") + [1, 0, UInt8(h.utf8.count), 0] + Broken.text(h) + [UInt8](repeating: 0, count: 8)))
    },
    .init(name: "npy object array", expected: .unsupported) { _ = try NPY.read(Fixtures.path("npy/object.npy")) },
    .init(name: "npy complex dtype", expected: .wrongType) { _ = try NPY.read(Fixtures.path("npy/complex.npy")) },
    .init(name: "npz truncated archive", expected: .malformed) {
        _ = try NPZ.read(try Broken.file("t.npz", Array(Broken.fixture("npy/deflated.npz").prefix(200))))
    },
    .init(name: "npz missing key", expected: .missingObject) { _ = try NPZ.read(Fixtures.path("npy/stored.npz"), key: "spikes") },
    .init(name: "npy given as npz", expected: .unrecognisedFormat) { _ = try NPZ.read(Fixtures.path("npy/bool.npy")) },
    // Folders
    .init(name: "empty folder", expected: .unrecognisedFormat) { _ = try RecordingSummary.describe(try Broken.folder([:])) },
    .init(name: "Suite2p without Fneu", expected: .missingObject) { _ = try Suite2pReader.read(try Broken.folder(with(s2p, ["Fneu.npy": nil])), fs: 10) },
    .init(name: "Suite2p without fs", expected: .missingParameter) { _ = try Suite2pReader.read(try Broken.folder(s2p)) },
    .init(name: "Suite2p Fneu shape ≠ F", expected: .wrongShape) {
        _ = try Suite2pReader.read(try Broken.folder(with(s2p, ["Fneu.npy": Broken.npy([0, 0], shape: [2, 1])])), fs: 10)
    },
    .init(name: "Suite2p all ROIs rejected by iscell", expected: .empty) {
        _ = try Suite2pReader.read(try Broken.folder(with(s2p, ["iscell.npy": Broken.npy([0, 0.1, 0, 0.2], shape: [2, 2])])), fs: 10)
    },
    .init(name: "Kilosort without params.py", expected: .missingObject) { _ = try KilosortReader.read(try Broken.folder(with(ks, ["params.py": nil]))) },
    .init(name: "Kilosort params.py with code", expected: .malformed) {
        _ = try KilosortReader.read(try Broken.folder(with(ks, ["params.py": Broken.text("import os\nsample_rate = os.environ['X']\n")])))
    },
    .init(name: "Kilosort without sample_rate", expected: .missingParameter) {
        _ = try KilosortReader.read(try Broken.folder(with(ks, ["params.py": Broken.text("n_channels_dat = 32\n")])))
    },
    .init(name: "Kilosort cluster count ≠ spike count", expected: .wrongShape) {
        _ = try KilosortReader.read(try Broken.folder(with(ks, ["spike_clusters.npy": Broken.npy([0, 1], shape: [2], dtype: "<i8")])))
    },
    .init(name: "Kilosort spike times as floats", expected: .wrongType) {
        _ = try KilosortReader.read(try Broken.folder(with(ks, ["spike_times.npy": Broken.npy([0.5, 1, 2], shape: [3])])))
    },
    .init(name: "Kilosort TSV without cluster_id", expected: .malformed) {
        _ = try KilosortReader.read(try Broken.folder(with(ks, ["cluster_group.tsv": Broken.text("cid\tgroup\n0\tgood\n")])))
    },
    // Text and pickles
    .init(name: "CSV with a text cell", expected: .malformed) { _ = try CSVTable.read(try Broken.file("a.csv", Broken.text("x,y\n1,2\n3,oops\n"))) },
    .init(name: "CSV with a short row", expected: .malformed) { _ = try CSVTable.read(try Broken.file("b.csv", Broken.text("x,y\n1,2\n3\n"))) },
    .init(name: "CSV header only", expected: .empty) { _ = try CSVTable.read(try Broken.file("c.csv", Broken.text("x,y\n"))) },
    .init(name: "pickle file", expected: .unsupported) { _ = try RecordingSummary.describe(try Broken.file("d.pkl", [0x80, 0x04])) },
]

@Suite struct MalformedInputTests {
    @Test(arguments: malformedCases)
    func raisesTheExpectedErrorKind(_ c: MalformedCase) {
        do {
            try c.run()
            Issue.record("\(c.name): no error")
        } catch let error as RecordingError {
            #expect(error.kind == c.expected, "\(c.name): \(error.description)")
            #expect(!error.file.isEmpty && !error.message.isEmpty)
        } catch {
            Issue.record("\(c.name): untyped error \(error)")
        }
    }

    @Test func atLeastThirtyCases() { #expect(malformedCases.count >= 30) }
}
