import Foundation
import Testing
import Tensors
@testable import Recordings

@Suite struct SmoothingTests {
    @Test func constantStaysConstantUpToTheEdges() throws {
        let x = Tensor(repeating: 3, shape: [50, 2])
        let y = try Smoothing.gaussian(x, sigmaSamples: 4)
        #expect(y.shape == [50, 2])
        #expect(y.scalars.allSatisfy { abs($0 - 3) < 1e-4 })
    }

    @Test func matchesDirectRenormalisedConvolution() throws {
        let t = 40, n = 3, sigma = 2.5
        let values = (0..<(t * n)).map { Float(sin(Double($0) * 0.37) * 5) }
        let y = try Smoothing.gaussian(Tensor(shape: [t, n], scalars: values), sigmaSamples: sigma)
        let g = Smoothing.gaussianKernel(sigmaSamples: sigma), h = (g.count - 1) / 2
        for row in [0, 1, 7, 20, 38, 39] {
            for c in 0..<n {
                var acc = 0.0, mass = 0.0
                for j in 0..<g.count where (0..<t).contains(row + h - j) {
                    acc += Double(g[j]) * Double(values[(row + h - j) * n + c]); mass += Double(g[j])
                }
                #expect(abs(Double(y[row, c]) - acc / mass) < 1e-4)
            }
        }
    }

    @Test func impulseSpreadsAsGaussianAndPreservesMassInside() throws {
        var v = [Float](repeating: 0, count: 101); v[50] = 1
        let y = try Smoothing.gaussian(Tensor(shape: [101, 1], scalars: v), sigmaSamples: 3)
        let total: Float = y.scalars.reduce(0, +)
        #expect(abs(total - 1) < 1e-4)
        let ratio = Double(y[53, 0]) / Double(y[50, 0])
        #expect(abs(ratio - exp(-0.5)) < 1e-3)
        #expect(throws: RecordingError.self) { try Smoothing.gaussian(Tensor(shape: [2, 1], scalars: [1, 2]), sigmaSamples: -1) }
    }

    @Test func assemblerAppliesSmoothingInSeconds() throws {
        var options = PreprocessingOptions()
        options.smoothingSigma = 0.05
        let smooth = try SessionAssembler.assemble(try NWBReader.read(Fixtures.path("units_behavior.nwb")), options: options)
        let raw = try SessionAssembler.assemble(try NWBReader.read(Fixtures.path("units_behavior.nwb")))
        #expect(smooth.neural.shape == raw.neural.shape)
        #expect(smooth.provenance.parameters["smoothing_sigma_s"] == "0.05")
        // Smoothing keeps the total (interior mass) roughly and lowers the peak.
        let smoothTotal: Float = smooth.neural.scalars.reduce(0, +)
        let rawTotal: Float = raw.neural.scalars.reduce(0, +)
        #expect(abs(smoothTotal - rawTotal) / rawTotal < 0.01)
        let smoothPeak: Float = smooth.neural.scalars.max() ?? 0
        let rawPeak: Float = raw.neural.scalars.max() ?? 0
        #expect(smoothPeak < rawPeak)
    }
}
