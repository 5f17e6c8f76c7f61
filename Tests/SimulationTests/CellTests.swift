import Foundation
import Tensors
import Testing
@testable import Simulation

@Suite struct CellTests {
    /// Probe positions on a square lattice of `step` metres covering [0, 1)².
    func lattice(_ k: Int) -> [SIMD2<Double>] {
        var p = [SIMD2<Double>]()
        for j in 0..<k { for i in 0..<k { p.append(SIMD2((Double(i) + 0.5) / Double(k), (Double(j) + 0.5) / Double(k))) } }
        return p
    }

    @Test func placeShapesFollowTheirFormulas() throws {
        let env = try Environment()
        let c = SIMD2(0.5, 0.5)
        let probes = [c, c + SIMD2(0.2, 0), c + SIMD2(0, 0.4), c + SIMD2(0.25, 0)]
        func f(_ d: PlaceCells.Description) throws -> [Float] {
            try PlaceCells(environment: env, centres: [c], widths: [0.2], description: d).rates(.probe(positions: probes))
        }
        let g = try f(.gaussian)
        #expect(abs(g[0] - 1) < 1e-6 && abs(g[1] - 0.6065307) < 1e-5 && abs(g[2] - 0.1353353) < 1e-5)
        let th = try f(.gaussianThreshold)
        #expect(abs(th[0] - 1) < 1e-6 && th[1] < 1e-6 && th[3] == 0)
        let dog = try f(.diffOfGaussians)
        #expect(abs(dog[0] - 1) < 1e-5 && dog[2] < 0)
        let top = try f(.topHat)
        #expect(top == [1, 0, 0, 0])
        // one_hot: exactly one active cell per position.
        var rng = Xoshiro256(seed: 1)
        let oh = try PlaceCells(environment: env, count: 20, description: .oneHot, rng: &rng)
        let r = oh.rates(.probe(positions: lattice(10)))
        for row in 0..<100 { #expect(r[(row * 20)..<((row + 1) * 20)].filter { $0 == 1 }.count == 1) }
        // Default centres for n = 100 lie within ±0.045 m of the 0.05…0.95 lattice.
        let pc = try PlaceCells(environment: env, count: 100, rng: &rng)
        for (i, p) in pc.centres.enumerated() {
            let q = SIMD2(0.05 + 0.1 * Double(i % 10), 0.05 + 0.1 * Double(i / 10))
            #expect(abs(p.x - q.x) <= 0.045 + 1e-12 && abs(p.y - q.y) <= 0.045 + 1e-12)
        }
    }

    @Test func geodesicDistanceGoesAroundAnInternalWall() throws {
        let env = try Environment(walls: [Wall(SIMD2(0.5, 0), SIMD2(0.5, 0.6))])
        let pc = try PlaceCells(environment: env, centres: [SIMD2(0.7, 0.2)], widths: [0.2])
        let d = pc.distance(from: SIMD2(0.3, 0.2), to: SIMD2(0.7, 0.2))
        #expect(abs(d - 2 * (0.2 * 0.2 + 0.4 * 0.4).squareRoot()) < 1e-12)
        #expect(abs(pc.distance(from: SIMD2(0.3, 0.8), to: SIMD2(0.7, 0.8)) - 0.4) < 1e-12)
    }

    @Test func empiricalPlaceRateMapsPeakAtTheirCentres() throws {
        let env = try Environment()
        let rng = Xoshiro256(seed: 2)
        let pc = try PlaceCells(environment: env, centres: [SIMD2(0.3, 0.3), SIMD2(0.7, 0.4), SIMD2(0.5, 0.75)],
                                widths: [0.1, 0.1, 0.1], scaling: RateScaling(minRate: 0.1, maxRate: 20))
        let tr = try Agent.simulate(environment: env, duration: 1_200, rng: rng.stream(0))
        let act = try SpikeSimulator.simulate(populations: [pc], trajectory: tr, rng: rng.stream(1))
        let k = 10
        var occupancy = [Double](repeating: 0, count: k * k), spikes = [[Double]](repeating: occupancy, count: 3)
        for t in 0..<tr.count {
            let b = min(k - 1, Int(tr.position[t].y * Double(k))) * k + min(k - 1, Int(tr.position[t].x * Double(k)))
            occupancy[b] += tr.dt
            for i in 0..<3 { spikes[i][b] += Double(act.spikeCounts[t, i]) }
        }
        for i in 0..<3 {
            let map = (0..<(k * k)).map { occupancy[$0] > 1 ? spikes[i][$0] / occupancy[$0] : 0 }
            let best = map.indices.max { map[$0] < map[$1] }!
            let centre = SIMD2((Double(best % k) + 0.5) / Double(k), (Double(best / k) + 0.5) / Double(k))
            let err = ((centre - pc.centres[i]) * (centre - pc.centres[i])).sum().squareRoot()
            #expect(err < 0.1, "cell \(i): peak at \(centre), centre \(pc.centres[i])")
        }
    }

    /// Distance from the origin to the nearest off-centre peak of the rate map's autocorrelogram.
    func autocorrelogramPeakDistance(_ grid: GridCells, cell: Int, k: Int = 50) -> Double {
        let n = grid.count
        let r = grid.rates(.probe(positions: lattice(k)))
        let m = (0..<(k * k)).map { Double(r[$0 * n + cell]) }
        let mean = m.reduce(0, +) / Double(m.count)
        let z = m.map { $0 - mean }
        let L = k / 2
        var ac = [[Double]](repeating: [Double](repeating: 0, count: 2 * L + 1), count: 2 * L + 1)
        for dy in -L...L {
            for dx in -L...L {
                var s = 0.0, c = 0
                for y in max(0, -dy)..<min(k, k - dy) {
                    for x in max(0, -dx)..<min(k, k - dx) { s += z[y * k + x] * z[(y + dy) * k + x + dx]; c += 1 }
                }
                ac[dy + L][dx + L] = s / Double(c)
            }
        }
        var best = Double.infinity
        for y in 1..<(2 * L) {
            for x in 1..<(2 * L) where !(x == L && y == L) {
                let v = ac[y][x]
                var isPeak = v > 0
                for (oy, ox) in [(-1, -1), (-1, 0), (-1, 1), (0, -1), (0, 1), (1, -1), (1, 0), (1, 1)] where ac[y + oy][x + ox] >= v {
                    isPeak = false
                }
                if isPeak { best = min(best, (Double((x - L) * (x - L) + (y - L) * (y - L))).squareRoot() / Double(k)) }
            }
        }
        return best
    }

    @Test func gridAutocorrelogramPeaksAtTheFieldSpacing() throws {
        let env = try Environment()
        var rng = Xoshiro256(seed: 3)
        // RatInABox's gridscale λ = 0.3: fields 2λ/√3 = 0.346 m apart (issue #127).
        let a = try GridCells(environment: env, count: 1, modules: [.init(gridscale: 0.3, orientation: 0.2)], rng: &rng)
        #expect(abs(autocorrelogramPeakDistance(a, cell: 0) - 0.3 * 2 / 3.0.squareRoot()) < 0.02)
        // The `spacing` parameter puts fields exactly that far apart.
        let b = try GridCells(environment: env, count: 1, modules: [.init(spacing: 0.4, orientation: 0.5)],
                              description: .shiftedCosines, rng: &rng)
        #expect(abs(autocorrelogramPeakDistance(b, cell: 0) - 0.4) < 0.02)
        // Shifted cosines span [0, 1]; rectified with the default width ratio is max(0, g).
        let r = b.rates(.probe(positions: lattice(100)))
        #expect(r.min()! >= 0 && r.min()! < 0.01 && r.max()! <= 1 && r.max()! > 0.99)
        let ra = a.rates(.probe(positions: lattice(100)))
        let active = Double(ra.filter { $0 > 0 }.count) / Double(ra.count)
        #expect(abs(active - 0.4) < 0.05)
        #expect(abs(ra.reduce(0, +) / Float(ra.count) - 0.1725) < 0.02)
    }

    @Test func headDirectionTuningPeaksAtThePreferredDirection() throws {
        let hd = try HeadDirectionCells(count: 8)
        let exact = hd.rates(.probe(positions: Array(repeating: .zero, count: 4),
                                    headDirections: [0, Double.pi / 4, Double.pi / 2, Double.pi]))
        #expect(abs(exact[0] - 1) < 1e-6 && abs(exact[8] - 0.622) < 1e-3 && abs(exact[16] - 0.198) < 1e-3 && abs(exact[24] - 0.039) < 1e-3)
        // Empirical tuning curves from a foraging run: argmax within one 10° bin of μ.
        let env = try Environment()
        let tr = try Agent.simulate(environment: env, duration: 600, rng: Xoshiro256(seed: 4))
        let r = hd.rates(tr)
        var sum = [[Double]](repeating: [Double](repeating: 0, count: 36), count: 8), n = [Double](repeating: 0, count: 36)
        for t in 0..<tr.count {
            var a = tr.headDirection[t]; if a < 0 { a += 2 * Double.pi }
            let b = min(35, Int(a / (2 * Double.pi) * 36))
            n[b] += 1
            for i in 0..<8 { sum[i][b] += Double(r[t * 8 + i]) }
        }
        for i in 0..<8 {
            let curve = (0..<36).map { sum[i][$0] / max(n[$0], 1) }
            let best = (Double(curve.indices.max { curve[$0] < curve[$1] }!) + 0.5) * 10 * Double.pi / 180
            var err = abs(best - hd.preferredDirections[i]); err = min(err, 2 * Double.pi - err)
            #expect(err <= 10 * Double.pi / 180)
        }
    }

    @Test func speedCellsAreLinearInMeasuredSpeed() throws {
        let sc = try SpeedCells(count: 2)
        let r = sc.rates(.probe(positions: [.zero, .zero], velocities: [SIMD2(0.08, 0), SIMD2(0, 0.32)]))
        #expect(abs(r[0] - 0.5) < 1e-6 && abs(r[1] - 0.5) < 1e-6 && abs(r[3] - 2) < 1e-6)
        let sat = try SpeedCells(normalisingSpeeds: [0.1], saturating: true)
        #expect(sat.rates(.probe(positions: [.zero], velocities: [SIMD2(0.3, 0)])) == [1])
    }
}
