import Foundation
import Recordings
import Tensors

/// Recordings benchmarks (issue 3): HDF5 float32 read throughput, spike binning time, smoothing time.
/// Returns figures keyed by name: "hdf5_read_MBps", "hdf5_read_s", "bin_10M_spikes_s", "smooth_1000x<T>_s".
/// Sizes: a 1,000,000 × 1,000 float32 dataset (4 GB, written once to the temporary directory and removed),
/// 10⁷ spikes from 1,000 units over 1,000 s binned at 10 ms. Override the dataset rows with
/// XCEBRA_BENCH_H5_ROWS (e.g. 100000) and the smoothing length with XCEBRA_BENCH_SMOOTH_SAMPLES on small machines.
func runRecordingsBenchmarks() -> [String: Double] {
    var results: [String: Double] = [:]
    let rows = ProcessInfo.processInfo.environment["XCEBRA_BENCH_H5_ROWS"].flatMap(Int.init) ?? 1_000_000
    let columns = 1_000
    let path = NSTemporaryDirectory() + "xcebra-bench-\(UUID().uuidString).h5"
    do {
        var values = [Float](repeating: 0, count: rows * columns)
        for i in stride(from: 0, to: values.count, by: 4099) { values[i] = Float(i % 1000) }
        try HDF5ArrayWriter.write([.init(path: "/data", shape: [rows, columns], values: values)], to: path)
        values = []
        let start = Date()
        let read = try HDF5File.open(path).dataset("/data").readFloats()
        let seconds = Date().timeIntervalSince(start)
        precondition(read.values.count == rows * columns)
        results["hdf5_read_s"] = seconds
        results["hdf5_read_MBps"] = Double(rows * columns * 4) / 1e6 / seconds
    } catch {
        print("hdf5 benchmark failed: \(error)")
    }
    try? FileManager.default.removeItem(atPath: path)

    // 10⁷ spikes: 1,000 units × 10,000 sorted times in [0, 1000) s (deterministic LCG).
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    let trains: [[Double]] = (0..<1_000).map { _ in
        (0..<10_000).map { _ -> Double in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53) * 1_000
        }.sorted()
    }
    let start = Date()
    let counts = SpikeBinning.counts(trains, start: 0, binWidth: 0.01, binCount: 100_000)
    results["bin_10M_spikes_s"] = Date().timeIntervalSince(start)
    precondition(counts.shape == [100_000, 1_000])

    // Gaussian smoothing (σ = 2 samples, FFT overlap-add) of 1,000 neurons × 10⁶ samples (4 GB in, 4 GB out).
    let samples = ProcessInfo.processInfo.environment["XCEBRA_BENCH_SMOOTH_SAMPLES"].flatMap(Int.init) ?? 1_000_000
    let activity = Tensor(shape: [samples, 1_000]) { buffer in
        for i in buffer.indices { buffer[i] = Float(i % 7) }
    }
    let smoothStart = Date()
    if let smoothed = try? Smoothing.gaussian(activity, sigmaSamples: 2) {
        results["smooth_1000x\(samples)_s"] = Date().timeIntervalSince(smoothStart)
        precondition(smoothed.shape == activity.shape)
    }
    return results
}
