import Foundation
import ZIPFoundation

/// NumPy `.npz` archives: a ZIP of `.npy` members, stored or deflated (`np.savez`, `np.savez_compressed`).
public enum NPZ {
    /// Member names without the `.npy` suffix, in archive order.
    public static func keys(_ path: String) throws(RecordingError) -> [String] {
        try entries(path).map { String($0.path.dropLast(4)) }
    }

    /// Reads the array stored under `key`; without a key, the first numeric array.
    public static func read(_ path: String, key: String? = nil) throws(RecordingError) -> NumericArray {
        let (archive, members) = try open(path)
        if let key {
            guard let entry = members.first(where: { $0.path == key + ".npy" || $0.path == key }) else {
                throw RecordingError(.missingObject, file: path, object: key, "no array '\(key)' in the archive",
                                     hint: "keys: " + members.map { String($0.path.dropLast(4)) }.joined(separator: ", "))
            }
            return try parse(archive, entry, file: path)
        }
        var firstError: RecordingError?
        for entry in members {
            do { return try parse(archive, entry, file: path) } catch { firstError = firstError ?? error }
        }
        throw firstError ?? RecordingError(.empty, file: path, "the archive holds no .npy arrays")
    }

    /// Reads every member as a dictionary.
    public static func readAll(_ path: String) throws(RecordingError) -> [String: NumericArray] {
        let (archive, members) = try open(path)
        var out: [String: NumericArray] = [:]
        for entry in members { out[String(entry.path.dropLast(4))] = try parse(archive, entry, file: path) }
        return out
    }

    private static func entries(_ path: String) throws(RecordingError) -> [Entry] { try open(path).1 }

    private static func open(_ path: String) throws(RecordingError) -> (Archive, [Entry]) {
        try FileSignature.require(path, is: .zip)
        let archive: Archive
        do { archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read) } catch {
            throw RecordingError(.malformed, file: path, "not a readable ZIP archive (\(error))", hint: "re-save with numpy.savez")
        }
        return (archive, archive.filter { $0.type == .file && $0.path.hasSuffix(".npy") })
    }

    private static func parse(_ archive: Archive, _ entry: Entry, file: String) throws(RecordingError) -> NumericArray {
        var data = Data()
        do { _ = try archive.extract(entry, skipCRC32: false) { data.append($0) } } catch {
            throw RecordingError(.malformed, file: file, object: entry.path, "cannot extract member (\(error))", hint: "the archive may be truncated")
        }
        return try NPY.parse([UInt8](data), file: file, object: String(entry.path.dropLast(4)))
    }

    /// Writes arrays as a stored (uncompressed) `.npz` through a temporary file renamed into place.
    public static func write(_ arrays: [(key: String, array: NumericArray)], to path: String) throws(RecordingError) {
        let tmp = AtomicFile.temporaryPath(for: path)
        do {
            let archive = try Archive(url: URL(fileURLWithPath: tmp), accessMode: .create)
            for (key, array) in arrays {
                let bytes = Data(NPY.encode(array.values, shape: array.shape, dtype: array.dtype))
                try archive.addEntry(with: key + ".npy", type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate) { position, size in
                    bytes.subdata(in: Int(position)..<(Int(position) + size))
                }
            }
        } catch {
            try? FileManager.default.removeItem(atPath: tmp)
            throw RecordingError(.writeFailed, file: path, "cannot write .npz (\(error))")
        }
        try AtomicFile.moveIntoPlace(tmp, path)
    }
}
