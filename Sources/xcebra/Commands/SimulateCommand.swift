import ArgumentParser
import Foundation
import Simulation
import Tensors

/// `xcebra simulate benchmark|arena`: simulated recordings with known ground truth.
///
/// Output by extension: `--out FILE.nwb` writes NWB 2.x (Units or ophys, behaviour, and the ground truth
/// as the DynamicTable /analysis/ground_truth; `xcebra inspect` and every loader read it back);
/// `--out FILE.csv` writes tidy CSV (one row per sample, plus `FILE.neurons.csv` with each neuron's cell
/// type, encoded variables and tuning).
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Simulate recordings whose neuron-to-behaviour map is known.",
        subcommands: [Benchmark.self, Arena.self])

    enum Output { case csv, nwb }

    static func checkOutput(_ path: String) throws -> Output {
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "nwb": return .nwb
        case "csv": return .csv
        default: throw ValidationError("--out \(path): expected a .nwb or .csv file name")
        }
    }

    struct Benchmark: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The xCEBRA synthetic benchmark: latent random walks mixed by injective MLPs (xcebra.md §9).")

        @Option(help: "Number of samples T.") var samples = 100_000
        @Option(help: "Comma-separated latent group dimensions (z1,z2,...).") var latentDims = "3,3"
        @Option(help: "Neurons per group; group i reads latent groups 1...i.") var neuronsPerGroup = 25
        @Option(help: "Random-walk step standard deviation.") var stepStd = 0.1
        @Option(help: "Observation noise standard deviation.") var noise = 0.0
        @Flag(help: "Start the latent walks at U(-1,1) instead of 0.") var uniformStart = false
        @Option(help: "Seed.") var seed: UInt64 = 0
        @Option(help: "Output file (.nwb or .csv).") var out: String

        func run() throws {
            let format = try SimulateCommand.checkOutput(out)
            let dims = latentDims.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard !dims.isEmpty, dims.count == latentDims.split(separator: ",").count else {
                throw ValidationError("--latent-dims \(latentDims): expected comma-separated positive integers")
            }
            var c = SyntheticBenchmark.Configuration.cumulative(groups: dims.count, neuronsPerGroup: neuronsPerGroup)
            c.latentDimensions = dims
            c.sampleCount = samples
            c.stepStd = stepStd
            c.observationNoise = noise
            c.uniformStart = uniformStart
            c.seed = seed
            let r = try SyntheticBenchmark.generate(c)
            switch format {
            case .csv: try writeSessionCSV(r.session, to: out)
            case .nwb: try SimulationNWB.write(r, to: out)
            }
            print("wrote \(out): \(r.session.sampleCount) samples x \(r.session.neuronCount) neurons, latents \(r.latentNames.joined(separator: " "))")
        }
    }

    struct Arena: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "RatInABox-style foraging in a 1 m box with grid, head-direction, place and speed cells.")

        @Option(help: "Duration in seconds.") var duration = 2_000.0
        @Option(help: "Simulation step in seconds.") var dt = 0.01
        @Option(help: "Output bin width in seconds (a multiple of dt).") var binWidth = 0.1
        @Option(help: "Cells of each of the four types.") var cellsPerType = 25
        @Option(help: "Spike model: poisson or bernoulli (RatInABox's).") var spikeModel = "poisson"
        @Option(help: "Calcium imaging instead of spikes: gcamp6f or gcamp6s (ΔF/F from the spikes).") var calcium: String?
        @Option(help: "Calcium frame rate in Hz.") var frameRate = 30.0
        @Option(help: "Calcium single-spike peak over noise std.") var snr = 5.0
        @Option(help: "Seed.") var seed: UInt64 = 0
        @Option(help: "Output file (.nwb or .csv).") var out: String

        func run() throws {
            let format = try SimulateCommand.checkOutput(out)
            guard let model = SpikeModel(rawValue: spikeModel) else {
                throw ValidationError("--spike-model \(spikeModel): expected poisson or bernoulli")
            }
            var c = FourCellTypesDemo.Configuration()
            c.duration = duration
            c.dt = dt
            c.binWidth = binWidth
            c.cellsPerType = cellsPerType
            c.spikeModel = model
            c.seed = seed
            if let calcium {
                let indicators: [String: CalciumIndicator] = ["gcamp6f": .gcamp6f, "gcamp6s": .gcamp6s]
                guard let indicator = indicators[calcium.lowercased()] else {
                    throw ValidationError("--calcium \(calcium): expected gcamp6f or gcamp6s")
                }
                guard frameRate > 0, frameRate.isFinite else { throw ValidationError("--frame-rate \(frameRate): expected a positive rate in Hz") }
                guard snr > 0 else { throw ValidationError("--snr \(snr): expected a positive ratio") }
                c.calcium = CalciumImaging(indicator: indicator, frameRate: frameRate, snr: snr)
            }
            let r = try FourCellTypesDemo.simulate(c)
            let s = r.session
            switch format {
            case .csv: try writeSessionCSV(s, to: out)
            case .nwb: try SimulationNWB.write(r, to: out)
            }
            if c.calcium != nil {
                print("wrote \(out): \(s.sampleCount) frames at \(frameRate) Hz x \(s.neuronCount) ROIs (\(calcium ?? ""))")
            } else {
                print("wrote \(out): \(s.sampleCount) bins of \(binWidth) s x \(s.neuronCount) neurons")
            }
        }
    }
}
