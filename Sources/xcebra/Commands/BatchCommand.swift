import ArgumentParser
import Foundation
import Pipeline
import Recordings

struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Report many sessions listed in a manifest; shardable across processes or SLURM array tasks.",
        discussion: """
            MANIFEST is a CSV file with a header. Column `session` is required (a recording path, relative to the \
            manifest, or arena/benchmark); optional columns: id, variables (`;`-separated), steps, seed, samples, simulation_size, \
            config, bin_width, neural, fs, estimate_dimensions (e.g. 1...6), dimension_seeds, sweep_steps, \
            consistency_seeds, knn_neighbours (see `xcebra report --help`).

            Each session is written to OUT/<id>/ (computed in a hidden partial folder and renamed when complete, so \
            killed runs leave nothing half-written); sessions already done are skipped, failures are recorded in \
            OUT/<id>.failed.json and do not stop the others. --shard i/n processes every n-th session starting at \
            the i-th. After all shards finish, `--collect` writes OUT/summary.csv and OUT/index.html.

            SLURM: see scripts/slurm-batch.sh (one array task per shard).
            """)

    @Argument(help: "Manifest CSV.") var manifest: String
    @Option(help: "Output folder shared by all shards.") var out: String
    @Option(help: "This process's shard, i/n (1-based).") var shard: String?
    @Flag(help: "Merge the finished sessions into OUT/summary.csv and OUT/index.html (no computing).") var collect = false
    @OptionGroup var global: GlobalOptions

    func run() throws {
        try reportingUserErrors(verbose: global.verbose) {
            global.configureRuntime()
            let m: BatchManifest
            let output = URL(fileURLWithPath: out)
            do { m = try BatchManifest.read(manifest) } catch let e as BatchError { throw ValidationError(e.description) }
            if collect {
                let c = try BatchCollector.write(manifest: m, output: output)
                say("collected \(c.sessions) sessions (\(c.failed) failed, \(c.missing) not run): \(output.path)/summary.csv, \(output.path)/index.html")
                return
            }
            let part: Shard
            do { part = try shard.map { try Shard($0) } ?? .all } catch let e as BatchError { throw ValidationError(e.description) }
            let runner = BatchRunner(manifest: m, output: output, shard: part)
            say("shard \(part): \(runner.assigned.count) of \(m.entries.count) sessions")
            let outcomes = try runner.run(progress: { entry, outcome in
                switch outcome {
                case .done: say("\(entry.id): done")
                case .skipped: say("\(entry.id): already done, skipped")
                case .failed(let e): printError("error: \(entry.id) failed: \(e)")
                }
            }) { entry, folder in
                try BatchCommand.process(entry, into: folder, defaultSeed: global.seed)
            }
            let failed = outcomes.values.filter { if case .failed = $0 { return true } else { return false } }.count
            say("shard \(part) finished: \(outcomes.count - failed) ok, \(failed) failed")
            if failed > 0 { throw ExitCode(1) }
        }
    }

    static func process(_ entry: BatchManifest.Entry, into folder: URL, defaultSeed: UInt64) throws {
        let o = entry.options
        let seed = o["seed"].flatMap(UInt64.init) ?? defaultSeed
        var args = [entry.session]
        if let v = o["neural"] { args += ["--neural", v] }
        if let v = o["bin_width"] { args += ["--bin-width", v] }
        if let v = o["fs"] { args += ["--fs", v] }
        if let v = o["simulation_size"] { args += ["--simulation-size", v] }
        let input = try SessionOptions.parse(args)
        var pipelineArgs: [String] = []
        if let v = o["variables"] { pipelineArgs += ["--variables", v.replacingOccurrences(of: ";", with: ",")] }
        if let v = o["steps"] { pipelineArgs += ["--steps", v] }
        if let v = o["samples"] { pipelineArgs += ["--samples", v] }
        if let v = o["config"] { pipelineArgs += ["--config", v] }
        for (column, flag) in [("estimate_dimensions", "--estimate-dimensions"), ("dimension_seeds", "--dimension-seeds"),
                               ("sweep_steps", "--sweep-steps"), ("consistency_seeds", "--consistency-seeds"),
                               ("knn_neighbours", "--knn-neighbours")] {
            if let v = o[column] { pipelineArgs += [flag, v.replacingOccurrences(of: ";", with: ",")] }
        }
        let pipeline = try PipelineArguments.parse(pipelineArgs)
        let session = try input.load(seed: seed)
        let result = try SessionPipeline.run(session: session, options: try pipeline.options(seed: seed), output: folder)
        say("\(entry.id): \(result.attribution.scores.map { "\($0.variable) top \(session.neurons[$0.order[0]].id)" }.joined(separator: ", "))")
    }
}
