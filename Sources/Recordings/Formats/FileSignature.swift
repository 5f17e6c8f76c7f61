import Foundation

/// Magic-byte checks run before any parser, so a wrong file gives "what the signature was, and the
/// expected formats" (data-formats §4) instead of a library error.
public enum FileSignature: String, Sendable {
    case hdf5 = "HDF5 (\\x89HDF\\r\\n\\x1a\\n)"
    case zip = "ZIP (PK\\x03\\x04)"
    case npy = "NumPy .npy (\\x93NUMPY)"

    /// The first `count` bytes of a file (fewer when it is shorter).
    static func head(_ path: String, count: Int) -> [UInt8]? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        return [UInt8]((try? handle.read(upToCount: count)) ?? Data())
    }

    /// Printable rendering of leading bytes, e.g. `"PK\x03\x04"`.
    static func render(_ bytes: [UInt8]) -> String {
        if bytes.isEmpty { return "an empty file" }
        let text = bytes.prefix(8).map { b -> String in
            (32..<127).contains(b) ? String(UnicodeScalar(b)) : String(format: "\\x%02x", b)
        }.joined()
        return "\"\(text)\""
    }

    static func matches(_ bytes: [UInt8], _ kind: FileSignature) -> Bool {
        switch kind {
        case .hdf5: return bytes.starts(with: [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a])
        case .zip: return bytes.starts(with: [0x50, 0x4b, 0x03, 0x04]) || bytes.starts(with: [0x50, 0x4b, 0x05, 0x06])
        case .npy: return bytes.starts(with: [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59])
        }
    }

    /// Throws `.fileNotFound` or `.unrecognisedFormat` unless `path` starts with the signature of `kind`.
    /// HDF5 also allows a user block (MATLAB v7.3: 512 bytes), so its signature is searched at 0, 512, 1024, ...
    public static func require(_ path: String, is kind: FileSignature) throws(RecordingError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw RecordingError(.fileNotFound, file: path, "file not found", hint: "check the path")
        }
        guard let bytes = head(path, count: 8) else {
            throw RecordingError(.fileNotFound, file: path, "file cannot be opened for reading", hint: "check permissions")
        }
        if matches(bytes, kind) { return }
        if kind == .hdf5, let handle = FileHandle(forReadingAtPath: path) {
            defer { try? handle.close() }
            var offset: UInt64 = 512
            let size = (try? handle.seekToEnd()) ?? 0
            while offset + 8 <= size {
                try? handle.seek(toOffset: offset)
                if let d = try? handle.read(upToCount: 8), matches([UInt8](d), .hdf5) { return }
                offset *= 2
            }
        }
        var found = "signature \(render(bytes))"
        for other in [FileSignature.hdf5, .zip, .npy] where other != kind && matches(bytes, other) {
            found = "a \(other.rawValue) file"
        }
        throw RecordingError(.unrecognisedFormat, file: path, "not a \(kind.rawValue) file: found \(found)",
                             hint: "expected NWB/HDF5 (.nwb, .h5), .npy, .npz, .csv, a Suite2p plane folder or a Kilosort/Phy folder")
    }
}
