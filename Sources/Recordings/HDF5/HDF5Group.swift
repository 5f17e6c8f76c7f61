import CHDF5

/// An open HDF5 group (the file's root group is `HDF5File`).
public class HDF5Group: HDF5Object, @unchecked Sendable {
    /// Opens the group at `name` (relative to this group, or absolute), following soft links.
    public func group(_ name: String) throws(RecordingError) -> HDF5Group {
        HDF5Library.prepareThread()
        let full = childPath(name)
        guard exists(name) else { throw error(.missingObject, "group not found", object: full) }
        let gid = H5Gopen2(id, name, ch5_p_default())
        guard gid >= 0 else { throw failure("cannot open group", object: full, expected: "a group") }
        return HDF5Group(id: gid, filePath: filePath, path: full, close: H5Gclose)
    }

    /// Opens the dataset at `name` (relative to this group, or absolute), following soft links.
    public func dataset(_ name: String) throws(RecordingError) -> HDF5Dataset {
        HDF5Library.prepareThread()
        let full = childPath(name)
        guard exists(name) else { throw error(.missingObject, "dataset not found", object: full) }
        let did = H5Dopen2(id, name, ch5_p_default())
        guard did >= 0 else { throw failure("cannot open dataset", object: full, expected: "a dataset") }
        return HDF5Dataset(id: did, filePath: filePath, path: full, close: H5Dclose)
    }

    /// True when every component of `name` exists and the final link resolves to an object
    /// (a dangling soft link counts as absent).
    public func exists(_ name: String) -> Bool {
        HDF5Library.prepareThread()
        let absolute = name.hasPrefix("/")
        let components = name.split(separator: "/", omittingEmptySubsequences: true)
        if components.isEmpty { return true }
        var prefix = absolute ? "" : "."
        for c in components {
            prefix += "/" + c
            let p = absolute ? prefix : String(prefix.dropFirst(2))
            if H5Lexists(id, p, ch5_p_default()) <= 0 { _ = HDF5Library.takeErrorStack(); return false }
            if H5Oexists_by_name(id, p, ch5_p_default()) <= 0 { _ = HDF5Library.takeErrorStack(); return false }
        }
        return true
    }

    /// Kind of the object at `name` after following soft links, or nil when absent.
    public func kind(of name: String) -> HDF5LinkTarget? {
        guard exists(name) else { return nil }
        var info = H5O_info_t()
        guard H5Oget_info_by_name2(id, name, &info, UInt32(H5O_INFO_BASIC), ch5_p_default()) >= 0 else {
            _ = HDF5Library.takeErrorStack()
            return nil
        }
        switch info.type {
        case H5O_TYPE_GROUP: return .group
        case H5O_TYPE_DATASET: return .dataset
        default: return .other
        }
    }

    /// The direct children of this group, in name order; soft links are reported, not followed.
    public func children() throws(RecordingError) -> [HDF5Link] {
        HDF5Library.prepareThread()
        final class Names { var items: [(String, H5L_type_t)] = [] }
        let names = Names()
        var index: hsize_t = 0
        let status = H5Literate(id, H5_INDEX_NAME, H5_ITER_INC, &index, { _, name, info, data in
            guard let name, let info, let data else { return 0 }
            Unmanaged<Names>.fromOpaque(data).takeUnretainedValue().items.append((String(cString: name), info.pointee.type))
            return 0
        }, Unmanaged.passUnretained(names).toOpaque())
        guard status >= 0 else { throw failure("cannot list group members") }
        var result: [HDF5Link] = []
        for (name, type) in names.items {
            let full = childPath(name)
            switch type {
            case H5L_TYPE_SOFT:
                var info = H5L_info_t()
                var target = "?"
                if H5Lget_info(id, name, &info, ch5_p_default()) >= 0 {
                    var buffer = [CChar](repeating: 0, count: Int(info.u.val_size) + 1)
                    if H5Lget_val(id, name, &buffer, buffer.count, ch5_p_default()) >= 0 {
                        target = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                    }
                }
                _ = HDF5Library.takeErrorStack()
                result.append(HDF5Link(name: name, path: full, target: .softLink(target)))
            case H5L_TYPE_EXTERNAL:
                result.append(HDF5Link(name: name, path: full, target: .externalLink))
            default:
                result.append(HDF5Link(name: name, path: full, target: kind(of: name) ?? .other))
            }
        }
        return result
    }
}

/// An open HDF5 file, read-only or newly created; it is also its root group.
public final class HDF5File: HDF5Group, @unchecked Sendable {
    /// Opens an existing file read-only. Fails with `.fileNotFound`, `.unrecognisedFormat` (signature shown)
    /// or `.hdf5TooNew`.
    public static func open(_ path: String) throws(RecordingError) -> HDF5File {
        HDF5Library.prepareThread()
        try FileSignature.require(path, is: .hdf5)
        let fid = H5Fopen(path, ch5_f_acc_rdonly(), ch5_p_default())
        guard fid >= 0 else { throw HDF5Library.failure("cannot open HDF5 file", file: path, object: "/") }
        return HDF5File(id: fid, filePath: path, path: "/", close: H5Fclose)
    }

    /// Creates (truncates) a file for writing with the default (earliest) format bounds, so any HDF5 ≥ 1.8
    /// and h5py can read it. Writers create a temporary name and rename it into place.
    public static func create(_ path: String) throws(RecordingError) -> HDF5File {
        HDF5Library.prepareThread()
        let fid = H5Fcreate(path, ch5_f_acc_trunc(), ch5_p_default(), ch5_p_default())
        guard fid >= 0 else {
            let stack = HDF5Library.takeErrorStack().joined(separator: "\n")
            throw RecordingError(.writeFailed, file: path, "cannot create HDF5 file", hint: "check the directory exists and is writable",
                                 detail: stack)
        }
        return HDF5File(id: fid, filePath: path, path: "/", close: H5Fclose)
    }

    /// Flushes buffered writes to disk.
    public func flush() throws(RecordingError) {
        HDF5Library.prepareThread()
        guard H5Fflush(id, H5F_SCOPE_GLOBAL) >= 0 else {
            throw RecordingError(.writeFailed, file: filePath, "cannot flush HDF5 file", detail: HDF5Library.takeErrorStack().joined(separator: "\n"))
        }
    }
}
