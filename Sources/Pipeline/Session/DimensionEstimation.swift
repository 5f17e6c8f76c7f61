import Contrastive
import Dimensionality
import Foundation
import Recordings

/// Chooses the size of every behaviour block before the report's final training (xcebra.md §8).
///
/// The blocks are swept one after another in objective order, a coordinate-wise search: the
/// block of behaviour objective k is resized over the candidates with the blocks swept before it
/// at their chosen sizes and the later ones at the recipe's, each (d′, seed) is trained and its
/// held-out goodness of fit measured (`DimensionSweep`), and the slice's recommended rule picks d′
/// (`SweepPlan.recommendedFit`: the calibrated GoF, with the band rule for the Euclidean blocks
/// of the per-variable recipe and the elbow for cosine ones).
/// Sweeping each block on its own costs blocks × candidates × seeds runs; one shared size for
/// all blocks would cost candidates × seeds, but the variables of a session need different
/// sizes (position 2–3, an angle 2, speed 1), which is what the per-variable recipe is for.
///
/// Every sweep lives in `OUT/dimensions/<variables>/` (resumable: a rerun with the same settings
/// reuses the finished runs; a folder left by other settings is replaced) with its
/// `dimensions.{csv,json,svg}`. Objectives that do not own a disjoint block (e.g. two
/// objectives on one slice) keep their size and are reported in the warnings.
enum DimensionEstimation {
    struct Outcome {
        /// `base` with every swept block at its chosen size.
        var configuration: TrainingConfiguration
        var sweeps: [BlockSweep]
        /// The last sweep: its runs at the chosen size are the final configuration (up to the
        /// steps), which `SeedConsistency` reuses.
        var lastSweep: DimensionSweep?
        var warnings: [String]
    }

    /// - Parameters:
    ///   - base: the final training configuration (held-out fraction set).
    ///   - sweepBase: the same recipe with the sweep's steps (equal to `base` by default).
    static func run(base: TrainingConfiguration, sweepBase: TrainingConfiguration, session: Session, candidates: [Int], seeds: [UInt64],
                    evaluationBatches: Int, evaluationSeed: UInt64, output: URL, log: (String) -> Void) throws -> Outcome {
        var final = base, sweeping = sweepBase
        sweeping.logEvery = max(sweeping.steps, 1)
        var sweeps: [BlockSweep] = [], warnings: [String] = [], last: DimensionSweep?
        for (k, objective) in base.objectives.enumerated() where !objective.isTimeContrastive {
            let plan = SweepPlan(base: sweeping, slice: .behaviour, dimensions: candidates, seeds: seeds,
                                 evaluationBatches: evaluationBatches, evaluationSeed: evaluationSeed, criterion: k)
            do { _ = try plan.sweptBlock() } catch let e as DimensionalityError {
                warnings.append("dimensionality: objective \(objective.name) keeps its size: \(e.description)")
                continue
            }
            let variables = objective.positives.variables
            let name = variables.joined(separator: "+")
            let relative = "dimensions/" + name.map { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "+" ? String($0) : "_" }.joined()
            let folder = output.appendingPathComponent(relative).path
            let sweep: DimensionSweep
            do { sweep = try DimensionSweep(plan: plan, session: session, directory: folder) } catch DimensionalityError.incompatibleResult {
                // a sweep of earlier settings (other recipe, steps or earlier blocks' choices): start over
                try FileManager.default.removeItem(atPath: folder)
                sweep = try DimensionSweep(plan: plan, session: session, directory: folder)
            }
            let pending = try sweep.pendingJobs()
            log("dimensionality of \(name): d′ ∈ \(candidates) × seeds \(seeds), \(sweeping.steps) steps per run "
                + "(\(plan.jobs.count - pending.count) of \(plan.jobs.count) runs already done)")
            let measure = try plan.recommendedFit().measure
            for job in pending {
                let r = try sweep.run(job)
                log(String(format: "  %@ d′ = %d seed %llu: %.3f bits held out (%@ GoF; %.1f s)", name, job.dimension, job.seed,
                           r.bits(measure, objective: r.criterionObjective), measure.rawValue, r.trainingSeconds))
            }
            let summary = try SweepSummary.collect(sweep)
            try SweepReport.write(summary, to: folder)
            let recipeDimension = objective.stop - objective.start
            let entry = BlockSweep(variables: variables, objective: k, recipeDimension: recipeDimension, summary: summary, directory: relative)
            log("  \(name): d′ = \(entry.chosenDimension) (recipe: \(recipeDimension))")
            sweeps.append(entry)
            sweeping = try plan.configuration(dimension: entry.chosenDimension, seed: sweeping.seed).configuration
            final = try SweepPlan(base: final, slice: .behaviour, dimensions: [entry.chosenDimension], seeds: [final.seed], criterion: k)
                .configuration(dimension: entry.chosenDimension, seed: final.seed).configuration
            last = sweep
        }
        if sweeps.isEmpty { warnings.append("dimensionality: no behaviour objective owns a disjoint block; nothing was swept") }
        return Outcome(configuration: final, sweeps: sweeps, lastSweep: last, warnings: warnings)
    }
}
