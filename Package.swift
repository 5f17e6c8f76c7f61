// swift-tools-version: 6.1
// xcebra: which neurons carry which behaviour, with guarantees.
import PackageDescription

/// Release builds: AVX2+FMA code generation and cross-module optimisation, so that generic
/// and `@inlinable` kernels in `Tensors` specialise in their callers (see docs in README).
let releaseFlags: [SwiftSetting] = [
    .unsafeFlags(["-cross-module-optimization"], .when(configuration: .release)),
    .unsafeFlags(["-target-cpu", "haswell"], .when(platforms: [.linux], configuration: .release)),
]

let package = Package(
    name: "xcebra",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "xcebra", targets: ["xcebra"]),
        .library(name: "Tensors", targets: ["Tensors"]),
        .library(name: "NeuralNetworks", targets: ["NeuralNetworks"]),
        .library(name: "Recordings", targets: ["Recordings"]),
        .library(name: "Simulation", targets: ["Simulation"]),
        .library(name: "Contrastive", targets: ["Contrastive"]),
        .library(name: "Reports", targets: ["Reports"]),
        .library(name: "Attribution", targets: ["Attribution"]),
        .library(name: "Dimensionality", targets: ["Dimensionality"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // YAML configuration files (users asked for config files; YAML ⊃ JSON, decodes Codable directly).
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // System libraries (Debian: libopenblas-dev liblapacke-dev libhdf5-dev libfftw3-dev).
        .systemLibrary(name: "COpenBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CLAPACKE", pkgConfig: "lapacke", providers: [.apt(["liblapacke-dev"])]),
        .systemLibrary(name: "CHDF5", pkgConfig: "hdf5", providers: [.apt(["libhdf5-dev"])]),
        .systemLibrary(name: "CFFTW", pkgConfig: "fftw3", providers: [.apt(["libfftw3-dev"])]),

        // One inline C function: the prefetch hint Swift lacks (k-d tree batched search).
        .target(name: "CPrefetch"),

        .target(name: "Tensors", dependencies: ["COpenBLAS", "CLAPACKE", "CFFTW"], swiftSettings: releaseFlags),
        .target(name: "NeuralNetworks", dependencies: ["Tensors"], swiftSettings: releaseFlags),
        .target(
            name: "Recordings",
            dependencies: ["Tensors", "CHDF5", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: releaseFlags),
        .target(name: "Simulation", dependencies: ["Tensors", "Recordings"], swiftSettings: releaseFlags),
        .target(
            name: "Contrastive", dependencies: ["Tensors", "NeuralNetworks", "Recordings", "CPrefetch", .product(name: "Yams", package: "Yams")],
            swiftSettings: releaseFlags),
        .target(name: "Reports", dependencies: ["Tensors"], swiftSettings: releaseFlags),
        .target(name: "Attribution", dependencies: ["Tensors", "NeuralNetworks", "Recordings", "Contrastive"], swiftSettings: releaseFlags),
        .target(
            name: "Dimensionality", dependencies: ["Tensors", "NeuralNetworks", "Recordings", "Contrastive", "Reports"],
            swiftSettings: releaseFlags),
        .target(
            name: "Pipeline",
            dependencies: ["Tensors", "NeuralNetworks", "Recordings", "Simulation", "Contrastive", "Attribution", "Dimensionality", "Reports"],
            swiftSettings: releaseFlags),
        .executableTarget(
            name: "xcebra",
            dependencies: [
                "Tensors", "NeuralNetworks", "Recordings", "Simulation", "Contrastive", "Attribution", "Dimensionality", "Reports", "Pipeline",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: releaseFlags),
        .target(name: "CMallocCounter", path: "Benchmarks/CMallocCounter"),
        .executableTarget(
            name: "xcebra-bench",
            dependencies: ["Tensors", "NeuralNetworks", "Contrastive", "Recordings", "Simulation", "Attribution", "Dimensionality", "COpenBLAS", "CMallocCounter"],
            path: "Benchmarks/Sources", swiftSettings: releaseFlags),

        .testTarget(name: "TensorsTests", dependencies: ["Tensors"]),
        .testTarget(name: "NeuralNetworksTests", dependencies: ["NeuralNetworks", "Tensors"]),
        .testTarget(name: "ContrastiveTests", dependencies: ["Contrastive", "NeuralNetworks", "Recordings", "Simulation", "Tensors"]),
        .testTarget(
            name: "RecordingsTests", dependencies: ["Recordings", "Tensors"],
            resources: [.copy("Fixtures")]),
        .testTarget(name: "SimulationTests", dependencies: ["Simulation", "Recordings", "Tensors"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Tensors"]),
        .testTarget(name: "PipelineTests", dependencies: ["Pipeline", "Recordings", "Tensors"]),
        // Runs the shell blocks of notebooks-md/*.md against the built `xcebra` executable.
        .testTarget(name: "NotebookTests", dependencies: ["xcebra"]),
        .testTarget(name: "AttributionTests", dependencies: ["Attribution", "Contrastive", "NeuralNetworks", "Recordings", "Simulation", "Tensors"]),
        .testTarget(
            name: "DimensionalityTests",
            dependencies: ["Dimensionality", "Contrastive", "NeuralNetworks", "Recordings", "Simulation", "Tensors"]),
    ]
)
