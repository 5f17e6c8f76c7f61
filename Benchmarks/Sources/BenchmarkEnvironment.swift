import Foundation
import Tensors

enum BenchmarkEnvironment {
    static func describe() -> [String: Any] {
        let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("model name") }
            .map { String($0.split(separator: ":").last ?? "").trimmingCharacters(in: .whitespaces) } ?? "unknown"
        return [
            "cpu": cpu,
            "cores": ProcessInfo.processInfo.activeProcessorCount,
            "blas": NumericRuntime.blasDescription,
            "blas_threads": NumericRuntime.blasThreads,
            "xcebra": ToolkitVersion.string,
            "date": ISO8601DateFormatter().string(from: Date()),
        ]
    }
}

/// Median wall time of `body` over `repeats` runs after `warmup` runs, in milliseconds.
func medianMilliseconds(warmup: Int = 3, repeats: Int = 15, _ body: () -> Void) -> Double {
    for _ in 0..<warmup { body() }
    var times: [Double] = []
    for _ in 0..<repeats {
        let t0 = DispatchTime.now().uptimeNanoseconds
        body()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
    }
    times.sort()
    return times[times.count / 2]
}

/// CPU time consumed by the calling thread (unaffected by time-slicing on a loaded machine).
func threadCPUSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// `value` with every non-finite Double replaced by NSNull: JSON has no NaN or ∞, and a suite's
/// figure can legitimately be undefined (an auROC without positives, a metric of an empty set).
func jsonSafe(_ value: Any) -> Any {
    switch value {
    case let x as Double: return x.isFinite ? x : NSNull()
    case let a as [Any]: return a.map(jsonSafe)
    case let d as [String: Any]: return d.mapValues(jsonSafe)
    default: return value
    }
}
