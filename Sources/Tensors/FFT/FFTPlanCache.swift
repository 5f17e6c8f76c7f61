import CFFTW
import Synchronization

/// Process-wide cache of FFTW plans, keyed by (length, precision, direction).
///
/// FFTW's planner (and plan destruction) is not thread-safe, while executing an existing plan
/// with the new-array functions is. So every plan in this process is created here, under one
/// global lock, with `FFTW_ESTIMATE | FFTW_UNALIGNED` (no timing runs, so planning is fast and
/// deterministic; unaligned so any Swift buffer may be passed at execution). Plans are
/// out-of-place, never destroyed (one per distinct length and direction, a few KB each), and
/// executed concurrently without the lock. Other code must not call FFTW's planner directly.
enum FFTPlanCache {
    enum Direction: UInt8 { case forward, backward }

    struct Key: Hashable {
        let length: Int
        let precision: UInt8
        let direction: Direction
    }

    /// An FFTW plan; immutable after creation and only executed via new-array functions.
    struct Plan: @unchecked Sendable {
        let raw: OpaquePointer
    }

    private static let plans = Mutex<[Key: Plan]>([:])

    /// The cached plan for a length-n transform of `T`, created on first use.
    static func plan<T: FFTScalar>(_ type: T.Type, length n: Int, direction: Direction) throws(FFTError) -> Plan {
        guard n >= 1, let n32 = Int32(exactly: n) else { throw .invalidLength(operation: "FFT", length: n) }
        let key = Key(length: n, precision: T.precisionTag, direction: direction)
        let plan: Plan? = plans.withLock { cache in
            if let p = cache[key] { return p }
            // Planning arrays: FFTW_ESTIMATE does not write them, but they must exist and have
            // the plan's in/out-of-place geometry.
            let real = UnsafeMutablePointer<T>.allocate(capacity: n)
            let complex = UnsafeMutablePointer<T>.allocate(capacity: 2 * (n / 2 + 1))
            defer { real.deallocate(); complex.deallocate() }
            let flags = xc_fftw_estimate_unaligned()
            let raw = direction == .forward ? T.planForward(n32, real, complex, flags)
                                            : T.planBackward(n32, complex, real, flags)
            guard let raw else { return nil }
            let p = Plan(raw: raw)
            cache[key] = p
            return p
        }
        guard let plan else { throw .planningFailed(length: n) }
        return plan
    }

    /// Number of cached plans (diagnostics and tests).
    static var count: Int { plans.withLock { $0.count } }
}

/// The smallest n' ≥ n whose prime factors are all in {2, 3, 5, 7}: FFTW's fastest lengths
/// (its codelets cover these radices), at most ~1.2·n for n ≥ 100. Returns 1 for n ≤ 1.
public func fftGoodSize(atLeast n: Int) -> Int {
    if n <= 1 { return 1 }
    var best = Int.max
    // Enumerate 2^a·3^b·5^c·7^d ≥ n; the loops stop once a partial product reaches the bound.
    var p7 = 1
    while p7 < best {
        var p5 = p7
        while p5 < best {
            var p3 = p5
            while p3 < best {
                var p = p3
                while p < n { p *= 2 }
                best = Swift.min(best, p)
                if p3 >= n { break }
                p3 *= 3
            }
            if p5 >= n { break }
            p5 *= 5
        }
        if p7 >= n { break }
        p7 *= 7
    }
    return best
}
