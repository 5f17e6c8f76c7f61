import Foundation
import Testing
@testable import Recordings

/// CEBRA-style inputs (data-formats §2): npy, npz, generic HDF5, CSV, MATLAB v7.3, through `SessionLoader`.
@Suite struct CEBRAInputTests {
    /// The fixture arrays (Fixtures/cebra, written by h5py/scipy): neural[t, n] = (5t + n) / 10, T = 40, N = 5;
    /// behaviour[t] = (sin(t/5), cos(t/5)).
    static let T = 40, N = 5
    static let neural: [Double] = (0..<(T * N)).map { Double($0) / 10 }
    static let behaviour: [Double] = (0..<T).flatMap { [sin(Double($0) / 5), cos(Double($0) / 5)] }

    /// numpy's and Foundation's sin/cos may differ in the last bit.
    func close(_ a: [Double]?, _ b: [Double]) -> Bool { a.map { $0.count == b.count && zip($0, b).allSatisfy { abs($0 - $1) < 1e-14 } } ?? false }

    func writeNPZ(_ dir: URL, transposed: Bool) throws -> String {
        let path = dir.appendingPathComponent("session.npz").path
        let n = transposed ? (0..<Self.N).flatMap { c in (0..<Self.T).map { Self.neural[$0 * Self.N + c] } } : Self.neural
        try NPZ.write([("neural", NumericArray(shape: transposed ? [Self.N, Self.T] : [Self.T, Self.N], values: n, dtype: "<f4")),
                       ("behavior", NumericArray(shape: [Self.T, 2], values: Self.behaviour, dtype: "<f8"))], to: path)
        return path
    }

    @Test func npzNeuralStoredNeuronsByTimeIsOrientedByBehaviourLength() throws {
        let path = try writeNPZ(try Fixtures.scratchDirectory(), transposed: true)
        var options = SessionLoader.Options()
        options.arrays.behaviour = "behavior"
        options.arrays.sampleRate = 20
        options.arrays.behaviourNames = ["x", "y"]
        let s = try SessionLoader.load(path + ":neural", options: options)
        #expect(s.neural.shape == [Self.T, Self.N] && s.neuralKind == .continuous)
        #expect(s.neural.scalars == Self.neural.map(Float.init))
        #expect(s.timestamps == (0..<Self.T).map { Double($0) / 20 })
        #expect(s.behaviour.map(\.name) == ["x", "y"] && close(s.behaviour(named: "y")?.values, (0..<Self.T).map { cos(Double($0) / 5) }))
        #expect(s.provenance.parameters["time_axis"] == "1" && s.provenance.reader == "array")
    }

    @Test func npyWithoutBehaviourAssumesRowsAreTimeAndWarnsAboutTheClock() throws {
        let dir = try Fixtures.scratchDirectory()
        let path = dir.appendingPathComponent("x.npy").path
        try Data(NPY.encode(Self.neural, shape: [Self.T, Self.N], dtype: "<f8")).write(to: URL(fileURLWithPath: path))
        let s = try SessionLoader.load(path)
        #expect(s.neural.shape == [Self.T, Self.N] && s.timestamps.last == Double(Self.T - 1))
        #expect(s.provenance.warnings.contains { $0.contains("1 Hz") })
        // stored (N, T) with no behaviour: ambiguous, and the message says how to resolve it
        let wide = dir.appendingPathComponent("wide.npy").path
        try Data(NPY.encode(Self.neural, shape: [Self.N, Self.T], dtype: "<f8")).write(to: URL(fileURLWithPath: wide))
        let error = try #require(throws: RecordingError.self) { try SessionLoader.load(wide) }
        #expect(error.kind == .ambiguousOrientation && error.description.contains("[5, 40]") && error.description.contains("--time-axis"))
        var options = SessionLoader.Options()
        options.arrays.timeAxis = 1
        #expect(try SessionLoader.load(wide, options: options).neural.shape == [Self.T, Self.N])
    }

    @Test func csvBehaviourHeaderNamesColumnsAndColumnsCanBeSelected() throws {
        let dir = try Fixtures.scratchDirectory()
        let neural = try writeNPZ(dir, transposed: false)
        let csv = dir.appendingPathComponent("behaviour.csv").path
        let text = "speed,angle,lick\n" + (0..<Self.T).map { "\(Double($0) * 0.5),\(Self.behaviour[2 * $0]),\($0 % 2)" }.joined(separator: "\n")
        try text.write(toFile: csv, atomically: true, encoding: .utf8)
        var options = SessionLoader.Options()
        options.arrays.behaviour = csv
        options.arrays.behaviourColumns = [0, 2]
        let s = try SessionLoader.load(neural + ":neural", options: options)
        #expect(s.behaviour.map(\.name) == ["speed", "lick"])
        #expect(s.behaviour(named: "speed")?.values == (0..<Self.T).map { Double($0) * 0.5 })
        options.arrays.behaviourColumns = [5]
        #expect { try SessionLoader.load(neural + ":neural", options: options) } throws: { ($0 as? RecordingError)?.kind == .invalidArgument }
    }

    @Test func genericHDF5WithTimestampsDatasetAndDatasetKeys() throws {
        var options = SessionLoader.Options()
        options.arrays.behaviour = ":data/position"
        options.arrays.timestamps = "data/time"
        let s = try SessionLoader.load(Fixtures.path("cebra/generic.h5") + ":data/neural", options: options)
        #expect(s.neural.scalars == Self.neural.map(Float.init))
        #expect(s.timestamps == (0..<Self.T).map { Double($0) * 0.05 })
        let b = try #require(s.behaviour.first)
        #expect(b.columns == 2 && close(b.values, Self.behaviour))
        // default key: the first numeric dataset in name order (/data/neural)
        options.arrays.timestamps = nil
        options.arrays.sampleRate = 20
        #expect(try SessionLoader.load(Fixtures.path("cebra/generic.h5"), options: options).neuronCount == Self.N)
        #expect { try SessionLoader.load(Fixtures.path("cebra/generic.h5") + ":data/missing") } throws: {
            ($0 as? RecordingError)?.kind == .missingObject
        }
    }

    @Test func matlabV73ReversesDimensionsBack() throws {
        let path = Fixtures.path("cebra/v73.mat")
        #expect(try MATFile.variables(path) == ["behavior", "label", "neural", "t"])
        let (_, a) = try MATFile.read(path, variable: "neural")
        #expect(a.shape == [Self.T, Self.N] && a.values == Self.neural.map { Double(Float($0)) })
        var options = SessionLoader.Options()
        options.arrays.behaviour = "behavior"
        options.arrays.timestamps = "t"
        let s = try SessionLoader.load(path + ":neural", options: options)
        #expect(s.provenance.parameters["time_axis"] == "0")
        #expect(s.timestamps == (0..<Self.T).map { Double($0) / 20 })
        #expect(close(s.behaviour.first?.values, Self.behaviour))
        #expect { try MATFile.read(path, variable: "label") } throws: { ($0 as? RecordingError)?.kind == .wrongType }
    }

    @Test(arguments: ["cebra/v5.mat", "cebra/dlc_pandas.h5", "cebra/session.pkl"])
    func unreadableFormatsSayResaveAsNPZ(_ fixture: String) throws {
        let error = try #require(throws: RecordingError.self) { try SessionLoader.load(Fixtures.path(fixture)) }
        #expect(error.kind == .unsupported)
        #expect(error.description.contains("re-save as .npz"))
    }

    @Test func torchFilesAreRejectedByName() throws {
        let path = try Fixtures.scratchDirectory().appendingPathComponent("model.pt").path
        try Data([0x50, 0x4b, 0x03, 0x04, 0, 0]).write(to: URL(fileURLWithPath: path))
        let error = try #require(throws: RecordingError.self) { try SessionLoader.load(path) }
        #expect(error.kind == .unsupported && error.description.contains("re-save as .npz"))
    }

    @Test func behaviourOfADifferentLengthIsAShapeError() throws {
        let dir = try Fixtures.scratchDirectory()
        let neural = try writeNPZ(dir, transposed: false)
        let b = dir.appendingPathComponent("b.npy").path
        try Data(NPY.encode([1, 2, 3], shape: [3])).write(to: URL(fileURLWithPath: b))
        var options = SessionLoader.Options()
        options.arrays.behaviour = b
        let error = try #require(throws: RecordingError.self) { try SessionLoader.load(neural + ":neural", options: options) }
        #expect(error.kind == .ambiguousOrientation && error.description.contains("share no length"))
        // a square neural array matches the behaviour on both axes: ambiguous
        let square = dir.appendingPathComponent("sq.npy").path
        try Data(NPY.encode([Double](repeating: 1, count: 9), shape: [3, 3])).write(to: URL(fileURLWithPath: square))
        let e2 = try #require(throws: RecordingError.self) { try SessionLoader.load(square, options: options) }
        #expect(e2.kind == .ambiguousOrientation && e2.description.contains("--time-axis"))
    }
}
