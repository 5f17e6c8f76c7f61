import Foundation
import Tensors
import Testing
@testable import Simulation

@Suite struct CalciumTests {
    func poissonTimes(rate: Double, duration: Double, seed: UInt64) -> [Double] {
        var rng = Xoshiro256(seed: seed)
        var t = 0.0, out = [Double]()
        while true {
            t += -log1p(-rng.uniform()) / rate
            if t >= duration { return out }
            out.append(t)
        }
    }

    @Test func noiseFreeTraceIsTheKernelSumAtAnyFrameRate() throws {
        let spikes = [[0.1, 0.55, 0.56, 2.0]]
        var im = CalciumImaging(indicator: .gcamp6s, frameRate: 30, snr: .infinity)
        let a = try im.simulate(spikeTimes: spikes, duration: 4, rng: Xoshiro256(seed: 0))
        for f in [0, 5, 17, 40, 61, 90, 119] {
            let t = a.frameTimes[f]
            let expected = spikes[0].reduce(0) { $0 + 0.23 * CalciumIndicator.gcamp6s.kernel(t - $1) }
            #expect(abs(Double(a.dff[f, 0]) - expected) < 1e-5)
            #expect(abs(Double(a.fluorescence[f, 0]) - (1 + expected)) < 1e-5)
        }
        // The peak of a single spike is peakDFF, at u* = τr ln(1 + τd/τr).
        let ind = CalciumIndicator.gcamp6f
        #expect(abs(ind.kernel(ind.riseTime * log(1 + ind.decayTime / ind.riseTime)) - 1) < 1e-12)
        im.frameRate = 10
        let b = try im.simulate(spikeTimes: spikes, duration: 4, rng: Xoshiro256(seed: 0))
        for f in 0..<40 { #expect(abs(b.dff[f, 0] - a.dff[3 * f, 0]) < 1e-5) }
    }

    @Test(arguments: [CalciumIndicator.gcamp6f, .gcamp6s])
    func deconvolutionRecoversSpikeTimes(indicator: CalciumIndicator) throws {
        let truth = poissonTimes(rate: 0.3, duration: 300, seed: 11)
        let im = CalciumImaging(indicator: indicator, frameRate: 30, snr: 8)
        let tr = try im.simulate(spikeTimes: [truth], duration: 300, rng: Xoshiro256(seed: 12))
        let found = deconvolveCalcium(dff: (0..<tr.frameTimes.count).map { Double(tr.dff[$0, 0]) }, frameRate: 30,
                                      indicator: indicator)
        let tolerance = 2.0 / 30
        let recalled = truth.filter { t in found.contains { abs($0 - t) <= tolerance } }.count
        let precise = found.filter { t in truth.contains { abs($0 - t) <= tolerance } }.count
        #expect(Double(recalled) / Double(truth.count) > 0.9, "recall \(recalled)/\(truth.count)")
        #expect(Double(precise) / Double(found.count) > 0.9, "precision \(precise)/\(found.count)")
    }

    @Test func noiseHasTheConfiguredSNR() throws {
        let im = CalciumImaging(indicator: .gcamp6f, frameRate: 30, snr: 4)
        let tr = try im.simulate(spikeTimes: [[]], duration: 200, rng: Xoshiro256(seed: 3))
        let x = tr.dff.scalars.map(Double.init)
        let std = (x.reduce(0) { $0 + $1 * $1 } / Double(x.count)).squareRoot()
        #expect(abs(std - 0.19 / 4) / (0.19 / 4) < 0.05)
        #expect(throws: SimulationError.self) { try CalciumImaging(frameRate: 0).simulate(spikeTimes: [[]], duration: 1, rng: Xoshiro256(seed: 0)) }
    }
}
