/// The project's pseudo-random generator: **xoshiro256\*\*** (Blackman & Vigna, 2018), a
/// 256-bit-state generator with period 2²⁵⁶ − 1 that passes BigCrush, seeded through
/// **SplitMix64** so that any 64-bit seed (including 0) gives a well-mixed state.
///
/// Independent streams: `stream(k)` returns a copy advanced by k jumps of 2¹²⁸ steps, so
/// streams never overlap for fewer than 2¹²⁸ draws each. Every random choice in the toolkit
/// flows from one user seed through `stream(_:)` with a fixed, documented stream number.
public struct Xoshiro256: RandomNumberGenerator, Sendable, Equatable {
    public private(set) var state: (UInt64, UInt64, UInt64, UInt64)
    /// Second variate of the last Box–Muller pair (see `normal()`); part of the state.
    var spareNormal: Double? = nil

    public init(seed: UInt64) {
        var sm = seed
        func splitmix() -> UInt64 {
            sm &+= 0x9E37_79B9_7F4A_7C15
            var z = sm
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (splitmix(), splitmix(), splitmix(), splitmix())
    }

    /// The full state as five words (the fifth encodes a pending Box–Muller variate), for
    /// checkpoints; `init(serialized:)` restores it exactly.
    public var serialized: [UInt64] {
        [state.0, state.1, state.2, state.3, spareNormal.map { $0.bitPattern } ?? UInt64.max]
    }

    /// Restores a generator from `serialized`; nil when the words are not a valid state.
    public init?(serialized w: [UInt64]) {
        guard w.count == 5, w[0] | w[1] | w[2] | w[3] != 0 else { return nil }
        state = (w[0], w[1], w[2], w[3])
        spareNormal = w[4] == UInt64.max ? nil : Double(bitPattern: w[4])
    }

    public static func == (a: Xoshiro256, b: Xoshiro256) -> Bool {
        a.state.0 == b.state.0 && a.state.1 == b.state.1 && a.state.2 == b.state.2 && a.state.3 == b.state.3
            && a.spareNormal == b.spareNormal
    }

    @inline(__always) static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    public mutating func next() -> UInt64 {
        let result = Xoshiro256.rotl(state.1 &* 5, 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = Xoshiro256.rotl(state.3, 45)
        return result
    }

    /// Advances the state by 2¹²⁸ draws (the reference jump polynomial).
    public mutating func jump() {
        let poly: [UInt64] = [0x180E_C6D3_3CFD_0ABA, 0xD5A6_1266_F0C9_392C, 0xA958_2618_E03F_C9AA, 0x39AB_DC45_29B1_661C]
        var s0: UInt64 = 0, s1: UInt64 = 0, s2: UInt64 = 0, s3: UInt64 = 0
        for p in poly {
            for b in 0..<64 {
                if p & (UInt64(1) << UInt64(b)) != 0 {
                    s0 ^= state.0; s1 ^= state.1; s2 ^= state.2; s3 ^= state.3
                }
                _ = next()
            }
        }
        state = (s0, s1, s2, s3)
        spareNormal = nil
    }

    /// An independent generator: this one advanced by `index + 1` jumps (index ≥ 0).
    public func stream(_ index: Int) -> Xoshiro256 {
        precondition(index >= 0, "Xoshiro256.stream: negative index")
        var g = self
        for _ in 0...index { g.jump() }
        return g
    }
}

