import Foundation
import Tensors

/// A versioned, non-executable container for named Float32 tensors plus JSON metadata.
///
/// Layout (all integers little-endian):
///
///     offset 0   8 bytes   magic "XCBRCKPT"
///     offset 8   UInt32    format version (currently 1)
///     offset 12  UInt32    reserved, 0
///     offset 16  UInt64    H, byte length of the header
///     offset 24  H bytes   UTF-8 JSON: {"format":"xcebra-checkpoint","version":1,
///                          "tensors":[{"name","shape","offset"}], "metadata":{String: String}}
///     then       raw IEEE-754 float32 little-endian data; "offset" counts bytes from here.
///
/// Metadata values are strings (higher layers store JSON-encoded configurations in them).
/// Files are written to a temporary name and renamed into place.
public struct Checkpoint: Equatable {
    public static let magic = Array("XCBRCKPT".utf8)
    public static let formatVersion: UInt32 = 1

    public var tensors: [(name: String, tensor: Tensor)]
    public var metadata: [String: String]

    public init(tensors: [(name: String, tensor: Tensor)] = [], metadata: [String: String] = [:]) {
        self.tensors = tensors
        self.metadata = metadata
    }

    public static func == (a: Checkpoint, b: Checkpoint) -> Bool {
        a.metadata == b.metadata && a.tensors.count == b.tensors.count
            && zip(a.tensors, b.tensors).allSatisfy { $0.name == $1.name && $0.tensor == $1.tensor }
    }

    /// The tensor called `name`.
    public func tensor(_ name: String) -> Tensor? { tensors.first { $0.name == name }?.tensor }

    private struct Header: Codable {
        struct Entry: Codable { var name: String; var shape: [Int]; var offset: Int }
        var format: String
        var version: UInt32
        var tensors: [Entry]
        var metadata: [String: String]
    }

    /// Serialises to bytes.
    public func encoded() throws -> Data {
        var entries: [Header.Entry] = []
        var offset = 0
        for (name, t) in tensors {
            entries.append(.init(name: name, shape: t.shape, offset: offset))
            offset += t.count * 4
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let header = try encoder.encode(Header(format: "xcebra-checkpoint", version: Checkpoint.formatVersion,
                                               tensors: entries, metadata: metadata))
        var data = Data(Checkpoint.magic)
        data.appendLittleEndian(Checkpoint.formatVersion)
        data.appendLittleEndian(UInt32(0))
        data.appendLittleEndian(UInt64(header.count))
        data.append(header)
        data.reserveCapacity(data.count + offset)
        for (_, t) in tensors {
            t.scalars.withUnsafeBufferPointer { p in
                for x in p { data.appendLittleEndian(x.bitPattern) }
            }
        }
        return data
    }

    /// Parses bytes; `path` only labels errors.
    public init(decoding data: Data, path: String = "<memory>") throws {
        let bytes = [UInt8](data)
        guard bytes.count >= 24, Array(bytes[0..<8]) == Checkpoint.magic else { throw CheckpointError.notACheckpoint(path: path) }
        let version = UInt32(littleEndianBytes: bytes[8..<12])
        guard version <= Checkpoint.formatVersion else {
            throw CheckpointError.unsupportedVersion(path: path, found: version, supported: Checkpoint.formatVersion)
        }
        let h = Int(UInt64(littleEndianBytes: bytes[16..<24]))
        guard h >= 0, 24 + h <= bytes.count else { throw CheckpointError.corrupt(path: path, reason: "header length \(h) exceeds file size \(bytes.count)") }
        let header: Header
        do { header = try JSONDecoder().decode(Header.self, from: Data(bytes[24..<(24 + h)])) } catch {
            throw CheckpointError.corrupt(path: path, reason: "header is not valid JSON (\(error))")
        }
        guard header.format == "xcebra-checkpoint" else { throw CheckpointError.corrupt(path: path, reason: "header format '\(header.format)'") }
        let base = 24 + h
        var tensors: [(name: String, tensor: Tensor)] = []
        for e in header.tensors {
            guard e.shape.allSatisfy({ $0 >= 0 }), e.offset >= 0 else {
                throw CheckpointError.corrupt(path: path, reason: "tensor '\(e.name)' has a negative shape or offset")
            }
            let n = e.shape.reduce(1, *)
            let start = base + e.offset, end = start + 4 * n
            guard end <= bytes.count else {
                throw CheckpointError.corrupt(path: path, reason: "tensor '\(e.name)' \(e.shape) runs past the end of the file (truncated?)")
            }
            var scalars = [Float](repeating: 0, count: n)
            for i in 0..<n {
                scalars[i] = Float(bitPattern: UInt32(littleEndianBytes: bytes[(start + 4 * i)..<(start + 4 * i + 4)]))
            }
            tensors.append((e.name, Tensor(shape: e.shape, scalars: scalars)))
        }
        self.init(tensors: tensors, metadata: header.metadata)
    }

    /// Writes atomically: a temporary file in the same folder, then a rename.
    public func write(to url: URL) throws {
        let data = try encoded()
        try AtomicFile.write(data, to: url)
    }

    /// Reads a checkpoint file.
    public init(contentsOf url: URL) throws {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw CheckpointError.corrupt(path: url.path, reason: "cannot be read (\(error.localizedDescription))")
        }
        try self.init(decoding: data, path: url.path)
    }
}

/// Writing through a temporary file and a rename, so readers never see half a file.
public enum AtomicFile {
    public static func write(_ data: Data, to url: URL) throws {
        let dir = url.deletingLastPathComponent()
        let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).\(UInt64.random(in: 0...UInt64.max)).tmp")
        try data.write(to: tmp)
        if rename(tmp.path, url.path) != 0 {
            let err = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: tmp)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "cannot rename into \(url.path): \(err)"])
        }
    }
}

extension Data {
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ v: T) {
        Swift.withUnsafeBytes(of: v.littleEndian) { append(contentsOf: $0) }
    }
}

extension FixedWidthInteger {
    init(littleEndianBytes b: ArraySlice<UInt8>) {
        var v: Self = 0
        for (i, byte) in b.enumerated() { v |= Self(byte) << (8 * i) }
        self = v
    }
}
