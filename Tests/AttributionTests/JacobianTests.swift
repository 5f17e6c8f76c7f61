@testable import Attribution
import Contrastive
import Tensors
import Foundation
import Testing

@Suite struct JacobianTests {
    /// The chunked one-pass-per-output Jacobians equal central finite differences per sample.
    @Test func offset1JacobianMatchesFiniteDifferences() throws {
        let s = TestModels.session(t: 200, neurons: 5, seed: 1, informative: true)
        let m = try TestModels.model(TestModels.configuration(model: "offset1-model-mse", d: 4), session: s)
        let samples = try AttributionSamples(session: s, model: m, limit: 7, seed: 3)
        let x = samples.inputs(0..<7)
        let (j, _) = SampleJacobians.compute(m, inputs: x)
        let eps: Float = 1e-2
        for b in 0..<7 {
            for k in 0..<5 {
                var xp = x.slice(axis: 0, b..<(b + 1)), xm = xp
                xp.scalars[k] += eps
                xm.scalars[k] -= eps
                let yp = m.embed(Variable(xp)).value, ym = m.embed(Variable(xm)).value
                for i in 0..<4 {
                    let fd = Double(yp.scalars[i] - ym.scalars[i]) / Double(2 * eps)
                    #expect(abs(j[(b * 4 + i) * 5 + k] - fd) < 2e-3)
                }
            }
        }
    }

    /// Conv encoders: J w.r.t. the whole window, reduced over lags by signed and |·| mean;
    /// renormalised blocks included in the embedding.
    @Test func convolutionalLagReductions() throws {
        let s = TestModels.session(t: 120, neurons: 6, seed: 2, informative: true)
        let m = try TestModels.model(TestModels.configuration(model: "offset5-model", d: 4, renormalize: true), session: s)
        #expect(m.encoder.receptiveField == 5)
        let samples = try AttributionSamples(session: s, model: m, limit: 3, seed: 1)
        #expect(samples.indices.allSatisfy { $0 >= 2 && $0 <= 120 - 3 })
        let x = samples.inputs(0..<3)
        let (signed, _) = SampleJacobians.compute(m, inputs: x, lag: .signedMean)
        let (absolute, _) = SampleJacobians.compute(m, inputs: x, lag: .absoluteMean)
        for b in 0..<3 {
            let xb = Variable(x.slice(axis: 0, b..<(b + 1)), requiresGradient: true)
            let y = m.embed(xb)
            for i in 0..<4 {
                let g = gradients(of: y.slice(axis: 1, i..<(i + 1)).sum(), withRespectTo: [xb])[0].value  // [1, 5, 6]
                for k in 0..<6 {
                    let lags = (0..<5).map { Double(g.scalars[$0 * 6 + k]) }
                    #expect(abs(signed[(b * 4 + i) * 6 + k] - lags.reduce(0, +) / 5) < 1e-6)
                    #expect(abs(absolute[(b * 4 + i) * 6 + k] - lags.map(abs).reduce(0, +) / 5) < 1e-6)
                }
            }
        }
        // Two renormalised blocks ([0:2], [2:4]): rank ≤ 2.
        #expect(m.maximumJacobianRank == 2 && m.normalizesOutput)
        #expect(AttributionAnalysis.defaultMethod(for: m) == "jf-inv-svd")
    }

    @Test func sampleDrawIsSeededAndSorted() throws {
        let s = TestModels.session(t: 500, neurons: 4, seed: 3, informative: true)
        let m = try TestModels.model(TestModels.configuration(), session: s)
        let a = try AttributionSamples(session: s, model: m, limit: 50, seed: 7)
        let b = try AttributionSamples(session: s, model: m, limit: 50, seed: 7)
        let c = try AttributionSamples(session: s, model: m, limit: 50, seed: 8)
        #expect(a.indices == b.indices && a.indices != c.indices)
        #expect(a.indices == a.indices.sorted() && Set(a.indices).count == 50)
        #expect(try AttributionSamples(session: s, model: m).count == 500)
        #expect(throws: AttributionError.self) { try AttributionSamples(session: s, model: m, limit: 0) }
    }

    @Test func rejectsMismatchedNeuronsAndUnknownMethods() throws {
        let s = TestModels.session(t: 100, neurons: 4, seed: 4, informative: true)
        let m = try TestModels.model(TestModels.configuration(), session: s)
        let other = TestModels.session(t: 100, neurons: 5, seed: 4, informative: true)
        #expect(throws: AttributionError.self) { try AttributionSamples(session: other, model: m) }
        #expect(throws: AttributionError.self) { try NeuronGradientExplainer(name: "ig") }
        for name in NeuronGradientExplainer.methodNames { #expect(try NeuronGradientExplainer(name: name).name == name) }
    }
}

@Suite struct StackedJacobianTests {
    @Test(arguments: ["offset1-model-mse", "offset1-model-mse-clip-1-1", "offset1-model-mse-tanh"])
    func stackedMatchesReversePasses(_ name: String) throws {
        let s = TestModels.session(t: 300, neurons: 7, seed: 9, informative: true)
        let m = try TestModels.model(TestModels.configuration(model: name, d: 4, steps: 3), session: s)
        #expect(StackedMLPJacobian.plan(m) != nil)
        let x = try AttributionSamples(session: s, model: m, limit: 100, seed: 2).inputs(0..<100)
        let (a, ya) = SampleJacobians.compute(m, inputs: x, stacked: true)
        let (b, yb) = SampleJacobians.compute(m, inputs: x, stacked: false)
        let top = b.map(abs).max()!
        #expect(top > 0)
        #expect(zip(a, b).allSatisfy { abs($0 - $1) <= 1e-5 * top })
        #expect(ya.maxAbsDifference(yb) <= 1e-5)
    }

    @Test func normalisedOrConvolutionalModelsUseReversePasses() throws {
        let s = TestModels.session(t: 100, neurons: 5, seed: 9, informative: true)
        #expect(StackedMLPJacobian.plan(try TestModels.model(TestModels.configuration(model: "offset1-model", d: 4), session: s)) == nil)
        #expect(StackedMLPJacobian.plan(try TestModels.model(TestModels.configuration(model: "offset5-model", d: 4), session: s)) == nil)
        #expect(StackedMLPJacobian.plan(try TestModels.model(TestModels.configuration(d: 4, renormalize: true), session: s)) == nil)
    }
}

@Suite struct ModelLoadingTests {
    @Test func checkpointRoundTripGivesTheSameMap() throws {
        let s = TestModels.session(t: 300, neurons: 5, seed: 11, informative: true)
        let trainer = try Trainer(configuration: TestModels.configuration(steps: 5), session: s)
        try trainer.train()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("xcebra-attr-\(UUID().uuidString).ckpt")
        defer { try? FileManager.default.removeItem(at: path) }
        try trainer.checkpoint().write(to: path)
        let loaded = try EmbeddingModel(contentsOf: path.path)
        let live = try EmbeddingModel(trainer: trainer)
        let e1 = try Explanation.compute(try NeuronGradientExplainer(name: "jf-inv-svd"), model: live, samples: try AttributionSamples(session: s, model: live))
        let e2 = try Explanation.compute(try NeuronGradientExplainer(name: "jf-inv-svd"), model: loaded, samples: try AttributionSamples(session: s, model: loaded))
        #expect(e1.map == e2.map)
        #expect(loaded.blocks == live.blocks)
        #expect(throws: AttributionError.self) { try EmbeddingModel(contentsOf: "/nonexistent/model.ckpt") }
    }
}
