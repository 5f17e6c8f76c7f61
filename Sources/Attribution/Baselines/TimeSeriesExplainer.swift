import Dispatch
import Tensors

/// Any `TimeSeriesAttribution` as an `Explainer` of an embedding (or supervised) model, giving
/// the d × n orientation of xCEBRA:
///
/// for every output dimension k, the method explains f_k (`TimeSeriesModel.selecting(output:)`)
/// on the chunk's windows `[C, W, n]` (offset1 models: W = 1), and the per-sample value is the mean
/// over the window's W time steps: values[c, k, j] = (1/W)Σ_t R_k[c, t, j].
///
/// Mask methods therefore run d fits per chunk (baselines.md §5); chunks are explained
/// independently, and the random stream of output k in the chunk starting at session sample s
/// is `Xoshiro256(seed: seed &+ s).stream(k)`, so results do not depend on the order of chunks.
public struct TimeSeriesExplainer: Explainer {
    public var method: any TimeSeriesAttribution
    public var seed: UInt64

    public init(_ method: any TimeSeriesAttribution, seed: UInt64 = 0) {
        self.method = method
        self.seed = seed
    }

    public var name: String { method.name }

    public func attributions(of model: EmbeddingModel, inputs: Tensor, samples: ArraySlice<Int>) throws -> ChunkAttribution {
        let window = TimeSeriesModel(embedding: model)
        let c = inputs.shape[0], d = model.outputDimension, n = model.inputNeurons, w = window.timeSteps
        let x = inputs.reshaped([c, w, n])
        let root = Xoshiro256(seed: seed &+ UInt64(samples.first ?? 0))
        var values = [Double](repeating: 0, count: c * d * n)
        let start = DispatchTime.now().uptimeNanoseconds
        for k in 0..<d {
            var rng = root.stream(k)
            let r = try method.attribute(x, model: window.selecting(output: k), using: &rng)
            for b in 0..<c { for j in 0..<n {
                var s = 0.0
                for t in 0..<w { s += Double(r.scalars[(b * w + t) * n + j]) }
                values[(b * d + k) * n + j] = s / Double(w)
            } }
        }
        return ChunkAttribution(values: values, phaseSeconds: [method.name: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9])
    }
}
