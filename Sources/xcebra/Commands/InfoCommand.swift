import ArgumentParser
import Tensors

struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Print the toolkit version and the numeric libraries it runs on.")

    func run() throws {
        NumericRuntime.configure(threads: 1)
        print("xcebra \(ToolkitVersion.string)")
        print("BLAS: \(NumericRuntime.blasDescription), threads \(NumericRuntime.blasThreads)")
        print("LAPACK: \(NumericRuntime.lapackDescription)")
        print("FFTW: \(NumericRuntime.fftwDescription)")
    }
}
