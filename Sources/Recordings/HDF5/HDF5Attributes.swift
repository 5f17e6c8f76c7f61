import CHDF5

/// Attribute reading on groups, datasets and the root (the file).
/// Every getter returns nil when the attribute is absent and throws `.wrongType` when it is present with
/// an incompatible type, so optional NWB attributes read as `try x.doubleAttribute("conversion") ?? 1`.
extension HDF5Object {
    /// Names of all attributes, in creation/name order.
    public func attributeNames() throws(RecordingError) -> [String] {
        HDF5Library.prepareThread()
        final class Names { var items: [String] = [] }
        let names = Names()
        var index: hsize_t = 0
        let status = H5Aiterate2(id, H5_INDEX_NAME, H5_ITER_INC, &index, { _, name, _, data in
            guard let name, let data else { return 0 }
            Unmanaged<Names>.fromOpaque(data).takeUnretainedValue().items.append(String(cString: name))
            return 0
        }, Unmanaged.passUnretained(names).toOpaque())
        guard status >= 0 else { throw failure("cannot list attributes") }
        return names.items
    }

    /// True when the attribute exists.
    public func hasAttribute(_ name: String) -> Bool {
        HDF5Library.prepareThread()
        let r = H5Aexists(id, name)
        if r < 0 { _ = HDF5Library.takeErrorStack() }
        return r > 0
    }

    /// Opens an attribute and passes (attribute, file type, space, element count) to `body`.
    private func withAttribute<R>(_ name: String, _ body: (hid_t, hid_t, hid_t, Int) throws(RecordingError) -> R) throws(RecordingError) -> R? {
        guard hasAttribute(name) else { return nil }
        let attr = H5Aopen(id, name, ch5_p_default())
        guard attr >= 0 else { throw failure("cannot open attribute '\(name)'", object: "\(path)@\(name)") }
        defer { H5Aclose(attr) }
        let type = H5Aget_type(attr)
        defer { H5Tclose(type) }
        let space = H5Aget_space(attr)
        defer { H5Sclose(space) }
        let count = Int(H5Sget_simple_extent_npoints(space))
        return try body(attr, type, space, count)
    }

    /// All strings of a string attribute (scalar or 1-D).
    public func stringsAttribute(_ name: String) throws(RecordingError) -> [String]? {
        try withAttribute(name) { (attr, type, space, count) throws(RecordingError) -> [String] in
            guard H5Tget_class(type) == H5T_STRING else {
                throw error(.wrongType, "attribute '\(name)' holds \(HDF5ElementType(type: type)), expected a string",
                            object: "\(path)@\(name)")
            }
            guard let s = HDF5Strings.read(fileType: type, space: space, count: count, { mem, buffer in H5Aread(attr, mem, buffer) }) else {
                throw failure("cannot read attribute '\(name)'", object: "\(path)@\(name)")
            }
            return s
        }
    }

    /// A scalar string attribute (the first element of an array attribute).
    public func stringAttribute(_ name: String) throws(RecordingError) -> String? {
        try stringsAttribute(name)?.first
    }

    /// All values of a numeric attribute as Double.
    public func doublesAttribute(_ name: String) throws(RecordingError) -> [Double]? {
        try numericAttribute(name, memType: ch5_native_double(), as: Double.self)
    }

    /// A scalar numeric attribute as Double (`rate`, `conversion`, `offset`, `resolution`).
    public func doubleAttribute(_ name: String) throws(RecordingError) -> Double? {
        try doublesAttribute(name)?.first
    }

    /// A scalar integer attribute as Int64.
    public func int64Attribute(_ name: String) throws(RecordingError) -> Int64? {
        try numericAttribute(name, memType: ch5_native_int64(), as: Int64.self)?.first
    }

    private func numericAttribute<T>(_ name: String, memType: hid_t, as: T.Type) throws(RecordingError) -> [T]? {
        try withAttribute(name) { (attr, type, _, count) throws(RecordingError) -> [T] in
            let element = HDF5ElementType(type: type)
            guard element.isNumeric else {
                throw error(.wrongType, "attribute '\(name)' holds \(element), expected a number", object: "\(path)@\(name)")
            }
            var status: herr_t = 0
            let values = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
                if count > 0 { status = H5Aread(attr, memType, buffer.baseAddress) }
                initialized = status >= 0 ? count : 0
            }
            guard status >= 0 else { throw failure("cannot read attribute '\(name)'", object: "\(path)@\(name)") }
            return values
        }
    }
}

extension HDF5Object {
    /// The path named by a scalar object-reference attribute (hdmf's `table`, `target`), or nil when absent
    /// or not an object reference.
    public func referenceAttributePath(_ name: String) -> String? {
        guard hasAttribute(name) else { return nil }
        let attr = H5Aopen(id, name, ch5_p_default())
        guard attr >= 0 else { _ = HDF5Library.takeErrorStack(); return nil }
        defer { H5Aclose(attr) }
        let type = H5Aget_type(attr)
        defer { H5Tclose(type) }
        guard H5Tget_class(type) == H5T_REFERENCE else { return nil }
        var reference = hobj_ref_t()
        guard H5Aread(attr, ch5_std_ref_obj(), &reference) >= 0 else { _ = HDF5Library.takeErrorStack(); return nil }
        var buffer = [CChar](repeating: 0, count: 1024)
        let length = H5Rget_name(id, H5R_OBJECT, &reference, &buffer, buffer.count)
        guard length > 0 else { _ = HDF5Library.takeErrorStack(); return nil }
        return String(cString: buffer)
    }
}
