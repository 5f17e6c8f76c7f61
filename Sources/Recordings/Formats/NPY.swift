import Foundation

/// A numeric array from a `.npy` file or `.npz` member, in row-major order.
public struct NumericArray: Sendable, Equatable {
    public var shape: [Int]
    /// Row-major values; integers up to 2⁵³ are exact.
    public var values: [Double]
    /// NumPy dtype string as stored, e.g. "<f4", ">i8", "|b1".
    public var dtype: String

    public init(shape: [Int], values: [Double], dtype: String) {
        self.shape = shape
        self.values = values
        self.dtype = dtype
    }
}

/// NumPy `.npy` format, versions 1–3 (data-formats §2), parsed without Python.
///
/// Layout: magic `\x93NUMPY`, major and minor version bytes, header length (UInt16 LE in v1, UInt32 LE in
/// v2/v3), an ASCII (v3: UTF-8) dict literal `{'descr': …, 'fortran_order': …, 'shape': (…)}`, then the raw
/// data. Accepted dtypes: f4 f8 i1–i8 u1–u8 b1, either byte order (swapped on read); Fortran order is
/// transposed to row-major. Object arrays (`|O`, pickles) are rejected.
public enum NPY {
    public static func read(_ path: String) throws(RecordingError) -> NumericArray {
        try FileSignature.require(path, is: .npy)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RecordingError(.fileNotFound, file: path, "cannot read file")
        }
        return try parse([UInt8](data), file: path, object: nil)
    }

    /// Parses `.npy` bytes; `file`/`object` name the source in errors (object = npz key).
    public static func parse(_ bytes: [UInt8], file: String, object: String?) throws(RecordingError) -> NumericArray {
        func fail(_ kind: RecordingError.Kind, _ message: String, hint: String? = nil) -> RecordingError {
            RecordingError(kind, file: file, object: object, message, hint: hint)
        }
        guard bytes.count >= 10, FileSignature.matches(bytes, .npy) else {
            throw fail(.unrecognisedFormat, "not a NumPy .npy array: found signature \(FileSignature.render(Array(bytes.prefix(8))))")
        }
        let major = bytes[6]
        let headerLength: Int, headerStart: Int
        switch major {
        case 1: headerLength = Int(bytes[8]) | Int(bytes[9]) << 8; headerStart = 10
        case 2, 3:
            guard bytes.count >= 12 else { throw fail(.malformed, "truncated .npy header") }
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
            headerStart = 12
        default: throw fail(.unsupported, "unsupported .npy version \(major).\(bytes[7])", hint: "re-save with numpy.save")
        }
        guard headerStart + headerLength <= bytes.count else {
            throw fail(.malformed, "truncated .npy header: \(headerLength) bytes announced, \(bytes.count - headerStart) present")
        }
        let header = String(decoding: bytes[headerStart..<(headerStart + headerLength)], as: UTF8.self)
        let dict = try NPYHeader.parse(header, file: file, object: object)
        let dtype = try NPYDType(dict.descr, file: file, object: object)
        let count = dict.shape.reduce(1, *)
        let dataStart = headerStart + headerLength
        let needed = count * dtype.size
        guard bytes.count - dataStart >= needed else {
            throw fail(.malformed, "truncated data: shape \(dict.shape) of \(dict.descr) needs \(needed) bytes, file has \(bytes.count - dataStart)")
        }
        var values = bytes.withUnsafeBufferPointer { dtype.decode(UnsafeRawBufferPointer($0).baseAddress! + dataStart, count: count) }
        if dict.fortranOrder && dict.shape.count > 1 { values = fortranToRowMajor(values, shape: dict.shape) }
        return NumericArray(shape: dict.shape, values: values, dtype: dict.descr)
    }

    /// Reorders column-major (Fortran) storage of `shape` into row-major.
    static func fortranToRowMajor(_ values: [Double], shape: [Int]) -> [Double] {
        let rank = shape.count
        var fStrides = [Int](repeating: 1, count: rank)
        for d in 1..<rank { fStrides[d] = fStrides[d - 1] * shape[d - 1] }
        var out = [Double](repeating: 0, count: values.count)
        var index = [Int](repeating: 0, count: rank)
        for r in 0..<values.count {
            var f = 0
            for d in 0..<rank { f += index[d] * fStrides[d] }
            out[r] = values[f]
            var d = rank - 1
            while d >= 0 { index[d] += 1; if index[d] < shape[d] { break }; index[d] = 0; d -= 1 }
        }
        return out
    }

    /// Encodes a row-major little-endian array as `.npy` v1 (`<f4`, `<f8` or `<i8`), header padded to 64 bytes.
    public static func encode(_ values: [Double], shape: [Int], dtype: String = "<f8") -> [UInt8] {
        let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        var header = "{'descr': '\(dtype)', 'fortran_order': False, 'shape': \(shapeText), }"
        while (10 + header.utf8.count + 1) % 64 != 0 { header += " " }
        header += "\n"
        var out: [UInt8] = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]
        out += [UInt8(header.utf8.count & 0xff), UInt8(header.utf8.count >> 8)]
        out += Array(header.utf8)
        let size = dtype == "<f4" ? 4 : 8
        let headerCount = out.count
        out += [UInt8](repeating: 0, count: values.count * size)
        out.withUnsafeMutableBytes { raw in
            let p = raw.baseAddress! + headerCount
            for (i, v) in values.enumerated() {
                switch dtype {
                case "<f4": p.storeBytes(of: Float(v).bitPattern.littleEndian, toByteOffset: i * 4, as: UInt32.self)
                case "<i8": p.storeBytes(of: Int64(v).littleEndian, toByteOffset: i * 8, as: Int64.self)
                default: p.storeBytes(of: v.bitPattern.littleEndian, toByteOffset: i * 8, as: UInt64.self)
                }
            }
        }
        return out
    }
}
