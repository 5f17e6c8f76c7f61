import Foundation
import Testing
import Tensors
@testable import Recordings

/// The fast implementations against their definitions: Fenwick-tree ΔF/F vs the sorted window, direct
/// smoothing vs FFT smoothing, typed npy decoding vs known values in every dtype and byte order.
@Suite struct FastPathTests {
    func noise(_ count: Int, seed: UInt64, levels: Int? = nil) -> [Float] {
        var state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let u = Float(state >> 40) / Float(1 << 24)
            return levels.map { Float(Int(u * Float($0))) + 1 } ?? (1 + 3 * u)
        }
    }

    @Test(arguments: [(1, 10.0), (7, 10.0), (50, 50.0), (51, 8.0), (400, 90.0), (1_000, 0.0), (1_000, 100.0)])
    func runningPercentileMatchesSortedWindow(window: Int, percentile: Double) {
        let (t, n) = (300, 3)
        for (seed, levels) in [(UInt64(1), nil), (2, 4)] as [(UInt64, Int?)] { // continuous values, and many ties
            let f = Tensor(shape: [t, n], scalars: noise(t * n, seed: seed, levels: levels))
            let fast = DeltaFOverF.compute(f, windowFrames: window, percentile: percentile)
            let reference = DeltaFOverF.computeSortedWindow(f, windowFrames: window, percentile: percentile)
            #expect(fast.dff.scalars == reference.dff.scalars)
            #expect(fast.nonPositiveBaselines == reference.nonPositiveBaselines)
        }
    }

    @Test func runningPercentileCountsNonPositiveBaselines() {
        let f = Tensor(shape: [6, 1], scalars: [-1, -1, -1, 2, 2, 2])
        let fast = DeltaFOverF.compute(f, windowFrames: 2, percentile: 0)
        #expect(fast.nonPositiveBaselines == DeltaFOverF.computeSortedWindow(f, windowFrames: 2, percentile: 0).nonPositiveBaselines)
        #expect(fast.nonPositiveBaselines == 4 && fast.dff.scalars == [0, 0, 0, 0, 0, 0])
    }

    @Test(arguments: [0.5, 2.0, 7.3, 30.0])
    func directSmoothingEqualsFFTSmoothing(sigma: Double) throws {
        let (t, n) = (257, 19)
        let x = Tensor(shape: [t, n], scalars: noise(t * n, seed: 9))
        let direct = try Smoothing.gaussian(x, sigmaSamples: sigma, method: .direct)
        let fft = try Smoothing.gaussian(x, sigmaSamples: sigma, method: .fft)
        let worst = zip(direct.scalars, fft.scalars).map { abs($0 - $1) }.max() ?? 0
        #expect(worst < 2e-5)
        // renormalised edges: a constant stays constant through both ends
        let constant = try Smoothing.gaussian(Tensor(repeating: 2.5, shape: [t, 2]), sigmaSamples: sigma, method: .direct)
        #expect(constant.scalars.allSatisfy { abs($0 - 2.5) < 1e-5 })
    }

    @Test func shortSignalsShorterThanTheKernelSmoothDirectly() throws {
        let x = Tensor(shape: [3, 1], scalars: [1, 2, 3])
        let y = try Smoothing.gaussian(x, sigmaSamples: 5, method: .direct)
        let z = try Smoothing.gaussian(x, sigmaSamples: 5, method: .fft)
        #expect(zip(y.scalars, z.scalars).allSatisfy { abs($0 - $1) < 1e-5 })
        #expect(abs(y.scalars[1] - 2) < 1e-6) // symmetric about the middle sample
    }

    @Test func npyDecodesEveryDtypeAndByteOrder() throws {
        let values: [Double] = [0, 1, -2, 100, -128]
        func bytes<T: FixedWidthInteger>(_: T.Type, big: Bool) -> [UInt8] {
            values.flatMap { v -> [UInt8] in
                let x = T(truncatingIfNeeded: Int64(v))
                return withUnsafeBytes(of: big ? x.bigEndian : x.littleEndian) { Array($0) }
            }
        }
        func file(_ descr: String, _ payload: [UInt8]) -> [UInt8] {
            var header = "{'descr': '\(descr)', 'fortran_order': False, 'shape': (5,), }"
            while (10 + header.utf8.count + 1) % 64 != 0 { header += " " }
            header += "\n"
            return [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, UInt8(header.utf8.count), 0] + Array(header.utf8) + payload
        }
        for big in [false, true] {
            let o = big ? ">" : "<"
            for (descr, payload) in [("\(o)i2", bytes(Int16.self, big: big)), ("\(o)i4", bytes(Int32.self, big: big)),
                                     ("\(o)i8", bytes(Int64.self, big: big))] {
                #expect(try NPY.parse(file(descr, payload), file: "t", object: nil).values == values)
            }
            let f4 = values.flatMap { v in withUnsafeBytes(of: big ? Float(v).bitPattern.bigEndian : Float(v).bitPattern.littleEndian) { Array($0) } }
            let f8 = values.flatMap { v in withUnsafeBytes(of: big ? v.bitPattern.bigEndian : v.bitPattern.littleEndian) { Array($0) } }
            #expect(try NPY.parse(file("\(o)f4", f4), file: "t", object: nil).values == values)
            #expect(try NPY.parse(file("\(o)f8", f8), file: "t", object: nil).values == values)
        }
        #expect(try NPY.parse(file("|u1", [0, 1, 255, 7, 9]), file: "t", object: nil).values == [0, 1, 255, 7, 9])
        #expect(try NPY.parse(file("|i1", [0, 1, 255, 0x80, 9]), file: "t", object: nil).values == [0, 1, -1, -128, 9])
        #expect(try NPY.parse(file("<u2", bytes(UInt16.self, big: false)), file: "t", object: nil).values == [0, 1, 65534, 100, 65408])
        #expect(try NPY.parse(file("|b1", [0, 1, 2, 0, 1]), file: "t", object: nil).values == [0, 1, 1, 0, 1])
        // the writer's output reads back
        let encoded = NPY.encode(values, shape: [5], dtype: "<f8")
        #expect(try NPY.parse(encoded, file: "t", object: nil).values == values)
    }
}
