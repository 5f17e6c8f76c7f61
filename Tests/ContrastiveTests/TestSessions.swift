import Recordings
import Tensors

/// Small sessions built in memory for tests.
enum TestSessions {
    /// T samples of n neurons driven by a 2-D random-walk "position" plus noise.
    static func randomWalk(t: Int = 400, neurons n: Int = 12, seed: UInt64 = 1) -> Session {
        var rng = Xoshiro256(seed: seed)
        var pos = [Double](repeating: 0, count: 2 * t)
        for i in 1..<t {
            for c in 0..<2 {
                pos[2 * i + c] = rng.truncatedNormal(mean: pos[2 * (i - 1) + c], std: 0.05, lower: -1, upper: 1)
            }
        }
        let w = rng.normalTensor([2, n])
        var x = Tensor(zeros: [t, n])
        for i in 0..<t { for j in 0..<n {
            x[i, j] = Float(pos[2 * i]) * w[0, j] + Float(pos[2 * i + 1]) * w[1, j] + 0.1 * Float(rng.normal())
        } }
        return Session(id: "walk", timestamps: (0..<t).map { Double($0) * 0.01 }, neural: x, neuralKind: .continuous,
                       neurons: (0..<n).map { NeuronInfo(id: Int64($0), kind: .synthetic) },
                       behaviour: [BehaviourVariable(name: "position", values: pos, columns: 2, unit: "m")],
                       provenance: Provenance(source: "test", reader: "memory"))
    }
}
