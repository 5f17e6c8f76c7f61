import Foundation
import Testing
import Tensors
@testable import Contrastive

@Suite struct KNNDecoderTests {
    /// x = [0, 1, 2, 3, 10] trains, y = 2x; held out x = 1.2 (y 3) and x = 9 (y 18), k = 2:
    /// 1.2 → neighbours x = 1, 2 → ŷ = (2 + 4)/2 = 3; 9 → x = 10, 3 → ŷ = (20 + 6)/2 = 13.
    /// ȳ = 10.5, SStot = 2·7.5² = 112.5, SSres = 0 + 5² = 25 → R² = 1 − 25/112.5 = 7/9.
    @Test func regressionMatchesHandComputation() throws {
        let x: [Double] = [0, 1, 2, 3, 10, 1.2, 9], y: [Double] = [0, 2, 4, 6, 20, 3, 18]
        let d = try KNNDecoder(x: x, p: 1, rows: [0, 1, 2, 3, 4], neighbours: 2)
        #expect(d.neighbourRows(x: x, rows: [5, 6]) == [1, 2, 4, 3])
        #expect(abs(d.r2(x: x, y: y, k: 1, rows: [5, 6]) - 7.0 / 9.0) < 1e-12)
    }

    /// Two outputs (as (cos, sin) of an angle) are pooled: one neighbour each, 2-D embedding.
    /// Row 2 = (0.9, 0) → row 0 = (1, 0), target (1, 0) vs truth (1, 0.2); row 3 = (0, 0.8) →
    /// row 1 = (0, 1), target (0, 1) vs truth (0.2, 1). Means (0.6, 0.6); SSres = 0.04 + 0.04,
    /// SStot = 2·0.4² + 2·0.4² = 0.64 → R² = 1 − 0.08/0.64 = 0.875.
    @Test func outputsArePooled() throws {
        let x: [Double] = [1, 0, 0, 1, 0.9, 0, 0, 0.8]
        let y: [Double] = [1, 0, 0, 1, 1, 0.2, 0.2, 1]
        let d = try KNNDecoder(x: x, p: 2, rows: [0, 1], neighbours: 1)
        #expect(abs(d.r2(x: x, y: y, k: 2, rows: [2, 3]) - 0.875) < 1e-12)
    }

    /// Equal distances go to the lower index; k larger than the training set takes all of it.
    @Test func tiesAndSmallTrainingSets() throws {
        let x: [Double] = [1, 2, 1.5]
        let d = try KNNDecoder(x: x, p: 1, rows: [0, 1], neighbours: 1)
        #expect(d.neighbourRows(x: x, rows: [2]) == [0])
        let all = try KNNDecoder(x: x, p: 1, rows: [1, 0], neighbours: 5)
        #expect(all.neighbourRows(x: x, rows: [2]) == [0, 1])
        #expect(throws: ConfigurationError.self) { _ = try KNNDecoder(x: x, p: 1, rows: [0], neighbours: 0) }
    }

    /// The k-d tree's k nearest equal a brute-force sort by (distance, index), on a coarse grid
    /// where ties are frequent.
    @Test func kdTreeMatchesBruteForce() {
        var rng = Xoshiro256(seed: 3)
        let n = 600, dim = 3, k = 7
        let points = (0..<(n * dim)).map { _ in Double(rng.uniformInt(below: 6)) }
        let train = (0..<n).filter { $0 % 3 != 0 }
        let tree = KDTree(points: points, dimension: dim, indices: train)
        let queries = (0..<(40 * dim)).map { _ in Double(rng.uniformInt(below: 13)) / 2 }
        let got = tree.nearest(k, toRows: queries)
        for q in 0..<40 {
            func dist(_ i: Int) -> Double { (0..<dim).reduce(0) { $0 + pow(points[i * dim + $1] - queries[q * dim + $1], 2) } }
            let expected = train.sorted { (dist($0), $0) < (dist($1), $1) }.prefix(k)
            #expect(Array(got[(q * k)..<((q + 1) * k)]) == Array(expected))
        }
    }
}
