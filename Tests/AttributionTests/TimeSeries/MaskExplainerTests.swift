@testable import Attribution
import Tensors
import Testing

/// Dynamask, Extrmask, ContraLSP and TSInsight on a model whose output depends only on a planted
/// block of (time, feature) cells: the masks must concentrate there.
@Suite struct MaskExplainerTests {
    let planted = TimeSeriesPlanted.problem(cells: TimeSeriesPlanted.block)

    /// The planted block is 10% of the cells: a uniform mask puts 10% of its mass there.
    /// Dynamask's area constraint keeps exactly 10% of the cells per sample, so a salient cell
    /// whose value equals the perturbation's (x ≈ its time mean) is replaced by another cell.
    func check(_ a: Tensor, minimumMass: Double, gap: Double = 0.3) throws {
        #expect(a.shape == planted.x.shape)
        #expect(a.scalars.allSatisfy { $0.isFinite })
        let (s, o) = TimeSeriesPlanted.means(a, planted.truth)
        let mass = TimeSeriesPlanted.massOnTruth(a, planted.truth)
        #expect(mass >= minimumMass, "fraction of the mask on the planted cells \(mass)")
        #expect(s - o >= gap, "mean on the salient cells \(s), elsewhere \(o)")
    }

    @Test func dynamaskFadeConcentratesOnThePlantedCells() throws {
        var m = Dynamask()
        m.areas = [0.1]  // the block is 6 of 60 cells
        m.epochs = 150
        m.optimizer = .adam(learningRate: 0.1)
        m.sizeRegularizerInit = 1
        m.sizeRegularizerDilation = 10
        var rng = Xoshiro256(seed: 2)
        try check(try m.attribute(planted.x, model: planted.model, using: &rng), minimumMass: 0.6)
    }

    @Test func dynamaskBlurConcentratesOnThePlantedCells() throws {
        var m = Dynamask()
        m.perturbation = .gaussianBlur(sigmaMax: 2)
        m.areas = [0.1]
        m.epochs = 150
        m.optimizer = .adam(learningRate: 0.1)
        m.sizeRegularizerInit = 1
        m.sizeRegularizerDilation = 10
        var rng = Xoshiro256(seed: 2)
        try check(try m.attribute(planted.x, model: planted.model, using: &rng), minimumMass: 0.4)
    }

    @Test func dynamaskBatchFitEqualsPerSampleFits() throws {
        var m = Dynamask()
        m.areas = [0.1, 0.2]
        m.epochs = 20
        m.optimizer = .sgd(learningRate: 0.1, momentum: 0.9)
        var rng = Xoshiro256(seed: 0)
        let all = try m.attribute(planted.x, model: planted.model, using: &rng)
        let one = try m.attribute(planted.x.slice(axis: 0, 2..<3), model: planted.model, using: &rng)
        #expect(all.slice(axis: 0, 2..<3).maxAbsDifference(one) < 1e-5)
    }

    @Test func extrmaskConcentratesOnThePlantedCells() throws {
        var m = Extrmask()
        m.epochs = 150
        var rng = Xoshiro256(seed: 3)
        try check(try m.attribute(planted.x, model: planted.model, using: &rng), minimumMass: 0.9)
    }

    @Test(arguments: [ContraLSP.ContrastiveTerm.publishedCode, .paper])
    func contraLSPConcentratesOnThePlantedCells(_ term: ContraLSP.ContrastiveTerm) throws {
        var m = ContraLSP()
        m.epochs = 150
        m.contrastive = term
        var rng = Xoshiro256(seed: 4)
        let a = try m.attribute(planted.x, model: planted.model, using: &rng)
        #expect(a.scalars.allSatisfy { $0 >= 0 && $0 <= 1 })
        try check(a, minimumMass: 0.9)
    }

    @Test func tsInsightKeepsThePlantedCells() throws {
        var m = TSInsight()
        m.hidden = 32
        m.latent = 16
        m.pretrainEpochs = 100
        m.fineTuneEpochs = 300
        m.batchSize = 64
        m.learningRate = 3e-3
        m.gamma = 0.05
        m.beta = 0.5
        let data = TimeSeriesPlanted.problem(n: 64, cells: TimeSeriesPlanted.block, seed: 9)
        var rng = Xoshiro256(seed: 5)
        let a = try m.attribute(data.x, model: data.model, using: &rng)
        let metrics = try TimeSeriesMetrics(attributions: a, truth: data.truth)
        let (s, o) = TimeSeriesPlanted.means(a, data.truth)
        // Measured over rng seeds 5…10: auROC 0.822–0.850 and s/o ≈ 140 (the auto-encoder keeps
        // the planted cells; auROC is capped by the ordering of the near-zero rest). A broken
        // fine-tuning gives auROC ≈ 0.5 and s ≈ o.
        #expect(metrics.auroc >= 0.8, "auROC \(metrics.auroc)")
        #expect(s > 2 * o, "mean |x̂| on the salient cells \(s), elsewhere \(o)")
    }

    @Test func kMeansSeparatesTwoObviousClusters() {
        var x = Tensor(zeros: [10, 4])
        for i in 0..<10 { for j in 0..<4 { x.scalars[i * 4 + j] = (i < 5 ? -5 : 5) + Float(j) * 0.01 } }
        var rng = Xoshiro256(seed: 1)
        let labels = TimeSeriesKMeans.twoClusters(x, using: &rng)
        #expect(Set(labels[0..<5]).count == 1 && Set(labels[5..<10]).count == 1 && labels[0] != labels[9])
    }

    @Test func badInputsAreRejected() {
        var rng = Xoshiro256(seed: 0)
        #expect(throws: AttributionError.self) { try Extrmask().attribute(Tensor(zeros: [2, 3, 6]), model: planted.model, using: &rng) }
        var d = Dynamask()
        d.areas = [1.5]
        #expect(throws: AttributionError.self) { try d.attribute(planted.x, model: planted.model, using: &rng) }
    }
}
