import Foundation
import Tensors

// xcebra-bench: on-demand performance measurements (never run by the test suite).
//
//   swift run -c release xcebra-bench [suite ...] [--out DIR]
//
// Suites (README, "Benchmarks"): foundation (default), ops, training, step, sampling, regularizer,
// attribution, dimensionality, baselines, timeseries, recordings, simulation. Each writes DIR/<suite>.json (default DIR: Benchmarks/results)
// with the machine, library versions and every figure.

var suites: [String] = []
var outDir = "Benchmarks/results"
var args = CommandLine.arguments.dropFirst()
while let a = args.popFirst() {
    if a == "--out", let d = args.popFirst() { outDir = d } else { suites.append(a) }
}
if suites.isEmpty { suites = ["foundation"] }

NumericRuntime.configure(threads: 1)
let registry: [String: () throws -> [String: Any]] = [
    "foundation": runFoundationBenchmarks,
    "ops": runOpMicroBenchmarks,
    "training": runTrainingBenchmarks,
    "regularizer": runRegularizerComparison,
    "step": runStepBenchmark,
    "sampling": runSamplingBenchmarks,
    "recordings": { runRecordingsBenchmarks() },
    "simulation": { runSimulationBenchmarks() },
    "attribution": runAttributionBenchmarks,
    "dimensionality": runDimensionalityBenchmarks,
    "baselines": runBaselineBenchmarks,
    "timeseries": runTimeSeriesExplainerBenchmarks,
]
try FileManager.default.createDirectory(atPath: outDir, withIntermediateDirectories: true)
for s in suites {
    guard let run = registry[s] else {
        FileHandle.standardError.write(Data("error: unknown suite '\(s)'; available: \(registry.keys.sorted().joined(separator: ", "))\n".utf8))
        exit(2)
    }
    var results: [String: Any]
    do {
        results = try run()
    } catch {
        FileHandle.standardError.write(Data("error: suite '\(s)': \(error)\n".utf8))
        exit(2)
    }
    results["suite"] = s
    results["machine"] = BenchmarkEnvironment.describe()
    let data = try JSONSerialization.data(withJSONObject: jsonSafe(results), options: [.prettyPrinted, .sortedKeys])
    let path = "\(outDir)/\(s).json"
    try data.write(to: URL(fileURLWithPath: path + ".tmp"))
    _ = rename(path + ".tmp", path)
    print("wrote \(path)")
}
