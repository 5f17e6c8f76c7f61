import Foundation
import Testing
@testable import Tensors

/// Reference DFT in float64, O(n²): X_k = Σ_t x_t e^{−2πi kt/n}, k = 0…n/2.
private func naiveRealDFT(_ x: [Double]) -> (re: [Double], im: [Double]) {
    let n = x.count
    var re = [Double](repeating: 0, count: n / 2 + 1), im = re
    for k in 0...(n / 2) {
        for t in 0..<n {
            let angle = -2 * Double.pi * Double((k * t) % n) / Double(n)
            re[k] += x[t] * cos(angle)
            im[k] += x[t] * sin(angle)
        }
    }
    return (re, im)
}

/// Reference full linear convolution in float64, O(M·K).
private func directConvolution(_ x: [Double], _ k: [Double]) -> [Double] {
    var y = [Double](repeating: 0, count: x.count + k.count - 1)
    for i in 0..<x.count { for j in 0..<k.count { y[i + j] += x[i] * k[j] } }
    return y
}

private func directConvolution(_ x: [Double], _ k: [Double], mode: ConvolutionMode) -> [Double] {
    let full = directConvolution(x, k)
    let (start, count) = mode.window(signalLength: x.count, kernelLength: k.count)
    return Array(full[start..<(start + count)])
}

private func randomSignal(_ n: Int, seed: UInt64) -> [Double] {
    var g = Xoshiro256(seed: seed)
    return (0..<n).map { _ in g.normal() }
}

private func maxAbsDiff(_ a: [Double], _ b: [Double]) -> Double {
    precondition(a.count == b.count)
    return zip(a, b).map { abs($0 - $1) }.max() ?? 0
}

/// Checks rfft of one length in both precisions against the naive DFT.
private func rfftMatchesNaiveReference(_ n: Int, seed: UInt64) throws -> Bool {
    let x = randomSignal(n, seed: seed)
    let ref = naiveRealDFT(x)
    let scale = x.map(abs).reduce(0, +)
    let d = try rfft(x)
    let f = try rfft(x.map(Float.init))
    guard d.count == n / 2 + 1, f.count == n / 2 + 1 else { return false }
    let errD = max(maxAbsDiff(d.real, ref.re), maxAbsDiff(d.imaginary, ref.im))
    let errF = max(maxAbsDiff(f.real.map(Double.init), ref.re), maxAbsDiff(f.imaginary.map(Double.init), ref.im))
    return errD <= 1e-12 * scale && errF <= 2e-6 * scale
}

/// Checks fftConvolve in both precisions against direct convolution for all modes.
private func fftConvolutionMatchesDirect(_ m: Int, _ k: Int, seed: UInt64) throws -> Bool {
    let x = randomSignal(m, seed: seed), h = randomSignal(k, seed: seed + 1)
    let scale = x.map(abs).reduce(0, +) * (h.map(abs).max() ?? 0)
    for mode in [ConvolutionMode.full, .same, .valid] {
        let ref = directConvolution(x, h, mode: mode)
        let d = try fftConvolve(x, h, mode: mode)
        let f = try fftConvolve(x.map(Float.init), h.map(Float.init), mode: mode)
        guard d.count == ref.count, f.count == ref.count else { return false }
        if maxAbsDiff(d, ref) > 1e-12 * scale || maxAbsDiff(f.map(Double.init), ref) > 2e-6 * scale { return false }
    }
    return true
}

@Suite struct FFTTests {
    @Test func goodSizeIsSmallest7Smooth() {
        func smooth(_ v: Int) -> Bool {
            var v = v
            for p in [2, 3, 5, 7] { while v % p == 0 { v /= p } }
            return v == 1
        }
        for n in 1...3000 {
            let g = fftGoodSize(atLeast: n)
            #expect(g >= n && smooth(g))
            #expect(!(n..<g).contains(where: smooth), "n = \(n)")
        }
        #expect(fftGoodSize(atLeast: 1_000_001) == 1_000_188)   // 2²·3⁶·7³ (checked by brute force in Python)
    }

    @Test(arguments: [1, 2, 3, 7, 16, 30, 97, 128, 243, 1000])
    func rfftMatchesNaiveDFT(n: Int) throws {
        #expect(try rfftMatchesNaiveReference(n, seed: UInt64(n)))
    }

    @Test(arguments: [1, 2, 5, 64, 99, 1001, 4096])
    func irfftInvertsRfft(n: Int) throws {
        let x = randomSignal(n, seed: 10 + UInt64(n))
        let back = try irfft(try rfft(x), length: n)
        #expect(maxAbsDiff(back, x) < 1e-13)
        let xf = x.map(Float.init)
        let backF = try irfft(try rfft(xf), length: n)
        #expect(maxAbsDiff(backF.map(Double.init), xf.map(Double.init)) < 1e-5)
    }

    @Test func irfftFollowsNumPyBinConventions() throws {
        // DC-only spectrum of value n → the constant 1.
        let dc = RealSpectrum<Double>(real: [8], imaginary: [3])   // Im of DC is ignored
        #expect(maxAbsDiff(try irfft(dc, length: 8), [Double](repeating: 1, count: 8)) < 1e-15)
        // Extra bins are ignored: irfft(rfft(x), m) for m < n uses the first m/2+1 bins.
        let x = randomSignal(16, seed: 3)
        let s = try rfft(x)
        let short = RealSpectrum(real: Array(s.real.prefix(5)), imaginary: Array(s.imaginary.prefix(5)))
        #expect(maxAbsDiff(try irfft(s, length: 8), try irfft(short, length: 8)) < 1e-15)
        #expect(throws: FFTError.self) { try irfft(s, length: 0) }
        #expect(throws: FFTError.self) { try rfft([Double]()) }
    }

    @Test func convolutionModesMatchNumPyExample() throws {
        let x: [Double] = [1, 2, 3, 4, 5, 6, 7], k: [Double] = [1, 2, 3, 4]
        let round = { (v: [Double]) in v.map { ($0 * 1e9).rounded() / 1e9 } }
        #expect(round(try fftConvolve(x, k, mode: .full)) == [1, 4, 10, 20, 30, 40, 50, 52, 45, 28])
        #expect(round(try fftConvolve(x, k, mode: .same)) == [4, 10, 20, 30, 40, 50, 52])
        #expect(round(try fftConvolve(x, k, mode: .valid)) == [20, 30, 40, 50])
        // Kernel longer than the signal: scipy.signal.convolve(k, x, 'same'/'valid').
        #expect(round(try fftConvolve(k, x, mode: .same)) == [20, 30, 40, 50])
        #expect(round(try fftConvolve(k, x, mode: .valid)) == [20, 30, 40, 50])
        #expect(throws: FFTError.self) { try fftConvolve([Float](), [1], mode: .full) }
        #expect(throws: FFTError.self) { try fftConvolve([Float(1)], [], mode: .full) }
    }

    @Test(arguments: [(1, 1), (7, 4), (8, 5), (8, 4), (7, 5), (10, 10), (5, 9), (4, 8), (100, 31), (64, 64), (257, 12)])
    func convolutionMatchesDirect(m: Int, k: Int) throws {
        #expect(try fftConvolutionMatchesDirect(m, k, seed: UInt64(m * 1000 + k)))
    }

    @Test func nonFiniteValuesPropagateWithoutCrashing() throws {
        let y = try fftConvolve([1, .nan, 3], [1.0, 1.0], mode: .full)
        #expect(y.count == 4 && y.contains { $0.isNaN })
        #expect(try rfft([Float.infinity, 1]).real.contains { !$0.isFinite })
    }

    /// Column convolution equals per-column convolution: one block, and several overlap-add
    /// blocks including a kernel longer than 1,024 (L ≥ 8K).
    @Test(arguments: [(1000, 37, 51), (20_000, 3, 3), (30_000, 2, 1500), (10, 17, 25)])
    func columnConvolutionMatchesPerColumn(t: Int, n: Int, k: Int) throws {
        var g = Xoshiro256(seed: UInt64(t + n + k))
        let x = g.normalTensor([t, n])
        let kernel = (0..<k).map { _ in Float(g.normal()) }
        let kd = kernel.map(Double.init)
        for mode in [ConvolutionMode.full, .same, .valid] {
            let y = try fftConvolveColumns(x, kernel: kernel, mode: mode)
            let (_, count) = mode.window(signalLength: t, kernelLength: k)
            #expect(y.shape == [count, n])
            for c in Set([0, n / 2, n - 1]) {
                let column = (0..<t).map { Double(x.scalars[$0 * n + c]) }
                let ref = try fftConvolve(column, kd, mode: mode)   // float64, checked against direct above
                let got = (0..<count).map { Double(y.scalars[$0 * n + c]) }
                let scale = column.map(abs).max()! * kd.map(abs).reduce(0, +)
                #expect(maxAbsDiff(got, ref) <= 2e-6 * scale, "T=\(t) N=\(n) K=\(k) \(mode) column \(c)")
            }
        }
        #expect(throws: FFTError.self) { try fftConvolveColumns(Tensor(zeros: [2, 2, 2]), kernel: [1]) }
        #expect(throws: FFTError.self) { try fftConvolveColumns(x, kernel: []) }
    }

    /// 64 concurrent tasks plan and execute transforms of many lengths (several new to the
    /// cache) in both precisions; every result must still match the references.
    @Test func concurrentPlanningAndExecutionIsSafe() async throws {
        let lengths = [5, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 101, 103, 107, 109, 113, 127, 131, 137, 139, 149, 151]
        let results = await withTaskGroup(of: Bool.self) { group in
            for task in 0..<64 {
                group.addTask {
                    let n = lengths[task % lengths.count] + task / lengths.count
                    do {
                        return try rfftMatchesNaiveReference(n, seed: UInt64(task))
                            && fftConvolutionMatchesDirect(n + 3 * task, 1 + task % 17, seed: UInt64(task))
                    } catch { return false }
                }
            }
            var all: [Bool] = []
            for await r in group { all.append(r) }
            return all
        }
        #expect(results.count == 64 && results.allSatisfy { $0 })
    }
}
