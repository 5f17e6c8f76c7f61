import ArgumentParser
import Foundation
import Recordings

/// `xcebra inspect FILE`: what a reader finds in a recording, and what it would pick by default.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Summarise a recording (NWB, HDF5, .npy/.npz, CSV, Suite2p or Kilosort/Phy folder).")

    @Argument(help: "The file or folder to inspect.")
    var path: String

    @Flag(help: "Show raw library diagnostics (HDF5 error stack) on errors.")
    var verbose = false

    func run() throws {
        do {
            print(try RecordingSummary.describe(path))
        } catch {
            var message = error.description
            if verbose, let detail = error.detail { message += "\n" + detail }
            printError(message)
            throw ExitCode(2)
        }
    }

    private func printError(_ s: String) {
        FileHandle.standardError.write(Data((s + "\n").utf8))
    }
}
