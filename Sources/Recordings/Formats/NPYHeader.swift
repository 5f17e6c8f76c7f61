/// The dict literal of a `.npy` header, parsed as data (never evaluated).
struct NPYHeader {
    var descr: String
    var fortranOrder: Bool
    var shape: [Int]

    static func parse(_ text: String, file: String, object: String?) throws(RecordingError) -> NPYHeader {
        func fail(_ m: String) -> RecordingError {
            RecordingError(.malformed, file: file, object: object, "bad .npy header: \(m) in \(text.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        guard let descrRange = text.range(of: "'descr':") ?? text.range(of: "\"descr\":") else { throw fail("no 'descr'") }
        let afterDescr = text[descrRange.upperBound...].drop { $0 == " " }
        guard let quote = afterDescr.first else { throw fail("empty 'descr'") }
        if quote == "[" {
            throw RecordingError(.unsupported, file: file, object: object, "structured (record) arrays are not supported",
                                 hint: "re-save as .npz (numeric arrays only)")
        }
        guard quote == "'" || quote == "\"", let end = afterDescr.dropFirst().firstIndex(of: quote) else { throw fail("unquoted 'descr'") }
        let descr = String(afterDescr.dropFirst()[..<end])
        guard let fortranRange = text.range(of: "'fortran_order':") ?? text.range(of: "\"fortran_order\":") else { throw fail("no 'fortran_order'") }
        let afterFortran = text[fortranRange.upperBound...].drop { $0 == " " }
        let fortran: Bool
        if afterFortran.hasPrefix("True") { fortran = true } else if afterFortran.hasPrefix("False") { fortran = false } else { throw fail("bad 'fortran_order'") }
        guard let shapeRange = text.range(of: "'shape':") ?? text.range(of: "\"shape\":") else { throw fail("no 'shape'") }
        let afterShape = text[shapeRange.upperBound...].drop { $0 == " " }
        guard afterShape.first == "(", let close = afterShape.firstIndex(of: ")") else { throw fail("bad 'shape'") }
        var shape: [Int] = []
        for part in afterShape.dropFirst()[..<close].split(separator: ",") {
            let t = part.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "L", with: "")
            if t.isEmpty { continue }
            guard let n = Int(t), n >= 0 else { throw fail("bad dimension '\(t)'") }
            shape.append(n)
        }
        return NPYHeader(descr: descr, fortranOrder: fortran, shape: shape)
    }
}

/// A supported NumPy scalar type and its decoding.
struct NPYDType {
    enum Kind { case float, signed, unsigned, bool }
    var kind: Kind
    var size: Int
    var bigEndian: Bool

    init(_ descr: String, file: String, object: String?) throws(RecordingError) {
        let chars = Array(descr)
        guard chars.count >= 2, let size = Int(String(chars[2...])) else {
            if descr.contains("O") {
                throw RecordingError(.unsupported, file: file, object: object, "object array (dtype \(descr)) holds pickled Python objects",
                                     hint: "re-save as .npz (numeric arrays only)")
            }
            throw RecordingError(.wrongType, file: file, object: object, "unsupported dtype \(descr); expected f4 f8 i1-i8 u1-u8 b1")
        }
        self.size = size
        bigEndian = chars[0] == ">" || (chars[0] == "!")
        switch (chars[1], size) {
        case ("f", 4), ("f", 8): kind = .float
        case ("i", 1), ("i", 2), ("i", 4), ("i", 8): kind = .signed
        case ("u", 1), ("u", 2), ("u", 4), ("u", 8): kind = .unsigned
        case ("b", 1): kind = .bool
        case ("O", _):
            throw RecordingError(.unsupported, file: file, object: object, "object array (dtype \(descr)) holds pickled Python objects",
                                 hint: "re-save as .npz (numeric arrays only)")
        default:
            throw RecordingError(.wrongType, file: file, object: object, "unsupported dtype \(descr); expected f4 f8 i1-i8 u1-u8 b1")
        }
    }

    /// Decodes `count` elements starting at `base` (any alignment) to Double: one typed unaligned load per
    /// element, byte-swapped when the file's byte order differs from the host's (no per-byte loop).
    func decode(_ base: UnsafeRawPointer, count: Int) -> [Double] {
        let swap = bigEndian != (1.bigEndian == 1)
        func convert<T: FixedWidthInteger>(_: T.Type, _ body: (T) -> Double) -> [Double] {
            [Double](unsafeUninitializedCapacity: count) { out, initialized in
                for i in 0..<count {
                    let raw = base.loadUnaligned(fromByteOffset: i * MemoryLayout<T>.size, as: T.self)
                    out[i] = body(swap ? raw.byteSwapped : raw)
                }
                initialized = count
            }
        }
        switch (kind, size) {
        case (.float, 4): return convert(UInt32.self) { Double(Float(bitPattern: $0)) }
        case (.float, _): return convert(UInt64.self) { Double(bitPattern: $0) }
        case (.signed, 1): return convert(Int8.self) { Double($0) }
        case (.signed, 2): return convert(Int16.self) { Double($0) }
        case (.signed, 4): return convert(Int32.self) { Double($0) }
        case (.signed, _): return convert(Int64.self) { Double($0) }
        case (.unsigned, 1): return convert(UInt8.self) { Double($0) }
        case (.unsigned, 2): return convert(UInt16.self) { Double($0) }
        case (.unsigned, 4): return convert(UInt32.self) { Double($0) }
        case (.unsigned, _): return convert(UInt64.self) { Double($0) }
        case (.bool, _): return convert(UInt8.self) { $0 != 0 ? 1 : 0 }
        }
    }
}
