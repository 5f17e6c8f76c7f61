/// Finds a numeric value stored under a string key in a pickle stream without executing it
/// (Suite2p `ops.npy` / `settings.npy`: the frame rate `fs`).
///
/// Recognised: the key as SHORT_BINUNICODE (0x8c), BINUNICODE (X), SHORT_BINSTRING (U) or BINSTRING (T),
/// optionally followed by MEMOIZE (0x94), BINPUT (q n) or LONG_BINPUT (r nnnn); then the value as BINFLOAT
/// (G, 8-byte big-endian), BININT (J), BININT1 (K), BININT2 (M), or a NumPy scalar reduce whose payload is
/// SHORT_BINBYTES (C) of 8 bytes (float64, little-endian) within the next 200 bytes.
public enum PickleScanner {
    public static func number(forKey key: String, in bytes: [UInt8]) -> Double? {
        let k = Array(key.utf8)
        var patterns: [[UInt8]] = [[0x8c, UInt8(k.count)] + k, [0x55, UInt8(k.count)] + k]
        patterns.append([0x58] + le32(k.count) + k)
        patterns.append([0x54] + le32(k.count) + k)
        var i = 0
        while i < bytes.count {
            guard let p = patterns.first(where: { matches(bytes, at: i, $0) }) else { i += 1; continue }
            var j = i + p.count
            if j < bytes.count && bytes[j] == 0x94 { j += 1 } else if j + 1 < bytes.count && bytes[j] == 0x71 { j += 2 } else if j + 4 < bytes.count && bytes[j] == 0x72 { j += 5 }
            if let v = value(bytes, at: j) { return v }
            // NumPy scalar: look for C\x08 + 8 bytes before the next key-like opcode.
            let end = min(bytes.count - 9, j + 200)
            if j < end {
                for m in j..<end where bytes[m] == 0x43 && bytes[m + 1] == 8 {
                    var bits: UInt64 = 0
                    for b in 0..<8 { bits |= UInt64(bytes[m + 2 + b]) << (8 * UInt64(b)) }
                    return Double(bitPattern: bits)
                }
            }
            i += 1
        }
        return nil
    }

    private static func le32(_ n: Int) -> [UInt8] { (0..<4).map { UInt8((n >> (8 * $0)) & 0xff) } }

    private static func matches(_ bytes: [UInt8], at i: Int, _ p: [UInt8]) -> Bool {
        guard i + p.count <= bytes.count else { return false }
        for (o, b) in p.enumerated() where bytes[i + o] != b { return false }
        return true
    }

    private static func value(_ b: [UInt8], at j: Int) -> Double? {
        guard j < b.count else { return nil }
        switch b[j] {
        case 0x47 where j + 8 < b.count: // BINFLOAT, big-endian
            var bits: UInt64 = 0
            for o in 0..<8 { bits = bits << 8 | UInt64(b[j + 1 + o]) }
            return Double(bitPattern: bits)
        case 0x4a where j + 4 < b.count: // BININT
            var v: UInt32 = 0
            for o in 0..<4 { v |= UInt32(b[j + 1 + o]) << (8 * UInt32(o)) }
            return Double(Int32(bitPattern: v))
        case 0x4b where j + 1 < b.count: return Double(b[j + 1]) // BININT1
        case 0x4d where j + 2 < b.count: return Double(UInt16(b[j + 1]) | UInt16(b[j + 2]) << 8) // BININT2
        default: return nil
        }
    }
}
