import NeuralNetworks
import Tensors

/// A one-layer GRU with PyTorch's equations, gate order (r, z, n) and initialisation
/// U(−1/√H, 1/√H):
///
///     r = σ(W_ir x_t + b_ir + W_hr h + b_hr)
///     z = σ(W_iz x_t + b_iz + W_hz h + b_hz)
///     n = tanh(W_in x_t + b_in + r ⊙ (W_hn h + b_hn))
///     h' = (1 − z) ⊙ n + z ⊙ h,      h₀ = 0.
///
/// Used by the learned perturbations of Extrmask and ContraLSP, whose input is data (a
/// constant), so the input projections are taken per step from the tensor.
final class TimeSeriesGRU: Layer {
    let inputWeight: Variable   // [3H, D]
    let hiddenWeight: Variable  // [3H, H]
    let inputBias: Variable     // [3H]
    let hiddenBias: Variable    // [3H]
    let hidden: Int

    init(inputSize d: Int, hiddenSize h: Int, using rng: inout Xoshiro256) {
        hidden = h
        let bound = 1 / Float(h).squareRoot()
        inputWeight = Variable(rng.uniformTensor([3 * h, d], low: -bound, high: bound), requiresGradient: true, name: "weight_ih")
        hiddenWeight = Variable(rng.uniformTensor([3 * h, h], low: -bound, high: bound), requiresGradient: true, name: "weight_hh")
        inputBias = Variable(rng.uniformTensor([3 * h], low: -bound, high: bound), requiresGradient: true, name: "bias_ih")
        hiddenBias = Variable(rng.uniformTensor([3 * h], low: -bound, high: bound), requiresGradient: true, name: "bias_hh")
    }

    /// Forward direction over a constant input; see `run(_:reverse:)`.
    func callAsFunction(_ x: Variable) -> Variable { run(x.value, reverse: false) }

    /// Hidden states `[B, T, H]` for x `[B, T, D]`; with `reverse` the sequence is read from
    /// the end and the states are returned in the original time order (PyTorch's backward
    /// direction of a bidirectional GRU).
    func run(_ x: Tensor, reverse: Bool) -> Variable {
        let b = x.shape[0], t = x.shape[1], d = x.shape[2], h = hidden
        var states = [Variable?](repeating: nil, count: t)
        var state = Variable(Tensor(zeros: [b, h]))
        let order = reverse ? Array((0..<t).reversed()) : Array(0..<t)
        for step in order {
            let xt = Tensor(shape: [b, d]) { out in
                x.scalars.withUnsafeBufferPointer { p in
                    for i in 0..<b { (out.baseAddress! + i * d).update(from: p.baseAddress! + (i * t + step) * d, count: d) }
                }
            }
            let gi = Variable.matmul(Variable(xt), inputWeight, transposeB: true) + inputBias   // [B, 3H]
            let gh = Variable.matmul(state, hiddenWeight, transposeB: true) + hiddenBias        // [B, 3H]
            let r = (gi.slice(axis: 1, 0..<h) + gh.slice(axis: 1, 0..<h)).sigmoid()
            let z = (gi.slice(axis: 1, h..<(2 * h)) + gh.slice(axis: 1, h..<(2 * h))).sigmoid()
            let n = (gi.slice(axis: 1, (2 * h)..<(3 * h)) + r * gh.slice(axis: 1, (2 * h)..<(3 * h))).tanh()
            state = n + z * (state - n)
            states[step] = state.reshaped([b, 1, h])
        }
        return Variable.concatenate(states.map { $0! }, axis: 1)
    }

    var namedParameters: [(name: String, parameter: Variable)] {
        [("weight_ih", inputWeight), ("weight_hh", hiddenWeight), ("bias_ih", inputBias), ("bias_hh", hiddenBias)]
    }
}

/// The learned perturbation of Extrmask and ContraLSP (baselines.md §1.4): a one-layer
/// bidirectional GRU with hidden size D followed by Linear(2D → D) at every time step,
/// x `[B, T, D]` → x^r `[B, T, D]`.
final class TimeSeriesPerturbationNetwork: Layer {
    let forward: TimeSeriesGRU
    let backward: TimeSeriesGRU
    let readout: Linear

    init(features d: Int, using rng: inout Xoshiro256) {
        forward = TimeSeriesGRU(inputSize: d, hiddenSize: d, using: &rng)
        backward = TimeSeriesGRU(inputSize: d, hiddenSize: d, using: &rng)
        readout = Linear(2 * d, d, using: &rng)
    }

    func callAsFunction(_ x: Variable) -> Variable { perturb(x.value) }

    func perturb(_ x: Tensor) -> Variable {
        let b = x.shape[0], t = x.shape[1], d = x.shape[2]
        let both = Variable.concatenate([forward.run(x, reverse: false), backward.run(x, reverse: true)], axis: 2)
        return readout(both.reshaped([b * t, 2 * d])).reshaped([b, t, d])
    }

    var namedParameters: [(name: String, parameter: Variable)] {
        forward.namedParameters.map { ("gru.forward.\($0.name)", $0.parameter) }
            + backward.namedParameters.map { ("gru.backward.\($0.name)", $0.parameter) }
            + readout.namedParameters.map { ("linear.\($0.name)", $0.parameter) }
    }
}
