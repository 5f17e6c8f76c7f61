import Recordings
import Tensors
import Testing
@testable import Simulation

@Suite struct SyntheticBenchmarkTests {
    func small(seed: UInt64, _ edit: (inout SyntheticBenchmark.Configuration) -> Void = { _ in }) -> SyntheticBenchmark.Configuration {
        var c = SyntheticBenchmark.Configuration()
        c.sampleCount = 2_000
        c.seed = seed
        edit(&c)
        return c
    }

    @Test func householderGivesOrthonormalColumnsAndUpperTriangularR() {
        var rng = Xoshiro256(seed: 7)
        let (m, n) = (9, 4)
        let a = (0..<(m * n)).map { _ in rng.normal() }
        let q = orthonormalColumns(a, rows: m, columns: n)
        for i in 0..<n {
            for j in 0..<n {
                let dot = (0..<m).reduce(0.0) { $0 + q[$1 * n + i] * q[$1 * n + j] }
                #expect(abs(dot - (i == j ? 1 : 0)) < 1e-12)
                // R = QᵀA must be upper triangular with a positive diagonal.
                let r = (0..<m).reduce(0.0) { $0 + q[$1 * n + i] * a[$1 * n + j] }
                if i > j { #expect(abs(r) < 1e-12) }
                if i == j { #expect(r > 0) }
            }
        }
    }

    @Test func defaultLayoutMatchesThePaper() throws {
        let r = try SyntheticBenchmark.generate(small(seed: 1))
        #expect(r.session.neural.shape == [2_000, 50])
        #expect(r.session.behaviour.map(\.name) == ["z1", "z2"])
        #expect(r.session.behaviour.allSatisfy { $0.columns == 3 })
        #expect(r.networks.map(\.widths) == [[3, 25, 25, 25], [6, 25, 25, 25]])
        let density = Double(r.groundTruth.joined().filter { $0 }.count) / Double(6 * 50)
        #expect(density == 0.75)
        #expect(r.groundTruth[4][10] == false && r.groundTruth[4][30] == true && r.groundTruth[0][10] == true)
        // z_0 = 0 and g(0) = 0 without noise.
        #expect((0..<50).allSatisfy { r.session.neural[0, $0] == 0 })
        // Walk stays strictly inside (−1, 1) with step std ≈ σ.
        let z = r.latents[0]
        #expect(z.allSatisfy { $0 > -1 && $0 < 1 })
        var s2 = 0.0
        for t in 1..<2_000 { s2 += (z[t * 3] - z[(t - 1) * 3]) * (z[t * 3] - z[(t - 1) * 3]) }
        let stepStd = (s2 / 1_999).squareRoot()
        #expect(abs(stepStd - 0.1) < 0.01)
    }

    @Test func analyticJacobianMatchesFiniteDifferences() throws {
        let r = try SyntheticBenchmark.generate(small(seed: 3))
        let net = r.networks[1]
        var rng = Xoshiro256(seed: 11)
        for _ in 0..<5 {
            let z = (0..<6).map { _ in rng.uniform(-1, 1) }
            let J = net.jacobian(at: z)
            for c in 0..<6 {
                var zp = z, zm = z
                zp[c] += 1e-6
                zm[c] -= 1e-6
                let (yp, ym) = (net(zp), net(zm))
                for n in 0..<25 {
                    let fd = (yp[n] - ym[n]) / 2e-6
                    #expect(abs(fd - J[n * 6 + c]) < 1e-5)
                }
            }
        }
    }

    @Test(arguments: [0, 1, 2, 3, 4] as [UInt64])
    func jacobianSupportEqualsGroundTruth(seed: UInt64) throws {
        let r = try SyntheticBenchmark.generate(small(seed: seed))
        let samples = Array(stride(from: 0, to: 2_000, by: 97))
        #expect(r.jacobianSupport(samples: samples) == r.groundTruth)
    }

    @Test func variantsWithMoreGroupsOtherDimsAndNoise() throws {
        var c = SyntheticBenchmark.Configuration.cumulative(groups: 3, dimension: 2, neuronsPerGroup: 10)
        c.sampleCount = 1_000
        c.seed = 5
        let r = try SyntheticBenchmark.generate(c)
        #expect(r.session.neural.shape == [1_000, 30])
        #expect(r.latentNames == ["z1[0]", "z1[1]", "z2[0]", "z2[1]", "z3[0]", "z3[1]"])
        #expect(r.groupGroundTruth.encodes[2] == Array(repeating: false, count: 20) + Array(repeating: true, count: 10))
        #expect(r.jacobianSupport(samples: Array(stride(from: 0, to: 1_000, by: 50))) == r.groundTruth)

        let clean = try SyntheticBenchmark.generate(small(seed: 9))
        let noisy = try SyntheticBenchmark.generate(small(seed: 9) { $0.observationNoise = 0.05 })
        var s2 = 0.0
        for i in 0..<clean.session.neural.count {
            let d = Double(noisy.session.neural.scalars[i] - clean.session.neural.scalars[i])
            s2 += d * d
        }
        #expect(abs((s2 / Double(clean.session.neural.count)).squareRoot() - 0.05) < 0.002)
    }

    @Test func sameSeedSameDataOtherSeedOtherData() throws {
        let a = try SyntheticBenchmark.generate(small(seed: 2))
        let b = try SyntheticBenchmark.generate(small(seed: 2))
        let c = try SyntheticBenchmark.generate(small(seed: 3))
        #expect(a.session.neural == b.session.neural)
        #expect(a.session.neural != c.session.neural)
        let u = try SyntheticBenchmark.generate(small(seed: 2) { $0.uniformStart = true })
        #expect(u.latents[0][0] != 0)
    }

    @Test func badConfigurationsThrow() {
        #expect(throws: SimulationError.self) { try SyntheticBenchmark.generate(small(seed: 0) { $0.latentDimensions = [] }) }
        #expect(throws: SimulationError.self) { try SyntheticBenchmark.generate(small(seed: 0) { $0.neuronGroups[0].inputs = [4] }) }
        // 2 neurons cannot injectively encode 3 latents.
        #expect(throws: SimulationError.self) {
            try SyntheticBenchmark.generate(small(seed: 0) { $0.neuronGroups = [.init(inputs: [0], count: 2)] })
        }
    }
}
