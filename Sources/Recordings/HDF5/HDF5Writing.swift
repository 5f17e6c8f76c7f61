import CHDF5
import Foundation

/// Writing groups, datasets, attributes and links (files are created with the default, earliest
/// format bounds by `HDF5File.create`).
extension HDF5Group {
    private func writeFailure(_ what: String, _ object: String) -> RecordingError {
        RecordingError(.writeFailed, file: filePath, object: object, what, detail: HDF5Library.takeErrorStack().joined(separator: "\n"))
    }

    /// Creates a child group.
    @discardableResult
    public func createGroup(_ name: String) throws(RecordingError) -> HDF5Group {
        HDF5Library.prepareThread()
        let gid = H5Gcreate2(id, name, ch5_p_default(), ch5_p_default(), ch5_p_default())
        guard gid >= 0 else { throw writeFailure("cannot create group", childPath(name)) }
        return HDF5Group(id: gid, filePath: filePath, path: childPath(name), close: H5Gclose)
    }

    /// Writes a numeric dataset from row-major values. `fileType`/`memType` are HDF5 type ids.
    private func writeNumeric<T>(_ name: String, _ values: [T], shape: [Int], fileType: hid_t, memType: hid_t,
                                 chunkRows: Int?, gzip: Int?) throws(RecordingError) -> HDF5Dataset {
        HDF5Library.prepareThread()
        let full = childPath(name)
        guard shape.reduce(1, *) == values.count else {
            throw RecordingError(.invalidArgument, file: filePath, object: full, "\(values.count) values for shape \(shape)")
        }
        var dims = shape.map { hsize_t($0) }
        let space = shape.isEmpty ? H5Screate(H5S_SCALAR) : H5Screate_simple(Int32(dims.count), &dims, nil)
        defer { H5Sclose(space) }
        let plist = H5Pcreate(ch5_p_dataset_create())
        defer { H5Pclose(plist) }
        if let chunkRows, !shape.isEmpty, shape[0] > 0, shape.allSatisfy({ $0 > 0 }) {
            var chunk = dims
            chunk[0] = hsize_t(min(chunkRows, shape[0]))
            H5Pset_chunk(plist, Int32(chunk.count), &chunk)
            if let gzip { H5Pset_deflate(plist, UInt32(gzip)) }
        }
        let did = H5Dcreate2(id, name, fileType, space, ch5_p_default(), plist, ch5_p_default())
        guard did >= 0 else { throw writeFailure("cannot create dataset", full) }
        let dataset = HDF5Dataset(id: did, filePath: filePath, path: full, close: H5Dclose)
        if !values.isEmpty {
            let status = values.withUnsafeBytes { H5Dwrite(did, memType, ch5_s_all(), ch5_s_all(), ch5_p_default(), $0.baseAddress) }
            guard status >= 0 else { throw writeFailure("cannot write dataset values", full) }
        }
        return dataset
    }

    /// float32 dataset (little-endian IEEE), optionally chunked by rows and gzip-compressed.
    @discardableResult
    public func write(_ name: String, floats: [Float], shape: [Int], chunkRows: Int? = nil, gzip: Int? = nil) throws(RecordingError) -> HDF5Dataset {
        try writeNumeric(name, floats, shape: shape, fileType: ch5_ieee_f32le(), memType: ch5_native_float(), chunkRows: chunkRows, gzip: gzip)
    }

    /// float64 dataset.
    @discardableResult
    public func write(_ name: String, doubles: [Double], shape: [Int]) throws(RecordingError) -> HDF5Dataset {
        try writeNumeric(name, doubles, shape: shape, fileType: ch5_ieee_f64le(), memType: ch5_native_double(), chunkRows: nil, gzip: nil)
    }

    /// int64 dataset.
    @discardableResult
    public func write(_ name: String, int64s: [Int64], shape: [Int]) throws(RecordingError) -> HDF5Dataset {
        try writeNumeric(name, int64s, shape: shape, fileType: ch5_std_i64le(), memType: ch5_native_int64(), chunkRows: nil, gzip: nil)
    }

    /// uint64 dataset (hdmf VectorIndex columns must be unsigned).
    @discardableResult
    public func write(_ name: String, uint64s: [UInt64], shape: [Int]) throws(RecordingError) -> HDF5Dataset {
        try writeNumeric(name, uint64s, shape: shape, fileType: ch5_native_uint64(), memType: ch5_native_uint64(), chunkRows: nil, gzip: nil)
    }

    /// uint8 dataset (masks, booleans).
    @discardableResult
    public func write(_ name: String, uint8s: [UInt8], shape: [Int]) throws(RecordingError) -> HDF5Dataset {
        try writeNumeric(name, uint8s, shape: shape, fileType: ch5_std_u8le(), memType: ch5_native_uint8(), chunkRows: nil, gzip: nil)
    }

    /// Boolean dataset as h5py writes numpy bools: an HDF5 enum {FALSE = 0, TRUE = 1} over int8.
    @discardableResult
    public func write(_ name: String, bools: [Bool]) throws(RecordingError) -> HDF5Dataset {
        HDF5Library.prepareThread()
        let type = HDF5Group.boolEnumType()
        defer { H5Tclose(type) }
        return try writeNumeric(name, bools.map { Int8($0 ? 1 : 0) }, shape: [bools.count], fileType: type, memType: type,
                                chunkRows: nil, gzip: nil)
    }

    static func boolEnumType() -> hid_t {
        let type = H5Tenum_create(ch5_native_int8())
        var no: Int8 = 0, yes: Int8 = 1
        H5Tenum_insert(type, "FALSE", &no)
        H5Tenum_insert(type, "TRUE", &yes)
        return type
    }

    /// Variable-length UTF-8 string dataset: scalar when `scalar` and one string, else 1-D.
    @discardableResult
    public func write(_ name: String, strings: [String], scalar: Bool = false) throws(RecordingError) -> HDF5Dataset {
        HDF5Library.prepareThread()
        let full = childPath(name)
        let type = HDF5Group.utf8StringType()
        defer { H5Tclose(type) }
        var dims = [hsize_t(strings.count)]
        let space = scalar ? H5Screate(H5S_SCALAR) : H5Screate_simple(1, &dims, nil)
        defer { H5Sclose(space) }
        let did = H5Dcreate2(id, name, type, space, ch5_p_default(), ch5_p_default(), ch5_p_default())
        guard did >= 0 else { throw writeFailure("cannot create string dataset", full) }
        let dataset = HDF5Dataset(id: did, filePath: filePath, path: full, close: H5Dclose)
        let status = HDF5Group.withCStrings(strings) { H5Dwrite(did, type, ch5_s_all(), ch5_s_all(), ch5_p_default(), $0) }
        guard status >= 0 else { throw writeFailure("cannot write strings", full) }
        return dataset
    }

    /// Creates a soft link `name` → `target` (absolute path).
    public func createSoftLink(_ name: String, to target: String) throws(RecordingError) {
        HDF5Library.prepareThread()
        guard H5Lcreate_soft(target, id, name, ch5_p_default(), ch5_p_default()) >= 0 else {
            throw writeFailure("cannot create soft link to \(target)", childPath(name))
        }
    }

    static func utf8StringType() -> hid_t {
        let type = H5Tcopy(ch5_c_s1())
        H5Tset_size(type, ch5_variable())
        H5Tset_cset(type, H5T_CSET_UTF8)
        return type
    }

    /// Calls `body` with an array of C string pointers valid for the call.
    static func withCStrings<R, E: Error>(_ strings: [String], _ body: (UnsafeRawPointer) throws(E) -> R) throws(E) -> R {
        let pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
        defer { pointers.forEach { free($0) } }
        let result: Result<R, E> = pointers.withUnsafeBytes { raw in
            do throws(E) { return .success(try body(raw.baseAddress!)) } catch { return .failure(error) }
        }
        return try result.get()
    }
}

extension HDF5Object {
    private func attributeFailure(_ name: String) -> RecordingError {
        RecordingError(.writeFailed, file: filePath, object: "\(path)@\(name)", "cannot write attribute",
                       detail: HDF5Library.takeErrorStack().joined(separator: "\n"))
    }

    private func writeAttribute(_ name: String, type: hid_t, memType: hid_t, count: Int?, _ buffer: UnsafeRawPointer) throws(RecordingError) {
        HDF5Library.prepareThread()
        if hasAttribute(name) { H5Adelete(id, name) }
        var dims = [hsize_t(count ?? 1)]
        let space = count == nil ? H5Screate(H5S_SCALAR) : H5Screate_simple(1, &dims, nil)
        defer { H5Sclose(space) }
        let attr = H5Acreate2(id, name, type, space, ch5_p_default(), ch5_p_default())
        guard attr >= 0 else { throw attributeFailure(name) }
        defer { H5Aclose(attr) }
        guard H5Awrite(attr, memType, buffer) >= 0 else { throw attributeFailure(name) }
    }

    /// Scalar variable-length UTF-8 string attribute.
    public func setAttribute(_ name: String, string: String) throws(RecordingError) {
        let type = HDF5Group.utf8StringType()
        defer { H5Tclose(type) }
        try HDF5Group.withCStrings([string]) { (p: UnsafeRawPointer) throws(RecordingError) in
            try writeAttribute(name, type: type, memType: type, count: nil, p)
        }
    }

    /// 1-D variable-length UTF-8 string attribute (e.g. `colnames`).
    public func setAttribute(_ name: String, strings: [String]) throws(RecordingError) {
        let type = HDF5Group.utf8StringType()
        defer { H5Tclose(type) }
        try HDF5Group.withCStrings(strings) { (p: UnsafeRawPointer) throws(RecordingError) in
            try writeAttribute(name, type: type, memType: type, count: strings.count, p)
        }
    }

    /// Scalar float64 attribute.
    public func setAttribute(_ name: String, double: Double) throws(RecordingError) {
        var v = double
        try writeAttribute(name, type: ch5_ieee_f64le(), memType: ch5_native_double(), count: nil, &v)
    }

    /// Scalar int32 attribute (NWB `interval`).
    public func setAttribute(_ name: String, int32: Int32) throws(RecordingError) {
        var v = int32
        try writeAttribute(name, type: ch5_native_int32(), memType: ch5_native_int32(), count: nil, &v)
    }

    /// Scalar object-reference attribute pointing at `target` (hdmf `target` / `table`).
    public func setReferenceAttribute(_ name: String, to target: String) throws(RecordingError) {
        HDF5Library.prepareThread()
        var reference = hobj_ref_t()
        guard H5Rcreate(&reference, id, target, H5R_OBJECT, -1) >= 0 else { throw attributeFailure(name) }
        try writeAttribute(name, type: ch5_std_ref_obj(), memType: ch5_std_ref_obj(), count: nil, &reference)
    }
}
