@testable import Attribution
import Tensors
import Testing

/// The rank-|g| first-layer route of feature ablation against the brute-force definition:
/// R_b[i, j] = y_i(x_b) − y_i(x_b with group g(j) set to x0), every ablated copy built
/// explicitly and run through the model's own forward pass.
@Suite struct MLPAblationTests {
    /// Brute force: one explicit copy per (sample, group), through `BatchedForward`.
    func bruteForce(_ model: EmbeddingModel, _ x: Tensor, baselines x0: [Float], groups: [[Int]]) -> [Double] {
        let c = x.shape[0], n = model.inputNeurons, d = model.outputDimension
        let y = BaselineTestModels.outputs(model, x)
        var copies: [Float] = []
        for b in 0..<c {
            for g in groups {
                var row = Array(x.scalars[(b * n)..<((b + 1) * n)])
                for j in g { row[j] = x0[b * n + j] }
                copies += row
            }
        }
        let ya = BaselineTestModels.outputs(model, Tensor(shape: [c * groups.count, n], scalars: copies))
        var out = [Double](repeating: 0, count: c * d * n)
        for b in 0..<c { for (q, g) in groups.enumerated() { for i in 0..<d { for j in g {
            out[(b * d + i) * n + j] = y[b * d + i] - ya[(b * groups.count + q) * d + i]
        } } } }
        return out
    }

    @Test(arguments: ["offset1-model-mse-clip-5-5", "offset1-model-mse-tanh", "offset1-model-mse"])
    func matchesBruteForce(_ name: String) throws {
        let n = 7, d = 3, c = 700  // 700 samples × 8 copies span more than one 4,096-row block
        let model = try BaselineTestModels.encoder(name, n: n, d: d, units: 16)
        #expect(StackedMLPJacobian.plan(model) != nil, "the test must exercise the fast route")
        let x = BaselineTestModels.inputs(model, count: c)
        let r = try BaselineTestModels.run(FeatureAblationExplainer(), model, x)
        let truth = bruteForce(model, x, baselines: [Float](repeating: 0, count: c * n), groups: NeuronGroups.singletons(n))
        let scale = truth.reduce(0) { Swift.max($0, Swift.abs($1)) }
        #expect(scale > 0.01)
        #expect(maxAbsDifference(r, truth) < 1e-5 * Swift.max(1, scale))
    }

    @Test func groupsAndAConstantBaseline() throws {
        let n = 6, d = 2, c = 40
        let model = try BaselineTestModels.encoder("offset1-model-mse-clip-5-5", n: n, d: d, units: 12, seed: 9)
        let x = BaselineTestModels.inputs(model, count: c, seed: 5)
        let mean: [Float] = [0.3, -0.2, 0.5, 0.1, -0.4, 0.25]
        let groups = [[0, 3], [5], [1, 2]]  // neuron 4 is in no group: 0
        let r = try BaselineTestModels.run(FeatureAblationExplainer(groups: groups, baseline: .constant(mean)), model, x)
        let truth = bruteForce(model, x, baselines: Array((0..<c).map { _ in mean }.joined()), groups: groups)
        #expect(maxAbsDifference(r, truth) < 1e-5)
        #expect(r[4] == 0 && r[n + 4] == 0)
        #expect(r[0] == r[3] && r[1] == r[2])
    }

    /// Spike-count-like inputs, mostly at the baseline 0: neurons already at the baseline get no
    /// ablated copy and exactly 0, the others still match brute force, across block boundaries
    /// (1,200 samples with a varying number of copies each) and for groups that are partly at
    /// the baseline (they keep their copy).
    @Test func neuronsAlreadyAtTheBaselineGetExactZeros() throws {
        let n = 9, d = 3, c = 1_200
        let model = try BaselineTestModels.encoder("offset1-model-mse-clip-5-5", n: n, d: d, units: 16, seed: 4)
        let dense = BaselineTestModels.inputs(model, count: c, seed: 6)
        let x = Tensor(shape: dense.shape, scalars: dense.scalars.enumerated().map { k, v in (k * 7919) % 5 < 3 ? 0 : Swift.abs(v) })
        let r = try BaselineTestModels.run(FeatureAblationExplainer(), model, x)
        let truth = bruteForce(model, x, baselines: [Float](repeating: 0, count: c * n), groups: NeuronGroups.singletons(n))
        #expect(maxAbsDifference(r, truth) < 1e-5)
        var zeros = 0
        for b in 0..<c { for j in 0..<n where x.scalars[b * n + j] == 0 {
            for i in 0..<d { #expect(r[(b * d + i) * n + j] == 0); zeros += 1 }
        } }
        #expect(zeros > c * n * d / 2, "most inputs must sit at the baseline")
        #expect(r.contains { $0 != 0 })

        let groups = [[0, 1], [2, 3, 4], [5], [6, 7, 8]]
        let rg = try BaselineTestModels.run(FeatureAblationExplainer(groups: groups), model, x)
        let tg = bruteForce(model, x, baselines: [Float](repeating: 0, count: c * n), groups: groups)
        #expect(maxAbsDifference(rg, tg) < 1e-5)
    }

    /// The route's forward pass (layers after the first, on two reused buffers) is the model's.
    @Test func forwardMatchesTheModel() throws {
        let model = try BaselineTestModels.encoder("offset1-model-mse-clip-5-5", n: 5, d: 3, units: 10, seed: 2)
        let plan = try #require(StackedMLPJacobian.plan(model))
        let x = BaselineTestModels.inputs(model, count: 9, seed: 3)
        guard case .linear(let w1, let b1) = plan[0] else { Issue.record("plan must start with Linear"); return }
        var a = Tensor.matmul(x, w1, transposeB: true)
        if let b1 { a = a + b1 }
        var cur = a.scalars, spare = [Float](repeating: 0, count: cur.count * 4)
        cur += [Float](repeating: 0, count: cur.count * 3)
        let y: [Float] = cur.withUnsafeMutableBufferPointer { c in
            spare.withUnsafeMutableBufferPointer { s in
                let (out, w) = MLPAblation.forward(plan.dropFirst(), rows: 9, width: w1.shape[0], current: c, spare: s)
                return Array(out[0..<(9 * w)])
            }
        }
        let truth = BatchedForward.embed(model, inputs: x)
        #expect(maxAbsDifference(y.map(Double.init), truth.map(Double.init)) < 1e-6)
    }
}
