import Foundation
import Tensors

/// Dynamask (Crabbé & van der Schaar 2021; baselines.md §1.4): a mask m ∈ [0,1]^{T×D} per
/// sample, learned so that the perturbed input Φ(x, m) keeps the model's output.
///
/// Perturbations:
/// - `.fadeToMean`: Φ = m ⊙ x + (1 − m) ⊙ x̄, x̄[d] = (1/T)Σ_t x[t,d] (the sample's time mean);
/// - `.gaussianBlur(σ_max)`: Φ[t,d] = Σ_s w_{tsd} x[s,d] / Σ_s w_{tsd},
///   w_{tsd} = exp(−(t − s)²/(2σ[t,d]²)), σ[t,d] = σ_max(1 + 1e-7 − m[t,d]); costs T² per
///   feature and sample.
///
/// Loss per sample, for one target area a (fraction of cells kept):
///
///     L = mean_k (f_k(Φ) − f_k(x))² + λ_a(e)·mean((sort(m) − r_a)²) + λ_c·mean|m[t+1] − m[t]|
///
/// with r_a = (1 − a)·T·D zeros then a·T·D ones, sorted ascending like sort(m), and
/// λ_a(e) = λ_init·dilation^{e/epochs} at epoch e (geometric growth). Deletion mode replaces the
/// first term by −mean_k (f_k(Φ(x, 1 − m)) − f_k(x))². The batch loss is the *sum* of the
/// per-sample losses, so a batch fit equals independent per-sample fits (SGD included). m starts
/// at 0.5 and is projected onto [0, 1] after every step.
///
/// Several areas: one fit per area; per sample the smallest a whose final error (first term)
/// is below `errorThreshold` (0.01) is kept, else the a with the lowest error.
public struct Dynamask: TimeSeriesAttribution {
    public enum Perturbation: Sendable, Equatable {
        case fadeToMean
        case gaussianBlur(sigmaMax: Float)
    }

    public var perturbation: Perturbation = .fadeToMean
    public var areas: [Double] = [0.25]
    public var epochs = 500
    public var optimizer: TimeSeriesOptimizerKind = .adam(learningRate: 0.01)
    public var sizeRegularizerInit: Float = 0.1
    public var sizeRegularizerDilation: Float = 100
    public var timeRegularizer: Float = 1
    public var deletion = false
    public var errorThreshold: Float = 0.01

    public init() {}

    /// [P2]'s rare white-box settings: fade to the time mean, areas 0.011:0.002:0.039, 200 epochs,
    /// λ_a 0.01 → ×1000, λ_c = 0, SGD(0.1, momentum 0.9) as in Crabbé's code.
    public static var rareWhiteBox: Dynamask {
        var m = Dynamask()
        m.areas = stride(from: 0.011, through: 0.0391, by: 0.002).map { $0 }
        m.epochs = 200
        m.optimizer = .sgd(learningRate: 0.1, momentum: 0.9)
        m.sizeRegularizerInit = 0.01
        m.sizeRegularizerDilation = 1000
        m.timeRegularizer = 0
        return m
    }

    public var name: String { "dynamask" }

    public func attribute(_ x: Tensor, model: TimeSeriesModel, using rng: inout Xoshiro256) throws -> Tensor {
        try model.validate(x, method: name)
        guard !areas.isEmpty, areas.allSatisfy({ $0 > 0 && $0 < 1 }), epochs >= 1 else {
            throw AttributionError.invalidOption("dynamask: areas must be in (0, 1) and epochs ≥ 1")
        }
        let n = x.shape[0], cells = x.shape[1] * x.shape[2]
        var best = Tensor(zeros: x.shape)
        var chosen = [Int?](repeating: nil, count: n)
        var bestError = [Float](repeating: .infinity, count: n)
        for (ai, a) in areas.sorted().enumerated() {
            let (mask, errors) = try fit(x, model: model, area: a)
            for b in 0..<n where chosen[b] == nil {
                if errors[b] < errorThreshold || errors[b] < bestError[b] {
                    best.scalars.replaceSubrange((b * cells)..<((b + 1) * cells), with: mask.scalars[(b * cells)..<((b + 1) * cells)])
                    bestError[b] = errors[b]
                    if errors[b] < errorThreshold { chosen[b] = ai }
                }
            }
        }
        return best
    }

    /// One fit for area `a`: the masks `[N, T, D]` and each sample's final error.
    public func fit(_ x: Tensor, model: TimeSeriesModel, area a: Double) throws -> (mask: Tensor, errors: [Float]) {
        let n = x.shape[0], t = x.shape[1], d = x.shape[2], cells = t * d
        let mask = Variable(Tensor(repeating: 0.5, shape: x.shape), requiresGradient: true, name: "mask")
        let opt = TimeSeriesOptimizer(optimizer, parameters: [mask])
        let target = Variable(model.evaluate(x))
        let xv = Variable(x)
        let ones = Int((Double(cells) * a).rounded())
        var ref = Tensor(zeros: [1, cells])
        for i in (cells - ones)..<cells { ref.scalars[i] = 1 }
        let reference = Variable(ref)
        let context = PerturbationContext(x: x, perturbation: perturbation)
        for e in 0..<epochs {
            let lambdaA = sizeRegularizerInit * Float(Foundation.pow(Double(sizeRegularizerDilation), Double(e) / Double(epochs)))
            let error = perSampleError(model(context.apply(deletion ? 1 - mask : mask, xv)), target)  // [N]
            var loss = (deletion ? -error : error).sum()
            let sorted = Dynamask.sortedRows(mask.reshaped([n, cells]))
            loss = loss + ((sorted - reference).squared().mean(axes: [1]) * lambdaA).sum()
            if timeRegularizer > 0 && t > 1 {
                let jump = (mask.slice(axis: 1, 1..<t) - mask.slice(axis: 1, 0..<(t - 1))).absolute()
                loss = loss + (jump.reshaped([n, (t - 1) * d]).mean(axes: [1]) * timeRegularizer).sum()
            }
            try opt.step(loss: loss, method: name, epoch: e)
            mask.value.clampInPlace(0, 1)
        }
        let final = GradMode.withoutGradient {
            perSampleError(model(context.apply(Variable(deletion ? 1 - mask.value : mask.value), xv)), target).value.scalars
        }
        return (mask.value, final)
    }

    /// mean_k (y − target)² per sample, `[N]`.
    func perSampleError(_ y: Variable, _ target: Variable) -> Variable {
        (y - target).squared().reshaped([y.shape[0], -1]).mean(axes: [1])
    }

    /// Each row sorted ascending, differentiably (a gather by the values' sort order).
    static func sortedRows(_ m: Variable) -> Variable {
        let rows = m.shape[0], cols = m.shape[1]
        var index: [Int] = []
        index.reserveCapacity(rows * cols)
        for r in 0..<rows {
            let base = r * cols
            let order = (0..<cols).sorted { m.value.scalars[base + $0] < m.value.scalars[base + $1] }
            index.append(contentsOf: order.map { base + $0 })
        }
        return m.reshaped([rows * cols, 1]).gatherRows(index).reshaped([rows, cols])
    }
}

/// Precomputed pieces of Dynamask's fixed perturbations.
struct PerturbationContext {
    let perturbation: Dynamask.Perturbation
    let timeMean: Variable?      // [N, 1, D]
    let squaredLags: Variable?   // [1, T, T, 1], (t − s)²

    init(x: Tensor, perturbation: Dynamask.Perturbation) {
        self.perturbation = perturbation
        let t = x.shape[1]
        switch perturbation {
        case .fadeToMean:
            timeMean = Variable(x.mean(axes: [1], keepingDimensions: true))
            squaredLags = nil
        case .gaussianBlur:
            timeMean = nil
            var lags = Tensor(zeros: [1, t, t, 1])
            for i in 0..<t { for j in 0..<t { lags.scalars[i * t + j] = Float((i - j) * (i - j)) } }
            squaredLags = Variable(lags)
        }
    }

    func apply(_ m: Variable, _ x: Variable) -> Variable {
        switch perturbation {
        case .fadeToMean:
            return m * x + (1 - m) * timeMean!
        case .gaussianBlur(let sigmaMax):
            let n = x.shape[0], t = x.shape[1], d = x.shape[2]
            let sigma = (Float(1 + 1e-7) - m) * sigmaMax                        // [N, T, D]
            let twoSigma2 = (sigma.squared() * 2).reshaped([n, t, 1, d])   // broadcast over s
            let w = (-(squaredLags! / twoSigma2)).exp()                        // [N, T, T, D]
            let num = (w * x.reshaped([n, 1, t, d])).sum(axes: [2])
            return num / w.sum(axes: [2])
        }
    }
}

extension Tensor {
    fileprivate static func - (s: Float, x: Tensor) -> Tensor { x.map { s - $0 } }
}
