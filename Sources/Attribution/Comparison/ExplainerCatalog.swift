import Foundation

/// Every explainer `xcebra compare` can run, by name, with the defaults of baselines.md and
/// xcebra.md §7.
///
/// | name | method | defaults |
/// |---|---|---|
/// | `jf-inv` | Inverted Neuron Gradient (`jf-inv-svd` for normalised models, else `jf-inv-lsq`) | xcebra.md §7 |
/// | `jf-inv-lsq`, `jf-inv-svd`, `jf`, … | `NeuronGradientExplainer` names | |
/// | `saliency` | neuron gradient J_f | |
/// | `input-x-gradient` | x ⊙ ∇ | |
/// | `integrated-gradients` | IG | 50 Gauss–Legendre steps, baseline zero |
/// | `gradient-shap` | GradientSHAP | 5 draws, noise 0, baseline zero |
/// | `smoothgrad` | SmoothGrad | 5 draws, noise 0.15 of the sample's range |
/// | `deeplift` | DeepLIFT rescale | baseline zero |
/// | `feature-ablation` | ablation per neuron | baseline zero |
/// | `shapley-sampling` | Shapley value sampling | 25 permutations |
/// | `lime` | LIME, weighted ridge | 100 draws, cosine kernel width 1, λ 0.01 |
/// | `augmented-occlusion` | AFO | 10 draws from ≤ 10,000 attributed inputs |
public enum ExplainerCatalog {
    /// The methods of `--methods all`, in table order.
    public static let all = ["jf-inv", "saliency", "input-x-gradient", "integrated-gradients", "gradient-shap", "smoothgrad",
                             "deeplift", "feature-ablation", "shapley-sampling", "lime", "augmented-occlusion"]

    public struct Options: Sendable {
        public var integrationSteps = 50
        public var integrationRule = IntegrationRule.gaussLegendre
        /// Baseline of IG, DeepLIFT, ablation, Shapley and LIME: "zero", "mean" or "shuffle".
        public var baseline = "zero"
        /// GradientSHAP baseline: "zero" or "shuffle" (CEBRA's two choices).
        public var gradientShapBaseline = "zero"
        public var gradientShapDraws = 5
        public var gradientShapNoise = 0.0
        public var smoothGradDraws = 5
        public var smoothGradNoise = SmoothGradExplainer.Noise.relative(0.15)
        public var shapleyPermutations = ShapleySamplingExplainer.defaultPermutations
        public var antithetic = false
        public var limeDraws = 100
        public var augmentedDraws = 10
        public init() {}
    }

    /// The explainer `name` for `model` on `samples`; `seed` drives every random choice.
    public static func make(_ name: String, model: EmbeddingModel, samples: AttributionSamples, seed: UInt64,
                            options: Options = Options()) throws -> any Explainer {
        func baseline(_ kind: String) throws -> InputBaseline {
            kind == "shuffle" ? InputBaseline.shuffled(from: samples, seed: seed) : try InputBaseline.named(kind, samples: samples)
        }
        switch name {
        case "jf-inv":
            return try NeuronGradientExplainer(name: AttributionAnalysis.defaultMethod(for: model), moorePenroseStride: 0)
        case "saliency": return SaliencyExplainer()
        case "input-x-gradient": return InputXGradientExplainer()
        case "integrated-gradients":
            return IntegratedGradientsExplainer(steps: options.integrationSteps, rule: options.integrationRule,
                                                baseline: try baseline(options.baseline), seed: seed)
        case "gradient-shap":
            return GradientSHAPExplainer(draws: options.gradientShapDraws, noiseStd: options.gradientShapNoise,
                                         baseline: try baseline(options.gradientShapBaseline), seed: seed)
        case "smoothgrad": return SmoothGradExplainer(draws: options.smoothGradDraws, noise: options.smoothGradNoise, seed: seed)
        case "deeplift": return DeepLIFTExplainer(baseline: try baseline(options.baseline), seed: seed)
        case "feature-ablation": return FeatureAblationExplainer(baseline: try baseline(options.baseline), seed: seed)
        case "shapley-sampling":
            return ShapleySamplingExplainer(permutations: options.shapleyPermutations, antithetic: options.antithetic,
                                            baseline: try baseline(options.baseline), seed: seed)
        case "lime": return LIMEExplainer(draws: options.limeDraws, baseline: try baseline(options.baseline), seed: seed)
        case "augmented-occlusion":
            return AugmentedOcclusionExplainer(reference: AugmentedOcclusionExplainer.reference(from: samples, seed: seed),
                                               draws: options.augmentedDraws, seed: seed)
        default:
            if NeuronGradientExplainer.methodNames.contains(name) { return try NeuronGradientExplainer(name: name, moorePenroseStride: 0) }
            throw AttributionError.invalidOption("unknown method '\(name)'; available: \((all + NeuronGradientExplainer.methodNames).joined(separator: ", "))")
        }
    }

    /// Parses `--methods`: "all" or a comma-separated list (each checked).
    public static func parse(_ list: String) throws -> [String] {
        let names = list == "all" ? all : list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !names.isEmpty else { throw AttributionError.invalidOption("--methods is empty") }
        let known = Set(all + NeuronGradientExplainer.methodNames)
        if let bad = names.first(where: { !known.contains($0) }) {
            throw AttributionError.invalidOption("unknown method '\(bad)'; available: \((all + NeuronGradientExplainer.methodNames).joined(separator: ", "))")
        }
        return names
    }
}
