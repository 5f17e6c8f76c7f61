@testable import Attribution
import Tensors

/// Small planted problems for the time-series explainers.
enum TimeSeriesPlanted {
    /// N × T × D standard normal inputs and a model y_t = Σ_d M[t,d]·x[t,d]² (output [B, T]) whose
    /// output depends only on the cells of `cells` (t, d).
    static func problem(n: Int = 8, t: Int = 10, d: Int = 6, cells: [(Int, Int)], seed: UInt64 = 1) -> (x: Tensor, truth: Tensor, model: TimeSeriesModel) {
        var rng = Xoshiro256(seed: seed)
        let x = rng.normalTensor([n, t, d])
        var m = Tensor(zeros: [t, d])
        for (s, f) in cells { m.scalars[s * d + f] = 1 }
        let mv = Variable(m.reshaped([1, t, d]))
        let model = TimeSeriesModel(name: "planted", timeSteps: t, features: d, outputs: t) { (($0.squared() * mv).sum(axes: [2])) }
        return (x, m.reshaped([1, t, d]).broadcast(to: [n, t, d]), model)
    }

    static let block: [(Int, Int)] = [(3, 1), (3, 2), (4, 1), (4, 2), (5, 1), (5, 2)]

    /// Mean of `a` over truth cells and over the others.
    static func means(_ a: Tensor, _ truth: Tensor) -> (salient: Double, other: Double) {
        var s = 0.0, o = 0.0, ns = 0.0, no = 0.0
        for (v, l) in zip(a.scalars, truth.scalars) {
            if l != 0 { s += Double(v); ns += 1 } else { o += Double(v); no += 1 }
        }
        return (s / ns, o / no)
    }

    /// Σ_truth a / Σ a.
    static func massOnTruth(_ a: Tensor, _ truth: Tensor) -> Double {
        var on = 0.0, all = 0.0
        for (v, l) in zip(a.scalars, truth.scalars) { all += Double(v); if l != 0 { on += Double(v) } }
        return all > 0 ? on / all : 0
    }
}
