import Contrastive
import Foundation
import Synchronization
import Testing
@testable import Dimensionality

@Suite struct SweepTests {
    private func plan(dimensions: [Int] = [1, 2], seeds: [UInt64] = [0, 1], steps: Int = 4) -> SweepPlan {
        SweepPlan(base: TestSupport.configuration(steps: steps), slice: .behaviour, dimensions: dimensions, seeds: seeds,
                  evaluationBatches: 3, evaluationSeed: 5)
    }

    @Test func resumeSkipsFinishedRunsAndRedoesMissingOnes() throws {
        let dir = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let session = TestSupport.randomWalk()
        let sweep = try DimensionSweep(plan: plan(), session: session, directory: dir)
        var seen: [SweepProgress] = []
        let first = try sweep.run { seen.append($0) }
        #expect(first.map(\.job.name) == ["d1-seed0", "d1-seed1", "d2-seed0", "d2-seed1"])
        #expect(seen.last?.completedSteps == 16 && seen.last?.totalSteps == 16 && seen.last?.phase == .finished)
        #expect(try sweep.pendingJobs().isEmpty)

        // A second process (new object, same folder) finds nothing to do.
        let again = try DimensionSweep(plan: plan(), session: session, directory: dir)
        #expect(try again.run().isEmpty)

        // A lost result is redone, identically (same seed → same training and evaluation).
        let job = SweepJob(dimension: 2, seed: 1)
        let before = try #require(try again.result(job))
        try FileManager.default.removeItem(atPath: again.resultPath(job))
        #expect(try again.pendingJobs() == [job])
        let redone = try again.run()
        #expect(redone.count == 1 && redone[0].fits == before.fits && redone[0].configuration == before.configuration)
        #expect(try again.results().count == 4)

        // Extending the sweep with a candidate runs only the new runs.
        let extended = try DimensionSweep(plan: plan(dimensions: [1, 2, 3]), session: session, directory: dir)
        #expect(try extended.pendingJobs().map(\.name) == ["d3-seed0", "d3-seed1"])
    }

    @Test func shardsSplitTheWorkAndAFolderHoldsOneSweep() throws {
        let dir = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let session = TestSupport.randomWalk()
        let sweep = try DimensionSweep(plan: plan(steps: 2), session: session, directory: dir)
        let one = try sweep.run(shard: Shard(index: 1, count: 2))
        #expect(one.map(\.job.name) == ["d1-seed0", "d2-seed0"])
        #expect(try sweep.pendingJobs(shard: Shard(index: 1, count: 2)).isEmpty)
        let partial = try SweepSummary.collect(sweep, bootstrapResamples: 10)
        #expect(!partial.isComplete && partial.missing == ["d1-seed1", "d2-seed1"])
        #expect(partial.rows.allSatisfy { $0.consistencyMean == nil })
        #expect(try sweep.run(shard: Shard(index: 2, count: 2)).count == 2)
        #expect(try SweepSummary.collect(sweep, bootstrapResamples: 10).isComplete)

        var other = plan(steps: 2)
        other.base.learningRate = 1e-2
        do {
            _ = try DimensionSweep(plan: other, session: session, directory: dir)
            Issue.record("a folder of another learning rate was reused")
        } catch DimensionalityError.incompatibleResult(_, let reason) {
            #expect(reason.contains("differs in learningRate;"), "\(reason)")
        }
        other.base.steps = 3
        other.evaluationBatches = 4
        do {
            _ = try DimensionSweep(plan: other, session: session, directory: dir)
            Issue.record("a folder of other settings was reused")
        } catch DimensionalityError.incompatibleResult(_, let reason) {
            #expect(reason.contains("differs in learningRate, steps, evaluationBatches;"), "\(reason)")
        }
        // A result file from another configuration is reported, not silently reused.
        let foreign = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: foreign) }
        let f = try DimensionSweep(plan: other, session: session, directory: foreign)
        try FileManager.default.createDirectory(atPath: f.runsDirectory, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: sweep.resultPath(SweepJob(dimension: 1, seed: 0)),
                                         toPath: f.resultPath(SweepJob(dimension: 1, seed: 0)))
        #expect(throws: DimensionalityError.self) { try f.pendingJobs() }
    }

    @Test func concurrentRunsGiveTheSequentialResults() throws {
        let one = TestSupport.temporaryDirectory(), two = TestSupport.temporaryDirectory()
        defer { for d in [one, two] { try? FileManager.default.removeItem(atPath: d) } }
        let session = TestSupport.randomWalk()
        let sequential = try DimensionSweep(plan: plan(dimensions: [1, 2, 3]), session: session, directory: one).run()
        let sweep = try DimensionSweep(plan: plan(dimensions: [1, 2, 3]), session: session, directory: two)
        let calls = Mutex<[Int]>([])
        let concurrent = try sweep.run(workers: 3) { p in calls.withLock { $0.append(p.completedSteps) } }
        #expect(concurrent.map(\.job) == sequential.map(\.job))
        #expect(zip(concurrent, sequential).allSatisfy { $0.fits == $1.fits && $0.finalTrainingLoss == $1.finalTrainingLoss })
        let steps = calls.withLock { $0 }
        #expect(steps.max() == 6 * 4 && steps.count >= 6 * 4)
        #expect(try sweep.pendingJobs().isEmpty)
        #expect(try sweep.run(workers: 3).isEmpty)
    }

    @Test func aSweepWhoseHeldOutBlockIsSmallerThanABatchFailsBeforeTraining() throws {
        let dir = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // T = 100, a quarter held out: 25 samples, fewer than B = 32.
        do {
            _ = try DimensionSweep(plan: plan(), session: TestSupport.randomWalk(t: 100), directory: dir)
            Issue.record("a sweep that cannot be evaluated was accepted")
        } catch DimensionalityError.heldOutData(let message) {
            #expect(message.contains("25 of 100") && message.contains("batch size 32"))
        }
        #expect(!FileManager.default.fileExists(atPath: dir))
        // 128 samples hold out 32: exactly one batch, accepted.
        #expect(throws: Never.self) { try DimensionSweep(plan: plan(), session: TestSupport.randomWalk(t: 128), directory: dir) }
    }

    @Test func anEvaluationBatchSizeIsUsedRecordedAndChecked() throws {
        let dir = TestSupport.temporaryDirectory(), plainDir = TestSupport.temporaryDirectory()
        defer { for d in [dir, plainDir] { try? FileManager.default.removeItem(atPath: d) } }
        let session = TestSupport.randomWalk()  // 600 samples, 150 held out; training B = 32
        var wide = plan(dimensions: [2], seeds: [0], steps: 2)
        wide.evaluationBatchSize = 100
        #expect(wide.evaluationBatch == 100 && plan().evaluationBatch == 32)
        let sweep = try DimensionSweep(plan: wide, session: session, directory: dir)
        let r = try #require(try sweep.run().first)
        #expect(r.evaluationBatchSize == 100 && r.evaluationBatch == 100 && r.configuration.batchSize == 32)
        #expect(r.fits.allSatisfy { abs($0.chanceLoss - log(100.0)) < 1e-12 })
        #expect(try SweepSummary.collect(sweep, bootstrapResamples: 0).batchSize == 100)

        // The same training scored at the training batch size: same model, another chance level.
        let plain = try #require(try DimensionSweep(plan: plan(dimensions: [2], seeds: [0], steps: 2), session: session, directory: plainDir).run().first)
        #expect(plain.finalTrainingLoss == r.finalTrainingLoss && plain.evaluationBatch == 32)
        #expect(plain.fits.allSatisfy { abs($0.chanceLoss - log(32.0)) < 1e-12 })

        // A folder scored at another batch size is not reused; naming the training batch size
        // explicitly is the same plan as leaving it unset.
        do {
            _ = try DimensionSweep(plan: plan(dimensions: [2], seeds: [0], steps: 2), session: session, directory: dir)
            Issue.record("a folder scored at B = 100 was reused at B = 32")
        } catch DimensionalityError.incompatibleResult(_, let reason) {
            #expect(reason.contains("differs in evaluationBatchSize;"), "\(reason)")
        }
        var explicit = plan(dimensions: [2], seeds: [0], steps: 2)
        explicit.evaluationBatchSize = 32
        #expect(try DimensionSweep(plan: explicit, session: session, directory: plainDir).pendingJobs().isEmpty)

        // Results written before the field existed were scored at the training batch size.
        let job = SweepJob(dimension: 2, seed: 0), reader = try DimensionSweep(plan: explicit, session: session, directory: plainDir)
        let text = try String(contentsOfFile: reader.resultPath(job), encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.filter { $0.contains("\"evaluationBatchSize\"") }.count == 1)
        try lines.filter { !$0.contains("\"evaluationBatchSize\"") }.joined(separator: "\n")
            .write(toFile: reader.resultPath(job), atomically: true, encoding: .utf8)
        let old = try #require(try reader.result(job))
        #expect(old.evaluationBatchSize == nil && old.evaluationBatch == 32 && old.fits == plain.fits)

        // More rows than the held-out block, or fewer than 2, fail before any training.
        var tooWide = wide
        tooWide.evaluationBatchSize = 151
        do {
            _ = try DimensionSweep(plan: tooWide, session: session, directory: TestSupport.temporaryDirectory())
            Issue.record("an evaluation batch larger than the held-out block was accepted")
        } catch DimensionalityError.heldOutData(let message) {
            #expect(message.contains("150 of 600") && message.contains("batch size 151"), "\(message)")
        }
        tooWide.evaluationBatchSize = 1
        #expect(throws: DimensionalityError.self) { try tooWide.validate() }
    }

    @Test func summaryAndReportFiles() throws {
        let dir = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let sweep = try DimensionSweep(plan: plan(dimensions: [1, 2], seeds: [0, 1, 2], steps: 3), session: TestSupport.randomWalk(),
                                       directory: dir)
        try sweep.run()
        let s = try SweepSummary.collect(sweep, bootstrapResamples: 50)
        #expect(s.isComplete && s.rows.map(\.dimension) == [1, 2] && s.rows.allSatisfy { $0.seeds.count == 3 })
        for r in s.rows {
            #expect(r.bits.count == 3 && abs(r.bitsMean - r.bits.reduce(0, +) / 3) < 1e-12)
            #expect(r.bitsMean == r.objectiveBitsMean[1])
            let c = try #require(r.consistencyMean)
            #expect(c <= 1 + 1e-9 && c > -1)
        }
        let e = try #require(s.estimate)
        #expect([1, 2].contains(e.dimension))
        let files = try SweepReport.write(s, to: dir)
        #expect(files.map { ($0 as NSString).lastPathComponent } == ["dimensions.csv", "dimensions.json", "dimensions.svg"])
        let csv = try String(contentsOfFile: files[0], encoding: .utf8)
        #expect(csv.split(separator: "\n").filter { !$0.hasPrefix("#") }.count == 3)
        #expect(try String(contentsOfFile: files[2], encoding: .utf8).contains("chosen d′ = \(e.dimension)"))
        let decoded = try JSONDecoder().decode(SweepSummary.self, from: Data(contentsOf: URL(fileURLWithPath: files[1])))
        #expect(decoded.estimate == s.estimate)

        // The calibrated measure is recorded for every run and objective, inside [0, log₂(B + 1)]
        // up to sampling noise, and drives a summary of its own without retraining.
        let b = Double(sweep.plan.base.batchSize)
        for run in try sweep.results() {
            for fit in run.fits {
                let bits = try #require(fit.calibratedBits)
                #expect(bits > -0.05 && bits <= log2(b + 1) && (fit.calibratedInverseTemperature ?? -1) >= 0)
            }
        }
        #expect(s.measure == .calibrated && s.estimate?.floor == DimensionEstimate.defaultFloor)  // the defaults
        let criterion = try sweep.plan.criterionObjective()
        #expect(s.rows[0].bits == (try sweep.results().filter { $0.dimension == 1 }.map { $0.bits(.calibrated, objective: criterion) }))
        let spec = try SweepSummary.collect(sweep, measure: .infoNCE, bootstrapResamples: 10)
        #expect(spec.measure == .infoNCE && spec.rows.count == 2)
        #expect(spec.rows[0].bits == (try sweep.results().filter { $0.dimension == 1 }.map(\.bits)))
        #expect(spec.rows.allSatisfy { r in r.bits.allSatisfy(\.isFinite) } && spec.rows[0].bits != s.rows[0].bits)
    }
}
