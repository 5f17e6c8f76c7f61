import ArgumentParser
import Foundation
import Pipeline
import Simulation

/// The built-in default job: a simulated RatInABox-style session with place, grid,
/// head-direction and speed cells, run through the whole report pipeline.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Simulate a session with four cell types and write its full report (no user data needed).",
        discussion: """
            Simulates an agent in a 1 m box (RatInABox's motion model) with 25 place, 25 grid, 25 head-direction \
            and 25 speed cells, Poisson spikes binned at 100 ms, then trains, decodes and attributes position, \
            head direction and speed to neurons. The report shows whether each cell type was attributed to its \
            own variable, with the ground truth outlined.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var pipeline: PipelineArguments

    @Option(help: "Simulated duration in seconds.") var duration = 2_000.0
    @Option(help: "Cells of each type.") var cellsPerType = 25
    @Option(help: "Output folder (an existing demo report is replaced).") var out = "demo-out"

    func run() throws {
        try reportingUserErrors(verbose: global.verbose) {
            global.configureRuntime()
            var c = FourCellTypesDemo.Configuration()
            c.seed = global.seed
            c.duration = duration
            c.cellsPerType = cellsPerType
            say("simulating \(4 * cellsPerType) cells for \(Int(duration)) s (seed \(global.seed))")
            let session = try FourCellTypesDemo.generate(c)
            try ReportCommand.produce(session: session, options: try pipeline.options(seed: global.seed),
                                      output: URL(fileURLWithPath: out))
        }
    }
}
