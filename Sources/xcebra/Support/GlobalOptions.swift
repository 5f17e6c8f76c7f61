import ArgumentParser
import Tensors

/// Options every computing subcommand shares.
struct GlobalOptions: ParsableArguments {
    @Option(help: "Seed for every random choice (same seed and threads ⇒ same results).")
    var seed: UInt64 = 0

    @Option(help: ArgumentHelp("BLAS threads.", discussion: "1 is reproducible and usually fastest for these sizes; batch sessions across processes instead."))
    var threads: Int = 1

    @Flag(help: "Print full error details (HDF5 error stacks, internal errors).")
    var verbose = false

    func configureRuntime() {
        NumericRuntime.configure(threads: threads)
    }
}
