@testable import Attribution
import Contrastive
import Recordings
import Tensors
import Testing

@Suite struct SampleSelectionTests {
    /// A clip-1-1 model on inputs scaled ×40: some outputs sit at ±1 (zero Jacobian rows).
    /// `locallyInvertible` must average exactly the samples with every output strictly inside
    /// the clip, report the others as excluded, and leave `all` unchanged.
    @Test func locallyInvertibleAveragesOnlyUnsaturatedSamples() throws {
        var s = TestModels.session(t: 300, neurons: 6, seed: 4, informative: true)
        s.neural = s.neural.map { $0 * 40 }
        let m = try TestModels.model(TestModels.configuration(model: "offset1-model-mse-clip-1-1", d: 4, seed: 2), session: s)
        let samples = try AttributionSamples(session: s, model: m)
        let y = m.embed(Variable(samples.inputs(0..<samples.count))).value
        let inside = (0..<samples.count).map { b in (0..<4).allSatisfy { abs(y[b, $0]) < 1 } }
        let kept = inside.filter { $0 }.count
        try #require(kept > 10 && kept < samples.count - 10, "the fixture must saturate some but not all samples (\(kept) of \(samples.count) inside)")

        for name in ["jf-inv-lsq", "jf"] {
            let explainer = try NeuronGradientExplainer(name: name, moorePenroseStride: 0)
            var all = Explanation.Options()
            all.keepPerSample = true
            all.chunkSize = 64
            let e = try Explanation.compute(explainer, model: m, samples: samples, options: all)
            var sel = all
            sel.selection = .locallyInvertible
            let f = try Explanation.compute(explainer, model: m, samples: samples, options: sel)
            #expect(e.usedSampleCount == samples.count && e.diagnostics?.excludedSamples == 0)
            #expect(f.usedSampleCount == kept && f.diagnostics?.excludedSamples == samples.count - kept)
            #expect(f.timeBlockCounts.reduce(0, +) == kept)
            let per = try #require(e.perSample)
            for k in 0..<(4 * 6) {
                var sum = 0.0
                for b in 0..<samples.count where inside[b] { sum += Double(abs(per.scalars[b * 24 + k])) }
                let expected = sum / Double(kept)
                #expect(abs(f.map.values[k] - expected) <= 1e-5 * max(1, abs(expected)), "\(name) entry \(k)")
            }
        }
    }

    /// Normalised outputs lose one rank per unit-norm block on every sample: that is not
    /// rank deficiency, so nothing is reported or excluded for it.
    @Test func structuralRankLossOfNormalisedOutputsIsNotDeficiency() throws {
        let s = TestModels.session(t: 120, neurons: 6, seed: 2, informative: true)
        let m = try TestModels.model(TestModels.configuration(model: "offset5-model", d: 4, renormalize: true), session: s)
        let samples = try AttributionSamples(session: s, model: m, limit: 40, seed: 1)
        var o = Explanation.Options()
        o.selection = .locallyInvertible
        let e = try Explanation.compute(try NeuronGradientExplainer(name: "jf-inv-svd"), model: m, samples: samples, options: o)
        let d = try #require(e.diagnostics)
        #expect(d.fullRank == 2 && d.rankCounts == [2: 40])
        #expect(d.rankDeficientFraction == 0 && d.excludedSamples == 0 && e.usedSampleCount == 40)
    }

    /// With no locally invertible sample the selection is an error, not a NaN map.
    @Test func noInvertibleSampleIsAnError() throws {
        var s = TestModels.session(t: 100, neurons: 6, seed: 5, informative: true)
        s.neural = s.neural.map { 1e4 + 100 * $0 }
        let m = try TestModels.model(TestModels.configuration(model: "offset1-model-mse-clip-1-1", d: 4, seed: 3), session: s)
        let samples = try AttributionSamples(session: s, model: m)
        let y = m.embed(Variable(samples.inputs(0..<samples.count))).value
        try #require((0..<samples.count).allSatisfy { b in (0..<4).contains { abs(y[b, $0]) >= 1 } })
        var o = Explanation.Options()
        o.selection = .locallyInvertible
        #expect(throws: AttributionError.self) {
            try Explanation.compute(try NeuronGradientExplainer(name: "jf-inv-lsq"), model: m, samples: samples, options: o)
        }
        o.selection = .all
        #expect(try Explanation.compute(try NeuronGradientExplainer(name: "jf-inv-lsq"), model: m, samples: samples, options: o).usedSampleCount == samples.count)
    }
}
