import ArgumentParser
import Contrastive
import Dimensionality
import Foundation
import NeuralNetworks
import Recordings

/// Runs a command body and turns input and configuration problems into one line on stderr
/// (`error: …`) with exit code 2, as the data-formats spec asks; anything else is an internal
/// error (exit 1). `--verbose` adds library detail (HDF5 error stacks).
func reportingUserErrors(verbose: Bool, _ body: () throws -> Void) throws {
    do {
        try body()
    } catch let e as RecordingError {
        printError(e.description + (verbose ? e.detail.map { "\n\($0)" } ?? "" : ""))
        throw ExitCode(2)
    } catch let e as ConfigurationError {
        printError("error: \(e.description)")
        throw ExitCode(2)
    } catch let e as TrainingError {
        printError("error: \(e.description)")
        throw ExitCode(2)
    } catch let e as CheckpointError {
        printError("error: \(e.description)")
        throw ExitCode(2)
    } catch let e as DimensionalityError {
        // e.g. a held-out part too small for one batch of the sweep's goodness of fit
        printError("error: \(e.description)")
        throw ExitCode(2)
    } catch let e as ValidationError {
        throw e
    } catch let e as ExitCode {
        throw e
    } catch {
        printError("error: internal error: \(error)")
        throw ExitCode(1)
    }
}

func printError(_ message: String) {
    let line = message.hasPrefix("error:") || message.hasPrefix("warning:") ? message : "error: \(message)"
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// A line on stdout, written at once (stdout is block-buffered when piped; progress goes to
/// stderr, and the two must interleave in order in logs).
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
