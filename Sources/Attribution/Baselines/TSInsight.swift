import NeuralNetworks
import Tensors

/// TSInsight (Siddiqui et al., ICLR 2020 submission; baselines.md §1.4): an auto-encoder placed
/// in front of the frozen model and fine-tuned so that its output keeps what the model needs and
/// suppresses the rest; the attribution is |D(E(x))|.
///
/// Auto-encoder (ours; the paper's architecture is not published): an MLP on the flattened
/// window, TD → H → L → H → TD with GELU between layers (H = `hidden`, L = `latent`).
///
/// 1. Pre-training: Adam on mean (x − D(E(x)))² for `pretrainEpochs`.
/// 2. Fine-tuning through the frozen model f, with per-cell means (our normalisation of the
///    paper's norms, so γ and β do not scale with T·D):
///
///        L = mean_k (f_k(x̂) − y_k)² + γ·mean (x − x̂)² + β·mean|x̂| + λ·(‖W_E‖² + ‖W_D‖²)
///
///    with x̂ = D(E(x)) and y = f(x) (the model's own outputs, so no labels are needed) or the
///    given labels. The paper uses cross-entropy for its classifiers; this toolkit explains
///    regressors and embeddings, hence the squared error.
/// 3. Attribution: |x̂|, `[N, T, D]`.
///
/// Published settings (Table 2): Adam lr 1e-4, γ = 4, β = 1e-4, ≤ 50 epochs, batch 256; the
/// plateau schedule (×0.9, patience 4) and early stopping (patience 10) are not reproduced here
/// (fixed epochs). With γ ≫ β the auto-encoder mostly reconstructs its input, so the map is close
/// to |x|; the authors tuned γ, β per data set (Table 3) and report frequent non-convergence.
public struct TSInsight: TimeSeriesAttribution {
    public var hidden = 64
    public var latent = 32
    public var pretrainEpochs = 50
    public var fineTuneEpochs = 50
    public var batchSize = 256
    public var learningRate: Float = 1e-4
    public var gamma: Float = 4
    public var beta: Float = 1e-4
    public var weightPenalty: Float = 0

    public init() {}

    public var name: String { "tsinsight" }

    /// The fitted auto-encoder: `callAsFunction` maps `[B, T, D]` to x̂ `[B, T, D]`.
    public final class AutoEncoder {
        let encoder: Sequential, decoder: Sequential
        let shape: (t: Int, d: Int)
        init(encoder: Sequential, decoder: Sequential, t: Int, d: Int) {
            self.encoder = encoder
            self.decoder = decoder
            shape = (t, d)
        }
        public func callAsFunction(_ x: Variable) -> Variable {
            let b = x.shape[0]
            return decoder(encoder(x.reshaped([b, shape.t * shape.d]))).reshaped([b, shape.t, shape.d])
        }
        var weights: [Variable] {
            (encoder.layers + decoder.layers).compactMap { ($0 as? Linear)?.weight }
        }
        var parameters: [Variable] { encoder.parameters + decoder.parameters }
    }

    /// Explains `x` with an auto-encoder fitted on `x` itself (a batch-level explanation).
    public func attribute(_ x: Tensor, model: TimeSeriesModel, using rng: inout Xoshiro256) throws -> Tensor {
        let ae = try fit(x, model: model, using: &rng)
        return GradMode.withoutGradient { ae(Variable(x)).value.abs() }
    }

    /// Fits the auto-encoder on `data` `[N, T, D]` (a "global" explanation when `data` is the
    /// training set); `labels` `[N, K]` replace f(x) as the fine-tuning target when given.
    public func fit(_ data: Tensor, model: TimeSeriesModel, labels: Tensor? = nil, using rng: inout Xoshiro256) throws -> AutoEncoder {
        try model.validate(data, method: name)
        let n = data.shape[0], t = data.shape[1], d = data.shape[2], m = t * d
        guard hidden >= 1, latent >= 1, batchSize >= 1, pretrainEpochs >= 0, fineTuneEpochs >= 0 else {
            throw AttributionError.invalidOption("tsinsight: sizes and batch must be ≥ 1 and epochs ≥ 0")
        }
        let targets = labels ?? model.evaluate(data)
        guard targets.shape == [n, model.outputs] else {
            throw AttributionError.incompatible("tsinsight: labels must be [\(n), \(model.outputs)], got \(targets.shape)")
        }
        let ae = AutoEncoder(encoder: Sequential([Linear(m, hidden, using: &rng), GELU(), Linear(hidden, latent, using: &rng), GELU()]),
                             decoder: Sequential([Linear(latent, hidden, using: &rng), GELU(), Linear(hidden, m, using: &rng)]),
                             t: t, d: d)
        let k = model.outputs
        func batches(_ rng: inout Xoshiro256) -> [(Tensor, Tensor)] {
            let order = rng.permutation(n)
            return stride(from: 0, to: n, by: batchSize).map { lo in
                let idx = Array(order[lo..<Swift.min(lo + batchSize, n)])
                return (data.reshaped([n, m]).gatherRows(idx).reshaped([idx.count, t, d]), targets.gatherRows(idx).reshaped([idx.count, k]))
            }
        }
        let pre = Adam(parameters: ae.parameters, learningRate: learningRate)
        for e in 0..<pretrainEpochs {
            for (xb, _) in batches(&rng) {
                let loss = (ae(Variable(xb)) - Variable(xb)).squared().mean()
                try step(pre, loss, ae.parameters, "pre-training", e)
            }
        }
        let fine = Adam(parameters: ae.parameters, learningRate: learningRate)
        for e in 0..<fineTuneEpochs {
            for (xb, yb) in batches(&rng) {
                let x = Variable(xb), xhat = ae(x)
                var loss = (model(xhat) - Variable(yb)).squared().mean()
                    + (x - xhat).squared().mean() * gamma + xhat.absolute().mean() * beta
                if weightPenalty > 0 { for w in ae.weights { loss = loss + w.squared().sum() * weightPenalty } }
                try step(fine, loss, ae.parameters, "fine-tuning", e)
            }
        }
        return ae
    }

    private func step(_ opt: Adam, _ loss: Variable, _ params: [Variable], _ phase: String, _ epoch: Int) throws {
        guard loss.value.scalar.isFinite else {
            throw AttributionError.incompatible("tsinsight: the \(phase) loss became non-finite at epoch \(epoch); lower the learning rate")
        }
        opt.update(gradients: gradients(of: loss, withRespectTo: params).map(\.value))
    }
}
