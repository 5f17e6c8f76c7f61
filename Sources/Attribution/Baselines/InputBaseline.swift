import Tensors

/// The reference input x0 of the baseline-dependent explainers (integrated gradients,
/// GradientSHAP, DeepLIFT, ablation, Shapley sampling, LIME).
///
/// Inputs are one sample each, E = W·n elements (W = 1 for offset1 models), laid out as the
/// model's input row `[n]` or window `[W, n]`.
public enum InputBaseline: Sendable, Equatable {
    /// x0 = 0 (captum's and CEBRA's default).
    case zero
    /// x0 = a fixed input of E elements, e.g. the mean input (`mean(of:)`).
    case constant([Float])
    /// x0[e] = a value drawn uniformly (with replacement) from `pool`, independently per
    /// element and per draw: CEBRA's "shuffle" baseline permutes all input values of the
    /// batch; drawing from the pool of all attributed input values is the same distribution
    /// without the without-replacement coupling, and does not depend on the chunking.
    case shuffled(pool: [Float])

    /// Names on the command line.
    public static let names = ["zero", "mean", "shuffle"]

    /// The baseline `name` ("zero", "mean", "shuffle") for the inputs of `samples`.
    public static func named(_ name: String, samples: AttributionSamples) throws -> InputBaseline {
        switch name {
        case "zero", "zeros": return .zero
        case "mean": return mean(of: samples)
        case "shuffle", "shuffled": return shuffled(from: samples)
        default: throw AttributionError.invalidOption("unknown baseline '\(name)'; available: \(names.joined(separator: ", "))")
        }
    }

    /// x0 = (1/N) Σ_b x_b over all attributed inputs (per element).
    public static func mean(of samples: AttributionSamples) -> InputBaseline {
        var sum: [Double] = []
        var lo = 0
        while lo < samples.count {
            let hi = Swift.min(lo + 4_096, samples.count)
            let x = samples.inputs(lo..<hi)
            let e = x.count / (hi - lo)
            if sum.isEmpty { sum = [Double](repeating: 0, count: e) }
            x.scalars.withUnsafeBufferPointer { p in
                for b in 0..<(hi - lo) { for k in 0..<e { sum[k] += Double(p[b * e + k]) } }
            }
            lo = hi
        }
        return .constant(sum.map { Float($0 / Double(samples.count)) })
    }

    /// The pool of every value of the attributed inputs (at most `limit`, a seeded
    /// uniform subsample of the samples when there are more).
    public static func shuffled(from samples: AttributionSamples, limit: Int = 1_000_000, seed: UInt64 = 0) -> InputBaseline {
        var pool: [Float] = []
        let first = samples.inputs(0..<1)
        let perSample = Swift.max(first.count, 1)
        let take = Swift.min(samples.count, Swift.max(1, limit / perSample))
        var positions = Array(0..<samples.count)
        if take < samples.count {
            var rng = Xoshiro256(seed: seed)
            for i in 0..<take { positions.swapAt(i, i + rng.uniformInt(below: samples.count - i)) }
            positions = Array(positions[0..<take]).sorted()
        }
        pool.reserveCapacity(take * perSample)
        var lo = 0
        while lo < take {
            let hi = Swift.min(lo + 4_096, take)
            for p in positions[lo..<hi] { pool += samples.inputs(p..<(p + 1)).scalars }
            lo = hi
        }
        return .shuffled(pool: pool)
    }

    /// Whether x0 is random (a new draw per use).
    public var isRandom: Bool { if case .shuffled = self { return true } else { return false } }

    /// x0 for a chunk of samples: one row of `elements` values per entry of `samples`, row-major,
    /// each drawn from that sample's own stream (`SampleRandomness`), so a sample's baseline does
    /// not depend on the chunk it lands in.
    public func rows(samples: ArraySlice<Int>, elements e: Int, seed: UInt64, stream: UInt64) throws -> [Float] {
        var x0 = [Float](repeating: 0, count: samples.count * e)
        try x0.withUnsafeMutableBufferPointer { all in
            for (b, sample) in samples.enumerated() {
                var rng = SampleRandomness.generator(seed: seed, sample: sample, stream: stream)
                try fill(UnsafeMutableBufferPointer(rebasing: all[(b * e)..<((b + 1) * e)]), using: &rng)
            }
        }
        return x0
    }

    /// Writes x0 for one sample (E elements) into `out`; `rng` is used only by `shuffled`.
    public func fill(_ out: UnsafeMutableBufferPointer<Float>, using rng: inout Xoshiro256) throws {
        switch self {
        case .zero:
            for k in out.indices { out[k] = 0 }
        case .constant(let v):
            guard v.count == out.count else {
                throw AttributionError.incompatible("the baseline has \(v.count) elements but a model input has \(out.count)")
            }
            for k in out.indices { out[k] = v[k] }
        case .shuffled(let pool):
            guard !pool.isEmpty else { throw AttributionError.invalidOption("the shuffle baseline needs a non-empty pool of input values") }
            for k in out.indices { out[k] = pool[rng.uniformInt(below: pool.count)] }
        }
    }
}
