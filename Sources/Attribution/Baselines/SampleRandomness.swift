import Tensors

/// Per-sample random generators for the stochastic explainers.
///
/// `Explanation.compute` calls an explainer chunk by chunk, so a generator carried across
/// chunks would make results depend on the chunk size. Instead every sample gets its own
/// `Xoshiro256`, seeded (through SplitMix64 inside `Xoshiro256(seed:)`) from
/// seed ⊕ (sample index + 1)·0x9E3779B97F4A7C15 ⊕ stream·0xD1B54A32D192ED03, where the sample
/// index is the session sample (window centre) and `stream` separates the uses within one
/// method. Same seed ⇒ same attributions, whatever the chunking or the sample subset.
public enum SampleRandomness {
    public static func generator(seed: UInt64, sample: Int, stream: UInt64 = 0) -> Xoshiro256 {
        let s = UInt64(bitPattern: Int64(sample) &+ 1)
        return Xoshiro256(seed: seed ^ (s &* 0x9E37_79B9_7F4A_7C15) ^ (stream &* 0xD1B5_4A32_D192_ED03))
    }
}
