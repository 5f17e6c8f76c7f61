import CFFTW
import CLAPACKE
import COpenBLAS
import Synchronization

/// Process-wide numeric settings: BLAS threads and the allocator thresholds.
public enum NumericRuntime {
    private static let configured = Mutex(false)

    /// Sets OpenBLAS to `threads` threads (default 1, the toolkit's reproducible default) and
    /// raises glibc's mmap/trim thresholds so that the ~0.5 MB temporaries of every tensor op
    /// are recycled from the heap instead of being mmapped and faulted in each time (this
    /// halves the time of a Jacobian-regulariser step). Safe to call more than once.
    public static func configure(threads: Int = 1) {
        configured.withLock { done in
            openblas_set_num_threads(Int32(max(1, threads)))
            _ = xc_mallopt_mmap_threshold(64 << 20)
            _ = xc_mallopt_trim_threshold(256 << 20)
            done = true
        }
    }

    /// Applies the defaults (1 BLAS thread, allocator thresholds) unless `configure` already ran:
    /// called by the trainer so library users and tests get the reproducible defaults without
    /// overriding a caller's explicit choice.
    public static func ensureConfigured() {
        let done = configured.withLock { $0 }
        if !done { configure() }
    }

    /// Threads OpenBLAS uses now.
    public static var blasThreads: Int { Int(openblas_get_num_threads()) }

    /// OpenBLAS build configuration and the core kernel it picked (recorded in outputs).
    public static var blasDescription: String {
        let cfg = openblas_get_config().map { String(cString: $0) } ?? "unknown"
        let core = openblas_get_corename().map { String(cString: $0) } ?? "unknown"
        return "OpenBLAS \(cfg.trimmingCharacters(in: .whitespaces)) core=\(core)"
    }

    /// LAPACK version as reported by `ilaver`.
    public static var lapackDescription: String {
        var major: Int32 = 0, minor: Int32 = 0, patch: Int32 = 0
        LAPACKE_ilaver(&major, &minor, &patch)
        return "LAPACK \(major).\(minor).\(patch) via LAPACKE"
    }

    /// FFTW version string.
    public static var fftwDescription: String { String(cString: xc_fftw_version()) }
}

import Foundation
