import ArgumentParser
import Tensors

@main
struct Xcebra: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "xcebra",
        abstract: "Which neurons carry which behaviour: xCEBRA training, dimensionality and attribution.",
        discussion: """
            xcebra loads recording sessions (NWB, HDF5, .npy/.npz, Suite2p, Kilosort/Phy, CSV) or simulates \
            ground truth, trains a hybrid contrastive encoder whose embedding has behaviour- and time-contrastive \
            slices, and attributes each behaviour variable to neurons with the Inverted Neuron Gradient.

            Start with `xcebra demo --out demo-out`, which runs the whole pipeline on a built-in simulated \
            session. Every command takes --seed; the same seed and thread count give the same results.
            """,
        version: "xcebra \(ToolkitVersion.string)",
        subcommands: [DemoCommand.self, SimulateCommand.self, InspectCommand.self, TrainCommand.self, AttributeCommand.self, CompareCommand.self, DimensionsCommand.self, ReportCommand.self, BatchCommand.self, InfoCommand.self]
    )
}
