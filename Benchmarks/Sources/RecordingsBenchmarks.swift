import Foundation
import Recordings
import Tensors

/// Recordings benchmarks (issue 3): HDF5 float32 read throughput, spike binning time, smoothing time.
/// Returns figures keyed by name: "hdf5_read_MBps", "hdf5_read_s", "bin_10M_spikes_s", "smooth_1000x<T>_s" (automatic
/// method), "smooth_direct_sigma<σ>_1000x<T>_s" / "smooth_fft_sigma<σ>_1000x<T>_s" (both methods at σ = 2 and 10 samples),
/// "dff_100x100000_s" (running 10th percentile over 1,800 frames, Fenwick tree) and "dff_sorted_window_100x100000_s" (the
/// O(T·w) reference), "npy_decode_MBps" (100 MB of <f4 parsed from memory).
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

    // Gaussian smoothing of 1,000 neurons × T samples (4 GB in, 4 GB out at T = 10⁶): automatic choice at σ = 2,
    // then both methods at σ = 2 and σ = 10 on a tenth of the length.
    let samples = ProcessInfo.processInfo.environment["XCEBRA_BENCH_SMOOTH_SAMPLES"].flatMap(Int.init) ?? 1_000_000
    do {
        let activity = Tensor(shape: [samples, 1_000]) { buffer in
            for i in buffer.indices { buffer[i] = Float(i % 7) }
        }
        let smoothStart = Date()
        if let smoothed = try? Smoothing.gaussian(activity, sigmaSamples: 2) {
            results["smooth_1000x\(samples)_s"] = Date().timeIntervalSince(smoothStart)
            precondition(smoothed.shape == activity.shape)
        }
    }
    let short = max(samples / 10, 1_000)
    let shortActivity = Tensor(shape: [short, 1_000]) { buffer in
        for i in buffer.indices { buffer[i] = Float(i % 11) }
    }
    for sigma in [2.0, 10.0] {
        for method in [Smoothing.Method.direct, .fft] {
            let start = Date()
            _ = try? Smoothing.gaussian(shortActivity, sigmaSamples: sigma, method: method)
            results["smooth_\(method.rawValue)_sigma\(Int(sigma))_1000x\(short)_s"] = Date().timeIntervalSince(start)
        }
    }

    // ΔF/F running percentile: 100 ROIs × 100,000 frames, 60 s window at 30 Hz (1,800 frames).
    let traces = Tensor(shape: [100_000, 100]) { buffer in
        var state: UInt64 = 12_345
        for i in buffer.indices {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            buffer[i] = 1 + Float(state >> 40) / Float(1 << 24)
        }
    }
    var dffStart = Date()
    _ = DeltaFOverF.compute(traces, windowFrames: 1_800, percentile: 10)
    results["dff_100x100000_s"] = Date().timeIntervalSince(dffStart)
    dffStart = Date()
    _ = DeltaFOverF.computeSortedWindowForBenchmark(traces, windowFrames: 1_800, percentile: 10)
    results["dff_sorted_window_100x100000_s"] = Date().timeIntervalSince(dffStart)

    // .npy decoding: 25 M float32 (100 MB) from memory.
    let npy = NPY.encode((0..<25_000_000).map { Double($0 % 1000) }, shape: [25_000, 1_000], dtype: "<f4")
    let npyStart = Date()
    if let parsed = try? NPY.parse(npy, file: "bench", object: nil) {
        results["npy_decode_MBps"] = 100 / Date().timeIntervalSince(npyStart)
        precondition(parsed.values.count == 25_000_000)
    }
    return results
}
