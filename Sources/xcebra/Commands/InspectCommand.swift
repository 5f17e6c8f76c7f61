import ArgumentParser
import Foundation
import Recordings

/// `xcebra inspect FILE`: what a reader finds in a recording, and what it would pick by default.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Summarise a recording (NWB, HDF5, .npy/.npz, CSV, Suite2p or Kilosort/Phy folder).")

    @Argument(help: "The file or folder to inspect; FILE:KEY names an array in an .npz, .h5 or .mat file.")
    var path: String

    @Option(help: "NWB: neural object to use (path or name of a Units table, RoiResponseSeries or TimeSeries).")
    var neural: String?

    @Option(help: "Array inputs: behaviour FILE[:KEY], or KEY inside the neural file.")
    var behavior: String?

    @Option(help: "Array inputs: behaviour columns to keep, comma-separated 0-based indices.")
    var columns: String?

    @Option(help: "Array inputs: behaviour variable names, comma-separated (one per column, or one for all).")
    var names: String?

    @Option(help: "Array inputs: sample rate in Hz.")
    var fs: Double?

    @Option(help: "Array inputs: timestamps FILE[:KEY] or KEY inside the neural file (seconds).")
    var timestamps: String?

    @Option(help: "Array inputs: which axis of the neural array is time (0 = rows, 1 = columns).")
    var timeAxis: Int?

    @Flag(help: "Show raw library diagnostics (HDF5 error stack) on errors.")
    var verbose = false

    func run() throws {
        do {
            var options = SessionLoader.Options()
            options.neural = neural
            options.arrays.behaviour = behavior
            options.arrays.behaviourColumns = try columns.map(Self.indices)
            options.arrays.behaviourNames = names?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            options.arrays.sampleRate = fs
            options.arrays.timestamps = timestamps
            options.arrays.timeAxis = timeAxis
            print(try RecordingSummary.describe(path, options: options))
        } catch {
            var message = error.description
            if verbose, let detail = error.detail { message += "\n" + detail }
            printError(message)
            throw ExitCode(2)
        }
    }

    static func indices(_ text: String) throws(RecordingError) -> [Int] {
        var out: [Int] = []
        for part in text.split(separator: ",") {
            guard let i = Int(part.trimmingCharacters(in: .whitespaces)), i >= 0 else {
                throw RecordingError(.invalidArgument, file: "--columns", "'\(part)' is not a column index", hint: "give 0-based indices like 0,2")
            }
            out.append(i)
        }
        return out
    }

    private func printError(_ s: String) {
        FileHandle.standardError.write(Data((s + "\n").utf8))
    }
}
