import ArgumentParser
import Foundation
import Recordings
import Simulation

/// How a command gets its session: a file or folder, or a built-in simulation.
struct SessionOptions: ParsableArguments {
    @Argument(help: ArgumentHelp(
        "A recording (NWB file, Suite2p plane folder, Kilosort/Phy folder), or `arena` / `benchmark` for a built-in simulation.",
        discussion: "`arena` simulates the four-cell-types RatInABox-style session (position, head_direction, speed); `benchmark` the xCEBRA synthetic benchmark (behaviour z1, z2)."))
    var session: String

    @Option(name: .customLong("neural"), help: "NWB: path or name of the neural series to use instead of the default.")
    var neuralSeries: String?

    @Option(help: "Spike bin width in seconds (spike data).")
    var binWidth = 0.025

    @Option(help: "Suite2p: frame rate in Hz when ops.npy has none.")
    var fs: Double?

    @Option(help: "Built-in simulations: duration in seconds (arena) or number of samples (benchmark).")
    var simulationSize: Double?

    func load(seed: UInt64) throws -> Session {
        switch session {
        case "arena":
            var c = FourCellTypesDemo.Configuration()
            c.seed = seed
            if let d = simulationSize { c.duration = d }
            return try FourCellTypesDemo.generate(c)
        case "benchmark":
            var c = SyntheticBenchmark.Configuration()
            c.seed = seed
            if let n = simulationSize { c.sampleCount = Int(n) }
            return try SyntheticBenchmark.generate(c).session
        default:
            var o = SessionLoader.Options()
            o.neural = neuralSeries
            o.frameRate = fs
            o.preprocessing.binWidth = binWidth
            return try SessionLoader.load(session, options: o)
        }
    }
}
