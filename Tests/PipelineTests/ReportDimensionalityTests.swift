import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import Recordings
import Tensors
import Attribution
@testable import Pipeline

/// The report's dimensionality sweep, consistency matrix and kNN decoding.
@Suite struct ReportDimensionalityTests {
    /// T samples of 12 neurons with Gaussian tuning to a 1-D random walk `x` in [−1, 1].
    static func tunedSession(t: Int = 1_500, seed: UInt64 = 5) -> Session {
        var rng = Xoshiro256(seed: seed)
        var x = [Double](repeating: 0, count: t)
        for i in 1..<t { x[i] = rng.truncatedNormal(mean: x[i - 1], std: 0.08, lower: -1, upper: 1) }
        let n = 12
        var neural = Tensor(zeros: [t, n])
        for i in 0..<t { for j in 0..<n {
            let centre = -1 + 2 * Double(j) / Double(n - 1)
            neural[i, j] = Float(Foundation.exp(-(x[i] - centre) * (x[i] - centre) / 0.08) + 0.05 * rng.normal())
        } }
        return Session(id: "tuned", timestamps: (0..<t).map { Double($0) * 0.05 }, neural: neural, neuralKind: .continuous,
                       neurons: (0..<n).map { NeuronInfo(id: Int64($0), kind: .synthetic) },
                       behaviour: [BehaviourVariable(name: "x", values: x, columns: 1, unit: "a.u.")],
                       provenance: Provenance(source: "test", reader: "memory"))
    }

    /// An angle is decoded as (cos, sin) by the kNN decoder too: an embedding that holds (cos θ,
    /// sin θ) decodes it almost perfectly, the shifted control does not.
    @Test func knnDecodesAnglesAgainstTheShiftedControl() throws {
        var rng = Xoshiro256(seed: 2)
        let t = 2_000
        var theta = [Double](repeating: 0, count: t)
        for i in 1..<t { theta[i] = remainder(theta[i - 1] + 0.1 * rng.normal(), 2 * .pi) }
        var e = Tensor(zeros: [t, 3])
        for i in 0..<t {
            e[i, 0] = Float(Foundation.cos(theta[i]) + 0.01 * rng.normal())
            e[i, 1] = Float(Foundation.sin(theta[i]) + 0.01 * rng.normal())
            e[i, 2] = Float(rng.normal())
        }
        let session = Session(id: "angle", timestamps: (0..<t).map(Double.init), neural: Tensor(zeros: [t, 1]), neuralKind: .continuous,
                              neurons: [NeuronInfo(id: 0, kind: .synthetic)],
                              behaviour: [BehaviourVariable(name: "theta", values: theta, columns: 1, unit: "rad", isCircular: true)],
                              provenance: Provenance(source: "test", reader: "memory"))
        let scores = try SessionPipeline.decode(embedding: e, blocks: [BlockAssignment(dimensions: 0..<2, variables: ["theta"]),
                                                                       BlockAssignment(dimensions: 2..<3, variables: [])],
                                                session: session, trainFraction: 0.8, seed: 0, neighbours: 5)
        #expect(scores.count == 1 && scores[0].knnNeighbours == 5)
        #expect(scores[0].knnOwnBlock > 0.98, "kNN R² \(scores[0].knnOwnBlock)")
        #expect(scores[0].knnShiftedControl < 0.3, "kNN control R² \(scores[0].knnShiftedControl)")
        #expect(scores[0].ownBlock > 0.98)
    }

    /// A tiny sweep (d′ ∈ {1, 2}, two seeds, 40 steps) inside the report: the final model uses the
    /// chosen size, the page carries the GoF figure and the consistency heatmap, summary.json the
    /// sweep, the 2×2 matrix and the kNN scores, and the matrix reuses the sweep's second seed.
    @Test func reportWithTinySweep() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("xcebra-report-dims-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        var o = PipelineOptions()
        o.steps = 40
        o.batchSize = 64
        o.seed = 3
        o.attributionSamples = 200
        o.bootstrapReplicates = 0
        o.comparisonMethods = []
        o.dimensionCandidates = [1, 2]
        o.dimensionSeeds = 2
        o.sweepEvaluationBatches = 4
        // Ground truth (half the neurons marked as encoding x) so the headline states auROC.
        var session = Self.tunedSession()
        session.groundTruth = GroundTruth(variables: ["x"], encodes: [(0..<12).map { $0 % 2 == 0 }])
        let r = try SessionPipeline.run(session: session, options: o, output: out)

        #expect(r.dimensions.count == 1)
        let sweep = try #require(r.dimensions.first)
        #expect(sweep.variables == ["x"] && sweep.recipeDimension == 1)
        #expect(sweep.summary.rows.map(\.dimension) == [1, 2] && sweep.summary.rows.allSatisfy { $0.bits.count == 2 })
        #expect([1, 2].contains(sweep.chosenDimension))
        #expect(r.configuration.objectives[0].stop - r.configuration.objectives[0].start == sweep.chosenDimension)
        #expect(r.outputDimension == sweep.chosenDimension + 3)

        let c = try #require(r.consistency)
        #expect(c.seeds == [3, 4] && c.reusedSeeds == [4])
        #expect(c.r2[0][0] == 1 && c.r2[1][1] == 1 && c.r2[0][1] <= 1 && c.r2[1][0] <= 1)

        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json"))) as? [String: Any])
        let dims = try #require(json["dimensions"] as? [String: Any])
        let blocks = try #require(dims["blocks"] as? [[String: Any]])
        #expect(blocks.count == 1 && blocks[0]["chosen_dimension"] as? Int == sweep.chosenDimension)
        let rows = try #require((blocks[0]["sweep"] as? [String: Any])?["rows"] as? [[String: Any]])
        #expect(rows.count == 2 && rows.allSatisfy { ($0["bits"] as? [Double])?.count == 2 })
        let matrix = try #require((json["consistency"] as? [String: Any])?["r2"] as? [[Double]])
        #expect(matrix.count == 2 && matrix.allSatisfy { $0.count == 2 } && abs(matrix[0][1] - c.r2[0][1]) < 1e-12)
        let decoding = try #require(json["decoding"] as? [[String: Any]])
        #expect(decoding.first?["r2_knn_own_block"] is Double && decoding.first?["knn_neighbours"] as? Int == 5)
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("\(sweep.directory)/dimensions.svg").path))

        let html = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.contains("Goodness of fit (bits) against the x dimension"))
        // The headline gives the per-block auROC beside the pooled one.
        let method = r.attribution.method
        let pooled = try #require(r.auroc[method]), perBlock = try #require(r.attribution.blockMetrics[method]?["x"]?.auROC)
        #expect(html.contains("row overlap"))
        let overlap = try #require((json["attribution"] as? [String: Any])?["block_overlap"] as? [String: Any])
        let overlapBlocks = try #require(overlap["blocks"] as? [[String: Any]])
        #expect(overlapBlocks.count == r.attribution.blocks.count && overlapBlocks.allSatisfy { ($0["median_with_rest"] as? Double).map { $0 >= 0 && $0 <= 1 } == true })
        #expect(html.contains("auROC against the ground truth: \(method) \(String(format: "%.3f", pooled)) (x \(String(format: "%.3f", perBlock)))"))
        #expect(html.contains("Consistency across seeds"))
        #expect(html.contains("kNN R² held out"))
        for tag in ["section", "figure", "table", "svg", "div", "p"] {
            #expect(html.components(separatedBy: "<\(tag)>").count + html.components(separatedBy: "<\(tag) ").count
                    == html.components(separatedBy: "</\(tag)>").count + 1, "unbalanced <\(tag)>")
        }
        let svgs = try NSRegularExpression(pattern: "<svg[\\s\\S]*?</svg>").matches(in: html, range: NSRange(html.startIndex..., in: html))
        #expect(svgs.count >= 5)
        for m in svgs {
            let svg = String(html[Range(m.range, in: html)!])
            let parser = XMLParser(data: Data(svg.utf8))
            #expect(parser.parse(), "inline SVG is not well-formed: \(parser.parserError.map { "\($0)" } ?? "")")
        }
    }
}
