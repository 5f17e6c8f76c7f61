import CHDF5

/// Reads variable- or fixed-length string data (datasets and attributes share this path).
enum HDF5Strings {
    /// Decodes NUL-terminated bytes as UTF-8 (ASCII is a subset).
    static func decode(_ pointer: UnsafePointer<CChar>) -> String {
        String(cString: pointer)
    }

    /// Reads `count` strings whose file type is `fileType` (class H5T_STRING).
    /// - Parameters:
    ///   - space: dataspace of the object, needed to reclaim variable-length memory.
    ///   - read: performs `H5Dread`/`H5Aread` into the buffer with the given memory type.
    static func read(fileType: hid_t, space: hid_t, count: Int,
                     _ read: (hid_t, UnsafeMutableRawPointer) -> herr_t) -> [String]? {
        if count == 0 { return [] }
        let memType = H5Tcopy(ch5_c_s1())
        defer { H5Tclose(memType) }
        H5Tset_cset(memType, H5Tget_cset(fileType))
        if H5Tis_variable_str(fileType) > 0 {
            H5Tset_size(memType, ch5_variable())
            var pointers = [UnsafeMutablePointer<CChar>?](repeating: nil, count: count)
            let status = pointers.withUnsafeMutableBytes { read(memType, $0.baseAddress!) }
            guard status >= 0 else { return nil }
            let strings = pointers.map { $0.map { decode($0) } ?? "" }
            pointers.withUnsafeMutableBytes { _ = H5Dvlen_reclaim(memType, space, ch5_p_default(), $0.baseAddress!) }
            return strings
        }
        let size = H5Tget_size(fileType)
        let stride = size + 1
        H5Tset_size(memType, stride)
        H5Tset_strpad(memType, H5T_STR_NULLTERM)
        var bytes = [CChar](repeating: 0, count: stride * count)
        let status = bytes.withUnsafeMutableBytes { read(memType, $0.baseAddress!) }
        guard status >= 0 else { return nil }
        return bytes.withUnsafeBufferPointer { buffer in
            (0..<count).map { i in
                let slice = buffer[(i * stride)..<((i + 1) * stride)]
                let utf8 = slice.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
                // Fixed-length strings may be space-padded (H5T_STR_SPACEPAD, e.g. MatNWB).
                var s = String(decoding: utf8, as: UTF8.self)
                while s.last == " " { s.removeLast() }
                return s
            }
        }
    }
}
