import Foundation
import Tensors

/// Per-op timings on a [2048, 180] activation (where the MLP step spends its non-GEMM time).
func runOpMicroBenchmarks() throws -> [String: Any] {
    var rng = Xoshiro256(seed: 1)
    let x = rng.normalTensor([2048, 180])
    let y = rng.normalTensor([2048, 180])
    let bias = rng.normalTensor([180])
    let v = Variable(x)
    var out: [String: Any] = [:]
    let cases: [(String, () -> Void)] = [
        ("gelu", { _ = v.gelu() }),
        ("gelu_derivative_1", { _ = v.geluDerivative(order: 1) }),
        ("mul", { _ = x * y }),
        ("add_bias", { _ = x + bias }),
        ("sum_rows", { _ = x.sum(axes: [0]) }),
        ("exp", { _ = x.exp() }),
        ("copy", { _ = x.map { $0 } }),
    ]
    for (name, body) in cases {
        let ms = medianMilliseconds(repeats: 21, body)
        out[name + "_ms"] = ms
        print(name.padding(toLength: 20, withPad: " ", startingAt: 0) + String(format: " %.3f ms  (%.2f ns/element)", ms, ms * 1e6 / Double(x.count)))
    }
    return out
}
