import Recordings
import Tensors

/// The xCEBRA synthetic benchmark (xcebra.md §9): latent groups z1, z2, … as truncated-normal
/// random walks, and neuron groups that each mix a chosen subset of the latent groups through an
/// injective bias-free MLP, so the true latent → neuron map is known exactly.
///
/// Default (the paper's set-up): z1, z2 ∈ (−1,1)³; neurons 0–24 = g1(z1), 25–49 = g2([z1, z2]);
/// each g an MLP in → 25 → 25 → 25 (`MixingNetwork`); no observation noise; T = 100,000.
/// Ground truth G is `(Σ latent dims) × N`: true where a neuron's group reads that latent.
public enum SyntheticBenchmark {
    /// One group of neurons and the latent groups (indices into `latentDimensions`) it reads.
    public struct NeuronGroup: Sendable, Equatable {
        public var inputs: [Int]
        public var count: Int
        public init(inputs: [Int], count: Int) {
            self.inputs = inputs
            self.count = count
        }
    }

    public struct Configuration: Sendable, Equatable {
        /// Dimension of each latent group (z1, z2, …).
        public var latentDimensions: [Int] = [3, 3]
        /// Neuron groups in column order of the output.
        public var neuronGroups: [NeuronGroup] = [NeuronGroup(inputs: [0], count: 25), NeuronGroup(inputs: [0, 1], count: 25)]
        /// Number of samples T.
        public var sampleCount: Int = 100_000
        /// Random-walk step standard deviation σ.
        public var stepStd: Double = 0.1
        /// Start each walk at U(−1,1)^d instead of 0.
        public var uniformStart: Bool = false
        /// Hidden width of every MLP; `nil` uses the group's neuron count (25 → 25 → 25 by default).
        public var hiddenWidth: Int? = nil
        /// Number of hidden layers (2 gives in → h → h → out).
        public var hiddenLayers: Int = 2
        /// LeakyReLU negative slope.
        public var negativeSlope: Double = 0.2
        /// Standard deviation of i.i.d. Gaussian noise added to every neuron (0 = none).
        public var observationNoise: Double = 0
        /// Spacing of the output timestamps in seconds (the benchmark has no physical time).
        public var sampleInterval: Double = 1
        public var seed: UInt64 = 0

        public init() {}

        /// k latent groups of `dimension` each; neuron group i reads latent groups 0…i
        /// (the default is the k = 2 case).
        public static func cumulative(groups k: Int, dimension: Int = 3, neuronsPerGroup: Int = 25) -> Configuration {
            var c = Configuration()
            c.latentDimensions = Array(repeating: dimension, count: k)
            c.neuronGroups = (0..<k).map { NeuronGroup(inputs: Array(0...$0), count: neuronsPerGroup) }
            return c
        }
    }

    /// A generated benchmark: the session plus everything needed to check attribution against it.
    public struct Result: Sendable {
        /// neural = x `[T, N]` (`.continuous`), behaviour "z1", "z2", … (`[T, d_k]`),
        /// groundTruth rows "z1[0]", "z1[1]", …, cellTypes "g1", "g2", ….
        public var session: Session
        /// Latent group k as `[T, d_k]` row-major.
        public var latents: [[Double]]
        /// Mixing network of neuron group k (input = its latent groups concatenated in order).
        public var networks: [MixingNetwork]
        public var configuration: Configuration
        /// G: `[Σ d_k][N]`, true where the neuron's group reads the latent dimension.
        public var groundTruth: [[Bool]]
        /// Names of G's rows.
        public var latentNames: [String]
        /// The same structure per latent group (rows "z1", "z2", …).
        public var groupGroundTruth: GroundTruth
    }

    /// Validates `config`, then draws latents (stream 0 of the seed), networks (stream 1) and
    /// observation noise (stream 2).
    public static func generate(_ config: Configuration) throws -> Result {
        let dims = config.latentDimensions
        try require(!dims.isEmpty && dims.allSatisfy { $0 > 0 }, "latentDimensions", dims, "at least one positive dimension")
        try require(!config.neuronGroups.isEmpty, "neuronGroups", "[]", "at least one neuron group")
        for g in config.neuronGroups {
            try require(g.count > 0 && !g.inputs.isEmpty && g.inputs.allSatisfy { dims.indices.contains($0) }
                        && Set(g.inputs).count == g.inputs.count,
                        "neuronGroups.inputs", g.inputs, "distinct latent group indices in 0..<\(dims.count) and count > 0")
        }
        try require(config.sampleCount > 0, "sampleCount", config.sampleCount, "a positive number of samples")
        try require(config.stepStd > 0 && config.stepStd < 10, "stepStd", config.stepStd, "0 < σ < 10")
        try require(config.observationNoise >= 0 && config.observationNoise.isFinite, "observationNoise", config.observationNoise, "≥ 0")
        try require(config.hiddenLayers >= 0, "hiddenLayers", config.hiddenLayers, "≥ 0")
        try require(config.sampleInterval > 0, "sampleInterval", config.sampleInterval, "> 0")

        let base = Xoshiro256(seed: config.seed)
        var latentRNG = base.stream(0), netRNG = base.stream(1), noiseRNG = base.stream(2)
        let T = config.sampleCount
        let latents = dims.map {
            truncatedNormalRandomWalk(steps: T, dimensions: $0, stepStd: config.stepStd,
                                      uniformStart: config.uniformStart, rng: &latentRNG)
        }
        var networks = [MixingNetwork]()
        for g in config.neuronGroups {
            let inDim = g.inputs.reduce(0) { $0 + dims[$1] }
            let h = config.hiddenWidth ?? g.count
            let widths = [inDim] + Array(repeating: h, count: config.hiddenLayers) + [g.count]
            networks.append(try MixingNetwork(widths: widths, negativeSlope: config.negativeSlope, rng: &netRNG))
        }

        let N = config.neuronGroups.reduce(0) { $0 + $1.count }
        var x = Tensor(zeros: [T, N])
        x.scalars.withUnsafeMutableBufferPointer { out in
            var column = 0
            for (gi, g) in config.neuronGroups.enumerated() {
                var z = [Double](repeating: 0, count: networks[gi].inputCount)
                for t in 0..<T {
                    var o = 0
                    for k in g.inputs {
                        for j in 0..<dims[k] { z[o] = latents[k][t * dims[k] + j]; o += 1 }
                    }
                    let y = networks[gi](z)
                    for n in 0..<g.count { out[t * N + column + n] = Float(y[n]) }
                }
                column += g.count
            }
            if config.observationNoise > 0 {
                for i in 0..<out.count { out[i] += Float(config.observationNoise * noiseRNG.normal()) }
            }
        }

        let groupNames = dims.indices.map { "z\($0 + 1)" }
        var latentNames = [String](), G = [[Bool]](), groupG = [[Bool]](repeating: [], count: dims.count)
        var cellTypes = [String](), neurons = [NeuronInfo]()
        for (k, d) in dims.enumerated() {
            for j in 0..<d { latentNames.append("\(groupNames[k])[\(j)]") }
        }
        for k in dims.indices {
            var row = [Bool]()
            for g in config.neuronGroups { row += Array(repeating: g.inputs.contains(k), count: g.count) }
            groupG[k] = row
            G += Array(repeating: row, count: dims[k])
        }
        for (gi, g) in config.neuronGroups.enumerated() {
            let reads = g.inputs.map { groupNames[$0] }.joined(separator: ",")
            for _ in 0..<g.count {
                neurons.append(NeuronInfo(id: Int64(neurons.count), kind: .synthetic, cellType: "g\(gi + 1)", extra: ["inputs": reads]))
                cellTypes.append("g\(gi + 1)")
            }
        }
        let behaviour = dims.indices.map {
            BehaviourVariable(name: groupNames[$0], values: latents[$0], columns: dims[$0], unit: "a.u.")
        }
        var parameters: [String: String] = [
            "seed": "\(config.seed)", "latentDimensions": "\(dims)", "sampleCount": "\(T)",
            "stepStd": "\(config.stepStd)", "uniformStart": "\(config.uniformStart)",
            "observationNoise": "\(config.observationNoise)",
            "latentStart": config.uniformStart ? "U(-1,1)" : "0",
            "mixing": "bias-free MLP per neuron group, LeakyReLU(\(config.negativeSlope)) between layers, weights with "
                + "orthonormal columns from Householder QR (positive R diagonal) of N(0,1) matrices drawn row-major "
                + "from Xoshiro256(seed).stream(1), groups in order",
        ]
        for (gi, g) in config.neuronGroups.enumerated() {
            parameters["g\(gi + 1).inputs"] = g.inputs.map { groupNames[$0] }.joined(separator: ",")
            parameters["g\(gi + 1).widths"] = "\(networks[gi].widths)"
            for (l, w) in networks[gi].weights.enumerated() {
                parameters["g\(gi + 1).W\(l + 1)"] = w.map { "\($0)" }.joined(separator: ",")
            }
        }
        let session = Session(
            id: "synthetic-benchmark-seed\(config.seed)",
            timestamps: (0..<T).map { Double($0) * config.sampleInterval },
            neural: x, neuralKind: .continuous, neurons: neurons, behaviour: behaviour,
            groundTruth: GroundTruth(variables: latentNames, encodes: G, cellTypes: cellTypes),
            provenance: Provenance(source: "simulation:xcebra-synthetic-benchmark", reader: "Simulation.SyntheticBenchmark",
                                   parameters: parameters))
        return Result(session: session, latents: latents, networks: networks, configuration: config,
                      groundTruth: G, latentNames: latentNames,
                      groupGroundTruth: GroundTruth(variables: groupNames, encodes: groupG, cellTypes: cellTypes))
    }
}
