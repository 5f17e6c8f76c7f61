import Tensors

/// CEBRA 0.6.1's named encoders, with the same layer shapes and parameter counts.
///
/// | name | layers | offset |
/// |---|---|---|
/// | offset1-model-mse | Linear(n,30d)→GELU→Linear(30d,30d)→GELU→Linear(30d,10d)→GELU→Linear(10d,d) | (0,1) |
/// | offset1-model | the same, then L2 normalisation | (0,1) |
/// | offset1-model-mse-clip-a-b | offset1-model-mse, then Hardtanh(−a, b) | (0,1) |
/// | offset1-model-mse-tanh | offset1-model-mse, then tanh | (0,1) |
/// | offset5-model | Conv(n,U,2)→GELU→Skip(Conv(U,U,3)→GELU)→Conv(U,d,2)→L2 | (2,3) |
/// | offset10-model | Conv(n,U,2)→GELU→3×Skip(Conv(U,U,3)→GELU)→Conv(U,d,3)→L2 | (5,5) |
/// | offset10-model-mse | offset10-model without the normalisation | (5,5) |
/// | offset10-model-mse-clip-a-b | offset10-model-mse, then Hardtanh(−a, b) (ours: a bounded Euclidean conv encoder) | (5,5) |
///
/// The offset1 widths scale with d (CEBRA ignores `num_units` there): n = 50, d = 6 gives
/// 52,986 parameters; offset10-model with n = 100, U = 256, d = 14 has 652,814.
public enum EncoderRegistry {
    public static let names = ["offset1-model", "offset1-model-mse", "offset1-model-mse-clip-a-b",
                               "offset1-model-mse-tanh", "offset5-model", "offset10-model", "offset10-model-mse",
                               "offset10-model-mse-clip-a-b"]
    public static let clipValues: Set<Int> = [1000, 100, 50, 25, 20, 15, 10, 5, 1]

    public enum RegistryError: Error, CustomStringConvertible, Equatable {
        case unknownModel(String)
        public var description: String {
            switch self {
            case .unknownModel(let n):
                return "unknown model '\(n)'; available: \(EncoderRegistry.names.joined(separator: ", ")) (clip a, b ∈ {1000, 100, 50, 25, 20, 15, 10, 5, 1})"
            }
        }
    }

    /// Builds the encoder `name` for `neurons` inputs and `outputDimension` outputs.
    public static func make(_ name: String, neurons n: Int, outputDimension d: Int, hiddenUnits u: Int = 32,
                            using rng: inout Xoshiro256) throws -> Encoder {
        func mlp() -> [any Layer] {
            [Linear(n, 30 * d, using: &rng), GELU(), Linear(30 * d, 30 * d, using: &rng), GELU(),
             Linear(30 * d, 10 * d, using: &rng), GELU(), Linear(10 * d, d, using: &rng)]
        }
        func skip() -> any Layer { SkipBlock(Sequential([Conv1d(u, u, kernelSize: 3, using: &rng), GELU()])) }
        func offset10() -> [any Layer] {
            [Conv1d(n, u, kernelSize: 2, using: &rng), GELU(), skip(), skip(), skip(), Conv1d(u, d, kernelSize: 3, using: &rng)]
        }
        switch name {
        case "offset1-model-mse":
            return Encoder(name: name, network: Sequential(mlp()), inputNeurons: n, outputDimension: d, offset: (0, 1), normalizesOutput: false)
        case "offset1-model":
            return Encoder(name: name, network: Sequential(mlp() + [L2Normalize()]), inputNeurons: n, outputDimension: d, offset: (0, 1), normalizesOutput: true)
        case "offset1-model-mse-tanh":
            return Encoder(name: name, network: Sequential(mlp() + [Tanh()]), inputNeurons: n, outputDimension: d, offset: (0, 1), normalizesOutput: false)
        case "offset5-model":
            let layers: [any Layer] = [Conv1d(n, u, kernelSize: 2, using: &rng), GELU(), skip(),
                                       Conv1d(u, d, kernelSize: 2, using: &rng), L2Normalize()]
            return Encoder(name: name, network: Sequential(layers), inputNeurons: n, outputDimension: d, offset: (2, 3), normalizesOutput: true)
        case "offset10-model", "offset10-model-mse":
            var layers = offset10()
            let norm = name == "offset10-model"
            if norm { layers.append(L2Normalize()) }
            return Encoder(name: name, network: Sequential(layers), inputNeurons: n, outputDimension: d, offset: (5, 5), normalizesOutput: norm)
        default:
            for (prefix, conv) in [("offset1-model-mse-clip-", false), ("offset10-model-mse-clip-", true)] where name.hasPrefix(prefix) {
                // Exactly "a-b" with a, b written as the registry's values ("5-5", not "+5-5" or "5--5").
                let fields = name.dropFirst(prefix.count).split(separator: "-", omittingEmptySubsequences: false)
                let parts = fields.compactMap { Int($0) }
                guard fields.count == 2, parts.count == 2, zip(fields, parts).allSatisfy({ String($1) == $0 }),
                      clipValues.contains(parts[0]), clipValues.contains(parts[1]) else { break }
                let clip = Hardtanh(min: -Float(parts[0]), max: Float(parts[1]))
                if conv {
                    return Encoder(name: name, network: Sequential(offset10() + [clip]), inputNeurons: n, outputDimension: d, offset: (5, 5), normalizesOutput: false)
                }
                return Encoder(name: name, network: Sequential(mlp() + [clip]), inputNeurons: n, outputDimension: d, offset: (0, 1), normalizesOutput: false)
            }
            throw RegistryError.unknownModel(name)
        }
    }
}
