@testable import Attribution
import Contrastive
import Tensors
import Testing

@Suite struct SupervisedRegressorTests {
    @Test func regressesAnInformativeBehaviourAndNotAnUninformativeOne() throws {
        let config = SupervisedRegressor.Configuration(model: "offset1-model-mse", outputDimension: 3,
                                                       targets: [.init(slice: 0..<3, variables: ["b"])],
                                                       batchSize: 64, steps: 300, learningRate: 3e-3, seed: 1)
        let good = try SupervisedRegressor(configuration: config, session: TestModels.session(t: 600, neurons: 10, seed: 1, informative: true))
        try good.train()
        let r2 = good.rSquared(TestModels.session(t: 600, neurons: 10, seed: 1, informative: true))
        #expect(r2[0] > 0.5, "R² \(r2)")
        let bad = try SupervisedRegressor(configuration: config, session: TestModels.session(t: 600, neurons: 10, seed: 1, informative: false))
        try bad.train()
        let r2bad = bad.rSquared(TestModels.session(t: 600, neurons: 10, seed: 1, informative: false))
        #expect(r2bad[0] < r2[0] - 0.3, "informative \(r2), uninformative \(r2bad)")
    }

    @Test func mirrorsAContrastiveLayoutAndIsExplainable() throws {
        let session = TestModels.session(t: 300, neurons: 6, seed: 2, informative: true)
        let contrastive = TestModels.configuration(model: "offset10-model", d: 6, batch: 32, renormalize: true)
        let c = try SupervisedRegressor.Configuration(contrastive: contrastive, steps: 20)
        #expect(c.model == "offset10-model-mse" && c.targets == [.init(slice: 3..<6, variables: ["b"])])
        let reg = try SupervisedRegressor(configuration: c, session: session, contrastive: contrastive)
        try reg.train()
        let model = try reg.embeddingModel()
        #expect(model.blocks.map(\.variables) == [[], ["b"]])
        #expect(reg.timeSeriesModel.timeSteps == 10)
        // A time-series method through the Explainer protocol: [C, d, n] maps.
        let samples = try AttributionSamples(session: session, model: model, limit: 4)
        var tsr = TemporalSaliencyRescaling(base: TimeSeriesGradient(.saliency))
        tsr.threshold = .fixed(0.5)
        var opts = Explanation.Options()
        opts.keepPerSample = true
        let e = try Explanation.compute(TimeSeriesExplainer(tsr, seed: 3), model: model, samples: samples, options: opts)
        #expect(e.map.rows == 6 && e.map.cols == 6 && e.perSample?.shape == [4, 6, 6])
        #expect(e.map.values.allSatisfy { $0.isFinite && $0 >= 0 } && e.map.values.contains { $0 > 0 })
        // Same seed ⇒ same maps.
        let again = try Explanation.compute(TimeSeriesExplainer(tsr, seed: 3), model: model, samples: samples)
        #expect(again.map == e.map)
    }

    @Test func mismatchedLabelWidthsAndNormalisingModelsAreRejected() throws {
        let session = TestModels.session(t: 100, neurons: 4, seed: 3, informative: true)
        let wide = SupervisedRegressor.Configuration(model: "offset1-model-mse", outputDimension: 4, targets: [.init(slice: 0..<4, variables: ["b"])])
        #expect(throws: AttributionError.self) { try SupervisedRegressor(configuration: wide, session: session) }
        let missing = SupervisedRegressor.Configuration(model: "offset1-model-mse", outputDimension: 3, targets: [.init(slice: 0..<3, variables: ["nope"])])
        #expect(throws: AttributionError.self) { try SupervisedRegressor(configuration: missing, session: session) }
        #expect(throws: AttributionError.self) { try SupervisedRegressor.regressionModel("offset5-model") }
    }
}
