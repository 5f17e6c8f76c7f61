import Contrastive
import Foundation
import Recordings
import Synchronization
import Tensors

/// Where a sweep is: reported after every training step and after each run's evaluation.
public struct SweepProgress: Sendable {
    public enum Phase: Sendable { case training, evaluating, finished }
    public var job: SweepJob
    public var phase: Phase
    /// 1-based position of `job` among the runs this call executes, and their number.
    public var jobNumber: Int
    public var jobCount: Int
    /// Training steps done over all runs of this call, and their total (runs × steps).
    public var completedSteps: Int
    public var totalSteps: Int
    /// Total training loss of the last step (nats).
    public var loss: Double
}

/// Runs a `SweepPlan` on one session, one result file per (d′, seed) in `directory/runs`.
///
/// Resumable: a run whose result file exists (and matches the plan, the session and the
/// evaluation settings) is skipped; results are written to a temporary name and renamed, so an
/// interrupted run leaves no result and is redone. Shardable: `run(shard:)` executes only the
/// shard's runs, so n processes (cores, SLURM array tasks) with shards 1/n … n/n share the work
/// through the folder; any process can then collect the finished results (`results()`).
/// Every run trains with its own seed and is independent of which process ran it.
public final class DimensionSweep {
    public let plan: SweepPlan
    public let session: Session
    public let directory: String

    /// What the folder holds, written as `sweep.json`; a folder belongs to one sweep.
    struct Manifest: Codable, Equatable {
        var plan: SweepPlan
        var sessionID: String
        var sampleCount: Int
        var neuronCount: Int
        func isCompatible(with other: Manifest) -> Bool { differences(from: other).isEmpty }

        /// What differs from `other`, by name: the base configuration's fields (e.g.
        /// "learningRate", "steps"), the swept slice and objective, the evaluation settings and the
        /// session. Candidates and seeds may differ.
        func differences(from other: Manifest) -> [String] {
            var names: [String] = []
            if plan.base != other.plan.base {
                func fields(_ c: TrainingConfiguration) -> [String: Data] {
                    let e = JSONEncoder()
                    e.outputFormatting = .sortedKeys
                    let object = (try? JSONSerialization.jsonObject(with: e.encode(c))) as? [String: Any] ?? [:]
                    return object.compactMapValues { try? JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys, .fragmentsAllowed]) }
                }
                let mine = fields(plan.base), theirs = fields(other.plan.base)
                let changed = Set(mine.keys).union(theirs.keys).filter { mine[$0] != theirs[$0] }.sorted()
                names += changed.isEmpty ? ["the base configuration"] : changed
            }
            if plan.slice != other.plan.slice { names.append("the swept slice") }
            if plan.criterion != other.plan.criterion { names.append("the criterion objective") }
            if plan.evaluationBatches != other.plan.evaluationBatches { names.append("evaluationBatches") }
            if plan.evaluationBatch != other.plan.evaluationBatch { names.append("evaluationBatchSize") }
            if plan.evaluationSeed != other.plan.evaluationSeed { names.append("evaluationSeed") }
            if sessionID != other.sessionID || sampleCount != other.sampleCount || neuronCount != other.neuronCount { names.append("the session") }
            return names
        }
    }

    /// Validates the plan and prepares `directory` (created when missing).
    /// - Throws: `DimensionalityError.invalidPlan`; `.incompatibleResult` when the folder holds a
    ///   sweep with another base configuration, slice, evaluation settings or session (extra
    ///   candidates or seeds are fine: the folder's plan is replaced by this one).
    public init(plan: SweepPlan, session: Session, directory: String) throws {
        try plan.validate()
        guard plan.base.batchSize <= session.sampleCount else {
            throw DimensionalityError.invalidPlan("batch size \(plan.base.batchSize) exceeds the \(session.sampleCount) samples of session '\(session.id)'")
        }
        // Checked here as well as at evaluation, so a sweep that cannot be scored fails before its first training.
        let heldOut = HeldOutEvaluation.heldOutRange(sampleCount: session.sampleCount, fraction: plan.base.heldOutFraction).count
        guard heldOut >= plan.evaluationBatch else {
            throw DimensionalityError.heldOutData("session '\(session.id)' holds out \(heldOut) of \(session.sampleCount) samples (heldOutFraction = \(plan.base.heldOutFraction)), fewer than the batch size \(plan.evaluationBatch) that each held-out evaluation batch needs; raise the held-out fraction, lower the (evaluation) batch size or use a longer session")
        }
        self.plan = plan
        self.session = session
        self.directory = directory
        try FileManager.default.createDirectory(atPath: runsDirectory, withIntermediateDirectories: true)
        let manifest = Manifest(plan: plan, sessionID: session.id, sampleCount: session.sampleCount, neuronCount: session.neuronCount)
        let path = directory + "/sweep.json"
        if let data = FileManager.default.contents(atPath: path) {
            guard let old = try? Self.decoder.decode(Manifest.self, from: data) else {
                throw DimensionalityError.incompatibleResult(file: path, reason: "cannot be read as a dimensionality sweep; use another output folder")
            }
            let differences = manifest.differences(from: old)
            guard differences.isEmpty else {
                throw DimensionalityError.incompatibleResult(file: path, reason: "holds a sweep of session '\(old.sessionID)' that differs in \(differences.joined(separator: ", ")); use another output folder, or the folder's settings, or delete it to start over")
            }
        }
        if (try? Self.decoder.decode(Manifest.self, from: FileManager.default.contents(atPath: path) ?? Data())) != manifest {
            try Self.writeAtomically(try Self.encoder.encode(manifest), to: path)
        }
    }

    public var runsDirectory: String { directory + "/runs" }
    public func resultPath(_ job: SweepJob) -> String { runsDirectory + "/\(job.name).json" }
    public func embeddingPath(_ job: SweepJob) -> String { runsDirectory + "/\(job.name).embedding.npy" }

    /// The finished result of `job`, nil when it has not run.
    /// - Throws: `.incompatibleResult` when the file cannot be read or describes another run.
    public func result(_ job: SweepJob) throws -> SweepRunResult? {
        let path = resultPath(job)
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let r: SweepRunResult
        do { r = try Self.decoder.decode(SweepRunResult.self, from: data) } catch {
            throw DimensionalityError.incompatibleResult(file: path, reason: "is not a readable sweep result (\(error)); delete it to redo the run")
        }
        let expected = try plan.configuration(dimension: job.dimension, seed: job.seed).configuration
        guard r.configuration == expected, r.sessionID == session.id, r.sampleCount == session.sampleCount,
              r.evaluationBatches == plan.evaluationBatches, r.evaluationBatch == plan.evaluationBatch,
              r.evaluationSeed == plan.evaluationSeed else {
            throw DimensionalityError.incompatibleResult(file: path, reason: "was produced with another configuration, session or evaluation; delete it (or use another output folder) to redo the run")
        }
        return r
    }

    /// The runs of `shard` (all runs when nil) that have no result yet, in plan order.
    public func pendingJobs(shard: Shard? = nil) throws -> [SweepJob] {
        var pending: [SweepJob] = []
        for (j, job) in plan.jobs.enumerated() where shard?.contains(job: j) ?? true {
            if try result(job) == nil { pending.append(job) }
        }
        return pending
    }

    /// Every finished result of the plan, in plan order.
    public func results() throws -> [SweepRunResult] { try plan.jobs.compactMap { try result($0) } }

    /// Runs the pending runs of `shard` and returns their results in plan order: one after
    /// another, or `workers` at a time on their own threads (each run is independent and keeps
    /// its own seed, so with one BLAS thread the results are the same as sequentially; use
    /// workers × BLAS threads ≤ cores: Dispatch runs at most about one worker per core at a
    /// time, whatever `workers` says). `progress` is called from one thread at a time, with
    /// `completedSteps` summed over all runs of the call.
    /// - Throws: the first failing run's error, after the runs already started have finished
    ///   (their results are kept in the folder; no new run starts after a failure).
    @discardableResult
    public func run(shard: Shard? = nil, workers: Int = 1, progress: ((SweepProgress) -> Void)? = nil) throws -> [SweepRunResult] {
        precondition(workers >= 1, "DimensionSweep.run: workers must be ≥ 1, got \(workers)")
        let jobs = try pendingJobs(shard: shard)
        let steps = plan.base.steps
        guard !jobs.isEmpty else { return [] }
        struct Shared {
            var next = 0
            var done: [Int]
            var results: [SweepRunResult?]
            var failure: Error?
        }
        let state = Mutex(Shared(done: Array(repeating: 0, count: jobs.count), results: Array(repeating: nil, count: jobs.count)))
        let box = UncheckedBox(self, progress)
        DispatchQueue.concurrentPerform(iterations: Swift.min(workers, jobs.count)) { _ in
            while let i = state.withLock({ s -> Int? in
                guard s.failure == nil, s.next < jobs.count else { return nil }
                s.next += 1
                return s.next - 1
            }) {
                let job = jobs[i]
                do {
                    let r = try box.sweep.run(job) { step, phase, loss in
                        state.withLock { s in
                            s.done[i] = step
                            box.progress?(SweepProgress(job: job, phase: phase, jobNumber: i + 1, jobCount: jobs.count,
                                                        completedSteps: s.done.reduce(0, +), totalSteps: jobs.count * steps, loss: loss))
                        }
                    }
                    state.withLock { $0.results[i] = r }
                } catch {
                    state.withLock { s in if s.failure == nil { s.failure = error } }
                }
            }
        }
        let final = state.withLock { $0 }
        if let failure = final.failure { throw failure }
        return final.results.map { $0! }
    }

    /// Trains, evaluates and records one run (overwriting nothing: call only for pending runs).
    /// `progress(stepsDone, phase, loss)`.
    public func run(_ job: SweepJob, progress: ((Int, SweepProgress.Phase, Double) -> Void)? = nil) throws -> SweepRunResult {
        let (config, block) = try plan.configuration(dimension: job.dimension, seed: job.seed)
        let trainer = try Trainer(configuration: config, session: session)
        let t0 = DispatchTime.now().uptimeNanoseconds
        var last = Double.nan
        try trainer.train(progress: { r in
            last = r.total
            progress?(r.step + 1, .training, r.total)
        })
        let t1 = DispatchTime.now().uptimeNanoseconds
        progress?(config.steps, .evaluating, last)
        let fits = try HeldOutEvaluation.goodnessOfFit(trainer: trainer, session: session, batchSize: plan.evaluationBatch,
                                                       batches: plan.evaluationBatches, seed: plan.evaluationSeed)
        let embedding = try HeldOutEvaluation.embedding(trainer: trainer, session: session)
        let t2 = DispatchTime.now().uptimeNanoseconds
        let range = HeldOutEvaluation.heldOutRange(sampleCount: session.sampleCount, fraction: config.heldOutFraction)
        let result = SweepRunResult(
            dimension: job.dimension, seed: job.seed, configuration: config, sweptBlock: [block.lowerBound, block.upperBound],
            criterionObjective: try plan.criterionObjective(), fits: fits, evaluationBatches: plan.evaluationBatches,
            evaluationBatchSize: plan.evaluationBatch,
            evaluationSeed: plan.evaluationSeed, heldOut: [range.lowerBound, range.upperBound], sessionID: session.id,
            sampleCount: session.sampleCount, neuronCount: session.neuronCount,
            trainingSeconds: Double(t1 - t0) / 1e9, evaluationSeconds: Double(t2 - t1) / 1e9,
            finalTrainingLoss: trainer.records.last?.objectives.map(\.loss) ?? [],
            embeddingFile: "\(job.name).embedding.npy", xcebraVersion: ToolkitVersion.string)
        try Self.writeAtomically(Data(NPY.encode(embedding.scalars.map(Double.init), shape: embedding.shape, dtype: "<f4")),
                                 to: embeddingPath(job))
        try Self.writeAtomically(try Self.encoder.encode(result), to: resultPath(job))
        progress?(config.steps, .finished, last)
        return result
    }

    /// The held-out embedding `[H, d]` a run recorded.
    public func embedding(_ result: SweepRunResult) throws -> Tensor {
        let path = runsDirectory + "/" + result.embeddingFile
        let a: NumericArray
        do { a = try NPY.read(path) } catch {
            throw DimensionalityError.incompatibleResult(file: path, reason: "cannot be read (\(error)); delete \(resultPath(result.job)) to redo the run")
        }
        guard a.shape.count == 2, a.shape[1] == result.configuration.outputDimension else {
            throw DimensionalityError.incompatibleResult(file: path, reason: "has shape \(a.shape), expected [H, \(result.configuration.outputDimension)]")
        }
        return Tensor(shape: a.shape, scalars: a.values.map(Float.init))
    }

    static var encoder: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys]
        e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return e
    }

    static var decoder: JSONDecoder {
        let d = JSONDecoder()
        d.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return d
    }

    static func writeAtomically(_ data: Data, to path: String) throws {
        let tmp = AtomicFile.temporaryPath(for: path)
        guard FileManager.default.createFile(atPath: tmp, contents: data) else {
            throw RecordingError(.writeFailed, file: path, "cannot write the temporary file \(tmp)")
        }
        try AtomicFile.moveIntoPlace(tmp, path)
    }
}

/// Hands the sweep and the caller's progress closure to the worker threads of
/// `DimensionSweep.run(shard:workers:progress:)`: the sweep's state is immutable and every
/// progress call is made under the run's lock, so sharing them is safe.
private struct UncheckedBox: @unchecked Sendable {
    let sweep: DimensionSweep
    let progress: ((SweepProgress) -> Void)?
    init(_ sweep: DimensionSweep, _ progress: ((SweepProgress) -> Void)?) {
        self.sweep = sweep
        self.progress = progress
    }
}
