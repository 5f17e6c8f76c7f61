import Foundation
import Testing
@testable import Recordings

/// Behaviour NaN policy, discrete labels and the valid mask (data-formats §3–4).
@Suite struct BehaviourPolicyTests {
    /// Continuous neural data at 10 Hz for 10 s (T = 100) and behaviour `values` on the same clock.
    func contents(_ series: [TimeSeriesData], intervals: [String: IntervalSet] = [:]) -> RecordingContents {
        let times = (0..<100).map { Double($0) / 10 }
        return RecordingContents(source: "test", reader: "test", identifier: "t",
                                 neural: .continuous(timestamps: times, values: [Float](repeating: 1, count: 100), ids: [0], path: "x"),
                                 behaviour: series, intervals: intervals)
    }

    /// A series sampled at `rate` Hz (times i / rate, computed like the neural clock so that samples coincide).
    func series(_ name: String, _ values: [Double], circular: Bool = false, rate: Double = 10) -> TimeSeriesData {
        TimeSeriesData(name: name, path: "/" + name, neurodataType: "TimeSeries", timestamps: values.indices.map { Double($0) / rate },
                       values: values, columns: 1, unit: "a.u.", isCircular: circular)
    }

    @Test func shortGapsAreInterpolatedLongGapsMasked() throws {
        var v = (0..<100).map { Double($0) }
        v[10] = .nan; v[11] = .infinity        // gap 0.9 → 1.2 s: 0.3 s, interpolated
        for i in 40..<50 { v[i] = .nan }       // gap 3.9 → 5.0 s: 1.1 s, masked
        let s = try SessionAssembler.assemble(contents([series("x", v)]))
        let x = try #require(s.behaviour(named: "x"))
        #expect(abs(x.values[10] - 10) < 1e-12 && abs(x.values[11] - 11) < 1e-12)
        #expect(x.values.allSatisfy { $0.isFinite })
        #expect(s.valid[10] && s.valid[11] && s.valid[39] && s.valid[50])
        #expect((40..<50).allSatisfy { !s.valid[$0] } && x.values[45] == 39) // masked samples hold the last valid value
        #expect(s.validFraction == 0.9)
        #expect(s.provenance.parameters["masked_by_behaviour_gaps"] == "10")
        #expect(s.provenance.warnings.contains { $0.contains("12 NaN/Inf samples: 2 in gaps ≤ 0.5 s interpolated, 10 in 1 longer gaps") })
        #expect(s.provenance.warnings.contains { $0.contains("10.00 % of samples masked") })
        // a stricter limit masks the short gap too
        var options = PreprocessingOptions()
        options.maxBehaviourGap = 0.2
        #expect(try SessionAssembler.assemble(contents([series("x", v)]), options: options).validFraction == 0.88)
    }

    @Test func leadingGapIsMaskedAndHoldsTheFirstValue() throws {
        var v = (0..<100).map { Double($0) / 2 + 0.25 }
        for i in 0..<3 { v[i] = .nan }
        let s = try SessionAssembler.assemble(contents([series("x", v)]))
        #expect(s.valid.prefix(3) == [false, false, false] && s.valid[3])
        #expect(s.behaviour(named: "x")?.values.prefix(4) == [1.75, 1.75, 1.75, 1.75])
    }

    @Test func circularGapsFollowTheShorterArc() throws {
        var v = [Double](repeating: 3.0, count: 100)
        for i in 50..<100 { v[i] = -3.0 }
        v[50] = .nan // between 3.0 and −3.0: through ±π, not through 0
        let s = try SessionAssembler.assemble(contents([series("hd", v, circular: true)]))
        let mid = try #require(s.behaviour(named: "hd")?.values[50])
        #expect(abs(abs(mid) - .pi) < 1e-12)
        #expect(s.validFraction == 1)
    }

    @Test func integerLabelsAreDiscreteAndResampledByNearestNeighbour() throws {
        // labels at 0.2 s steps, read at 0.1 s: the in-between sample takes a neighbour's label, never a mix
        let labels = (0..<50).map { Double(($0 / 5) % 3) * 2 } // 0, 2, 4
        let s = try SessionAssembler.assemble(contents([series("arm", labels, rate: 5), series("speed", (0..<50).map { Double($0) * 0.37 }, rate: 5)]))
        let arm = try #require(s.behaviour(named: "arm"))
        let speed = try #require(s.behaviour(named: "speed"))
        #expect(arm.isDiscrete && !speed.isDiscrete)
        #expect(Set(arm.values).isSubset(of: [0, 2, 4]))
        #expect(arm.values[9] == 0 || arm.values[9] == 2) // t = 0.9 s, between labels 0 (0.8 s) and 2 (1.0 s)
        // forced discrete by name; an unknown name is an error
        var options = PreprocessingOptions()
        options.discreteBehaviour = ["speed"]
        options.detectDiscrete = false
        let forced = try SessionAssembler.assemble(contents([series("arm", labels, rate: 5), series("speed", (0..<50).map { Double($0) * 0.37 }, rate: 5)]),
                                                   options: options)
        #expect(forced.behaviour(named: "speed")?.isDiscrete == true && forced.behaviour(named: "arm")?.isDiscrete == false)
        #expect(forced.behaviour(named: "speed")?.values[1] == 0 || forced.behaviour(named: "speed")?.values[1] == 0.37)
        options.discreteBehaviour = ["nope"]
        #expect { try SessionAssembler.assemble(contents([series("arm", labels, rate: 5)]), options: options) } throws: {
            ($0 as? RecordingError)?.kind == .missingObject
        }
    }

    @Test func invalidTimesAndObsIntervalsGiveTheMaskedFraction() throws {
        let c = contents([series("x", (0..<100).map(Double.init))],
                         intervals: ["invalid_times": IntervalSet(starts: [2, 7], stops: [3, 7.5])])
        let s = try SessionAssembler.assemble(c)
        #expect(s.validFraction == 0.85)
        #expect(s.provenance.parameters["masked_by_invalid_times"] == "15" && s.provenance.parameters["masked_fraction"] == "0.15")
        // spikes with obs_intervals: unit 1 observed only in [0, 5) s
        let spikes = SpikeTrains(ids: [0, 1], times: [[0.1, 9.9], [0.2, 4.0]],
                                 observed: [IntervalSet(starts: [0], stops: [10]), IntervalSet(starts: [0], stops: [5])], sourcePath: "/units")
        var options = PreprocessingOptions()
        options.binWidth = 0.5
        let u = try SessionAssembler.assemble(RecordingContents(source: "t", reader: "t", identifier: "t", neural: .spikes(spikes)), options: options)
        #expect(u.sampleCount == 20 && u.validFraction == 0.5 && u.provenance.parameters["masked_by_obs_intervals"] == "10")
    }

    @Test func behaviourWithoutAnyFiniteValueIsAnError() throws {
        let error = try #require(throws: RecordingError.self) {
            try SessionAssembler.assemble(contents([series("x", [Double](repeating: .nan, count: 100))]))
        }
        #expect(error.kind == .nonFinite && error.object == "/x")
    }
}
