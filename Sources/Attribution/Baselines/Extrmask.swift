import Tensors

/// Extrmask (ExtremalMask, Enguehard 2023; baselines.md §1.4): a mask m ∈ [0,1]^{N×T×D} learned
/// jointly with a perturbation network NN, x^r = NN(x − x₀) with x₀ = 0 (a bidirectional GRU of
/// hidden size D and Linear(2D → D)), minimising over the batch (preservation mode)
///
///     L = mean_{n,k} (f_k(m ⊙ x + (1 − m) ⊙ x^r) − f_k(x))² + λ₁·mean|m| + λ₂·mean|x^r|
///
/// (deletion mode: −mean(f(x^r ⊙ ... )) with the roles of m and 1 − m exchanged). m starts at
/// 0.5 and is projected onto [0, 1] after every Adam step. Defaults are [P2]'s rare white-box
/// settings: λ₁ = λ₂ = 1, Adam lr 0.1, 200 epochs, the whole batch at once. State/Switch used
/// lr 0.01, 500 epochs.
///
/// The network is shared by the batch, so unlike Dynamask the result depends on which samples
/// are explained together.
public struct Extrmask: TimeSeriesAttribution {
    public var epochs = 200
    public var optimizer: TimeSeriesOptimizerKind = .adam(learningRate: 0.1)
    public var maskWeight: Float = 1       // λ₁
    public var perturbationWeight: Float = 1  // λ₂
    public var deletion = false

    public init() {}

    public var name: String { "extrmask" }

    public func attribute(_ x: Tensor, model: TimeSeriesModel, using rng: inout Xoshiro256) throws -> Tensor {
        try model.validate(x, method: name)
        guard epochs >= 1 else { throw AttributionError.invalidOption("extrmask: epochs must be ≥ 1") }
        let net = TimeSeriesPerturbationNetwork(features: x.shape[2], using: &rng)
        let mask = Variable(Tensor(repeating: 0.5, shape: x.shape), requiresGradient: true, name: "mask")
        let opt = TimeSeriesOptimizer(optimizer, parameters: [mask] + net.parameters)
        let target = Variable(model.evaluate(x))
        let xv = Variable(x)
        for e in 0..<epochs {
            let xr = net.perturb(x)
            let kept = deletion ? 1 - mask : mask
            let perturbed = kept * xv + (1 - kept) * xr
            var main = (model(perturbed) - target).squared().mean()
            if deletion { main = -main }
            let loss = main + mask.absolute().mean() * maskWeight + xr.absolute().mean() * perturbationWeight
            try opt.step(loss: loss, method: name, epoch: e)
            mask.value.clampInPlace(0, 1)
        }
        return mask.value
    }
}
