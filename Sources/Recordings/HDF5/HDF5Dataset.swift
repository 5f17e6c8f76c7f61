import CHDF5

/// A dense array read from HDF5: row-major `values` with `shape` (empty shape = scalar).
public struct HDF5Array<Element: Sendable>: Sendable {
    public var shape: [Int]
    public var values: [Element]

    public init(shape: [Int], values: [Element]) {
        self.shape = shape
        self.values = values
    }
}

extension HDF5Array: Equatable where Element: Equatable {}

/// Element type of a dataset or attribute as stored in the file.
public enum HDF5ElementType: Sendable, Equatable, CustomStringConvertible {
    case integer(bytes: Int, signed: Bool)
    case float(bytes: Int)
    case string(variableLength: Bool)
    case compound
    case enumeration
    case reference
    case other

    init(type: hid_t) {
        let size = H5Tget_size(type)
        switch H5Tget_class(type) {
        case H5T_INTEGER: self = .integer(bytes: size, signed: H5Tget_sign(type) == H5T_SGN_2)
        case H5T_FLOAT: self = .float(bytes: size)
        case H5T_STRING: self = .string(variableLength: H5Tis_variable_str(type) > 0)
        case H5T_COMPOUND: self = .compound
        case H5T_ENUM: self = .enumeration
        case H5T_REFERENCE: self = .reference
        default: self = .other
        }
    }

    public var isNumeric: Bool {
        switch self { case .integer, .float: true; default: false }
    }

    public var description: String {
        switch self {
        case let .integer(b, s): return "\(s ? "int" : "uint")\(b * 8)"
        case let .float(b): return "float\(b * 8)"
        case let .string(v): return v ? "variable-length string" : "fixed-length string"
        case .compound: return "compound"
        case .enumeration: return "enum"
        case .reference: return "object reference"
        case .other: return "opaque"
        }
    }
}

/// An open HDF5 dataset.
public final class HDF5Dataset: HDF5Object, @unchecked Sendable {
    /// Dimensions (empty for a scalar dataset).
    public func shape() throws(RecordingError) -> [Int] {
        HDF5Library.prepareThread()
        let space = H5Dget_space(id)
        guard space >= 0 else { throw failure("cannot read dataspace") }
        defer { H5Sclose(space) }
        return try HDF5Dataset.dims(space, object: self)
    }

    static func dims(_ space: hid_t, object: HDF5Object) throws(RecordingError) -> [Int] {
        let rank = H5Sget_simple_extent_ndims(space)
        guard rank >= 0 else { throw object.failure("cannot read dataspace rank") }
        var dims = [hsize_t](repeating: 0, count: Int(rank))
        if rank > 0 { H5Sget_simple_extent_dims(space, &dims, nil) }
        return dims.map { Int($0) }
    }

    /// Stored element type.
    public func elementType() throws(RecordingError) -> HDF5ElementType {
        HDF5Library.prepareThread()
        let type = H5Dget_type(id)
        guard type >= 0 else { throw failure("cannot read datatype") }
        defer { H5Tclose(type) }
        return HDF5ElementType(type: type)
    }

    /// All values converted to Double, whatever integer or float type is stored.
    public func readDoubles() throws(RecordingError) -> HDF5Array<Double> {
        try readNumeric(memType: ch5_native_double(), allowFloat: true, rows: nil)
    }

    /// All values converted to Float.
    public func readFloats() throws(RecordingError) -> HDF5Array<Float> {
        try readNumeric(memType: ch5_native_float(), allowFloat: true, rows: nil)
    }

    /// Rows `rows` of the first dimension (a hyperslab), converted to Float; for chunked reading.
    public func readFloats(rows: Range<Int>) throws(RecordingError) -> HDF5Array<Float> {
        try readNumeric(memType: ch5_native_float(), allowFloat: true, rows: rows)
    }

    /// All values as Int64; the stored type must be an integer type of any width and sign.
    public func readInt64s() throws(RecordingError) -> HDF5Array<Int64> {
        try readNumeric(memType: ch5_native_int64(), allowFloat: false, rows: nil)
    }

    private func readNumeric<T: Sendable>(memType: hid_t, allowFloat: Bool, rows: Range<Int>?) throws(RecordingError) -> HDF5Array<T> {
        HDF5Library.prepareThread()
        let type = try elementType()
        switch type {
        case .integer: break
        case .float where allowFloat: break
        default:
            throw error(.wrongType, "dataset holds \(type), expected \(allowFloat ? "numbers (integer or float)" : "integers")")
        }
        let fileSpace = H5Dget_space(id)
        guard fileSpace >= 0 else { throw failure("cannot read dataspace") }
        defer { H5Sclose(fileSpace) }
        var shape = try HDF5Dataset.dims(fileSpace, object: self)
        var memSpace = ch5_s_all()
        if let rows {
            guard let first = shape.first, rows.lowerBound >= 0, rows.upperBound <= first else {
                throw error(.invalidArgument, "rows \(rows) outside the dataset's shape \(shape)")
            }
            var start = [hsize_t](repeating: 0, count: shape.count)
            var count = shape.map { hsize_t($0) }
            start[0] = hsize_t(rows.lowerBound)
            count[0] = hsize_t(rows.count)
            H5Sselect_hyperslab(fileSpace, H5S_SELECT_SET, &start, nil, &count, nil)
            memSpace = H5Screate_simple(Int32(count.count), &count, nil)
            shape[0] = rows.count
        }
        defer { if rows != nil { H5Sclose(memSpace) } }
        let n = shape.reduce(1, *)
        var status: herr_t = 0
        let values = [T](unsafeUninitializedCapacity: n) { buffer, initialized in
            if n > 0 {
                status = H5Dread(id, memType, memSpace, rows == nil ? ch5_s_all() : fileSpace, ch5_p_default(), buffer.baseAddress)
            }
            initialized = status >= 0 ? n : 0
        }
        guard status >= 0 else { throw failure("cannot read dataset values", expected: "numbers") }
        return HDF5Array(shape: shape, values: values)
    }

    /// All values as booleans: a 1-byte enum (h5py's numpy bool, FALSE = 0 / TRUE = 1) or any integer type
    /// (non-zero = true).
    public func readBools() throws(RecordingError) -> HDF5Array<Bool> {
        HDF5Library.prepareThread()
        switch try elementType() {
        case .integer:
            let a = try readInt64s()
            return HDF5Array(shape: a.shape, values: a.values.map { $0 != 0 })
        case .enumeration:
            let fileType = H5Dget_type(id)
            guard fileType >= 0 else { throw failure("cannot read datatype") }
            defer { H5Tclose(fileType) }
            guard H5Tget_size(fileType) == 1 else {
                throw error(.wrongType, "enum of \(H5Tget_size(fileType)) bytes, expected a boolean (1-byte enum or integer)")
            }
            let memType = H5Tget_native_type(fileType, H5T_DIR_ASCEND)
            defer { H5Tclose(memType) }
            let shape = try self.shape()
            let n = shape.reduce(1, *)
            var status: herr_t = 0
            let raw = [Int8](unsafeUninitializedCapacity: n) { buffer, initialized in
                if n > 0 { status = H5Dread(id, memType, ch5_s_all(), ch5_s_all(), ch5_p_default(), buffer.baseAddress) }
                initialized = status >= 0 ? n : 0
            }
            guard status >= 0 else { throw failure("cannot read dataset values", expected: "booleans") }
            return HDF5Array(shape: shape, values: raw.map { $0 != 0 })
        case let other:
            throw error(.wrongType, "dataset holds \(other), expected booleans (enum or integer)")
        }
    }

    /// All strings of a scalar or 1-D string dataset (variable or fixed length, ASCII or UTF-8).
    public func readStrings() throws(RecordingError) -> [String] {
        HDF5Library.prepareThread()
        let type = H5Dget_type(id)
        guard type >= 0 else { throw failure("cannot read datatype") }
        defer { H5Tclose(type) }
        guard H5Tget_class(type) == H5T_STRING else {
            throw error(.wrongType, "dataset holds \(HDF5ElementType(type: type)), expected strings")
        }
        let space = H5Dget_space(id)
        defer { H5Sclose(space) }
        let shape = try HDF5Dataset.dims(space, object: self)
        guard shape.count <= 1 else { throw error(.wrongShape, "string dataset has shape \(shape), expected a scalar or 1-D") }
        let n = shape.first ?? 1
        guard let strings = HDF5Strings.read(fileType: type, space: space, count: n, { mem, buffer in
            H5Dread(id, mem, ch5_s_all(), ch5_s_all(), ch5_p_default(), buffer)
        }) else { throw failure("cannot read strings", expected: "strings") }
        return strings
    }

    /// The single string of a scalar (or length-1) string dataset.
    public func readString() throws(RecordingError) -> String {
        let all = try readStrings()
        guard all.count == 1 else { throw error(.wrongShape, "expected one string, found \(all.count)") }
        return all[0]
    }
}
