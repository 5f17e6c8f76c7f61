import Contrastive
import Recordings
import Tensors

/// Per-neuron significance from a circular-shift null with retraining.
///
/// **Null hypothesis.** The behaviour carries no information about the neural data beyond what
/// a behaviour trace with the same temporal structure would. **Construction.** For shift s the
/// behaviour is rolled in time relative to the neural activity, c′_t = c_{(t+s) mod T} (every
/// behaviour variable by the same s, so their mutual relations stay intact; the neural data,
/// valid mask and time-contrastive positives are untouched). The shifts are S draws, uniform
/// without replacement on [⌈fT⌉, T − ⌈fT⌉] (f = `minimumShiftFraction`, default 0.05), so no
/// shifted trace stays close to the original through autocorrelation.
///
/// **What is retrained.** For shift 0 (the observed data) and every shift, the whole encoder is
/// trained from a fresh initialisation with the model's configuration, except `steps` and
/// `batchSize` when overridden, each with its own seed (stream j of `seed`). All S + 1 models use
/// the identical recipe, which is what makes the observed statistic exchangeable with the null
/// ones under H0; the user's own (possibly longer-trained) model is deliberately *not* used as
/// the observed value, since it would not be exchangeable with shorter null fits.
///
/// **Statistic.** For behaviour block k, the z-score of neuron i's block score across neurons
/// (scale-free, so fits of different embedding scale compare). **p-value** (one-sided, with
/// the +1 correction so that p is never 0 and the test is valid at finite S):
///
///     p_{k,i} = (1 + #{j = 1…S : z^{(j)}_{k,i} ≥ z^{(0)}_{k,i}}) / (S + 1).
///
/// Cost: S + 1 trainings plus S + 1 attributions of `samples` samples. The cheaper setting is
/// the same test with fewer steps and samples: it stays calibrated (the recipe is shared), it
/// only loses power. Retraining cannot be skipped: the attribution map is a function of the
/// encoder and the neural data only, so shifting the behaviour under a fixed encoder would not
/// change it at all.
public struct ShiftNull: Sendable {
    public var shifts: Int
    /// Training steps per model (nil: the configuration's).
    public var steps: Int?
    /// Batch size per model (nil: the configuration's).
    public var batchSize: Int?
    /// Samples attributed per model (nil: all).
    public var samples: Int?
    public var minimumShiftFraction: Double
    public var seed: UInt64
    /// Attribution method used for every model.
    public var method: String

    public init(shifts: Int = 20, steps: Int? = nil, batchSize: Int? = nil, samples: Int? = 5_000,
                minimumShiftFraction: Double = 0.05, seed: UInt64 = 0, method: String = "jf-inv-lsq") {
        self.shifts = shifts
        self.steps = steps
        self.batchSize = batchSize
        self.samples = samples
        self.minimumShiftFraction = minimumShiftFraction
        self.seed = seed
        self.method = method
    }

    public struct Result: Sendable {
        /// The S shifts (in samples).
        public var shifts: [Int]
        public var steps: Int
        public var batchSize: Int
        /// Block labels, parallel to the other arrays.
        public var variables: [String]
        /// z^{(0)}[k][i] of the shift-0 model.
        public var observedZ: [[Double]]
        /// z^{(j)}[k][i], j = 1…S.
        public var nullZ: [[[Double]]]
        /// p[k][i]; nil for time-only blocks (the behaviour shift does not act on them).
        public var pValues: [[Double]?]
    }

    /// Trains and attributes S + 1 models; `progress(j, S + 1)` after each.
    public func run(configuration: TrainingConfiguration, session: Session,
                    progress: ((Int, Int) -> Void)? = nil) throws -> Result {
        let t = session.sampleCount
        guard shifts >= 1 else { throw AttributionError.invalidOption("the shift null needs ≥ 1 shift, got \(shifts)") }
        guard minimumShiftFraction >= 0, minimumShiftFraction < 0.5 else {
            throw AttributionError.invalidOption("the minimum shift fraction must be in [0, 0.5), got \(minimumShiftFraction)")
        }
        let lo = Swift.max(1, Int((Double(t) * minimumShiftFraction).rounded(.up))), hi = t - lo
        guard hi - lo + 1 >= shifts else {
            throw AttributionError.invalidOption("session '\(session.id)' has \(t) samples: too few for \(shifts) distinct shifts in [\(lo), \(hi)]")
        }
        let explainer = try NeuronGradientExplainer(name: method, moorePenroseStride: 0)
        let root = Xoshiro256(seed: seed)
        var shiftRNG = root.stream(0)
        var pool = Array(lo...hi)
        for i in 0..<shifts { pool.swapAt(i, i + shiftRNG.uniformInt(below: pool.count - i)) }
        let drawn = Array(pool[0..<shifts])
        var config = configuration
        if let steps { config.steps = steps }
        if let batchSize { config.batchSize = batchSize }
        config.checkpointEvery = 0
        var zs: [[[Double]]] = []
        var labels: [String] = []
        var timeOnly: [Bool] = []
        for (j, s) in ([0] + drawn).enumerated() {
            var c = config
            var seedRNG = root.stream(j + 1)
            c.seed = seedRNG.next()
            let trainer = try Trainer(configuration: c, session: ShiftNull.shifted(session, by: s))
            try trainer.train()
            let model = try EmbeddingModel(trainer: trainer)
            let e = try Explanation.compute(explainer, model: model,
                                            samples: try AttributionSamples(session: session, model: model, limit: samples, seed: c.seed))
            let scores = NeuronScoring.scores(map: e.map, blocks: model.blocks)
            zs.append(scores.map(\.z))
            labels = scores.map(\.variable)
            timeOnly = model.blocks.map(\.isTimeOnly)
            progress?(j + 1, shifts + 1)
        }
        let observed = zs[0], null = Array(zs.dropFirst())
        let p: [[Double]?] = observed.indices.map { k in
            if timeOnly[k] { return nil }
            return observed[k].indices.map { i in
                let exceed = null.reduce(0) { $0 + ($1[k][i] >= observed[k][i] ? 1 : 0) }
                return Double(1 + exceed) / Double(shifts + 1)
            }
        }
        return Result(shifts: drawn, steps: config.steps, batchSize: config.batchSize, variables: labels,
                      observedZ: observed, nullZ: null, pValues: p)
    }

    /// `session` with every behaviour variable rolled by s: c′_t = c_{(t+s) mod T}.
    public static func shifted(_ session: Session, by s: Int) -> Session {
        guard s != 0 else { return session }
        var out = session
        let t = session.sampleCount
        out.behaviour = session.behaviour.map { v in
            var w = v
            let k = v.columns
            for r in 0..<t {
                let src = ((r + s) % t + t) % t
                for c in 0..<k { w.values[r * k + c] = v.values[src * k + c] }
            }
            return w
        }
        return out
    }
}
