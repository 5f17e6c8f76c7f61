import CFFTW

/// The two precisions FFTW is linked for: `Double` (libfftw3, `fftw_*`) and `Float`
/// (libfftw3f, `fftwf_*`). Complex data are interleaved (re, im) pairs of `Self`, the memory
/// layout of `fftw_complex` / `fftwf_complex`.
protocol FFTScalar: BinaryFloatingPoint, Sendable {
    static var precisionTag: UInt8 { get }
    /// Out-of-place r2c plan of length n (n reals → n/2+1 complex).
    static func planForward(_ n: Int32, _ input: UnsafeMutablePointer<Self>, _ output: UnsafeMutablePointer<Self>,
                            _ flags: UInt32) -> OpaquePointer?
    /// Out-of-place c2r plan of length n (n/2+1 complex → n reals, unnormalised).
    static func planBackward(_ n: Int32, _ input: UnsafeMutablePointer<Self>, _ output: UnsafeMutablePointer<Self>,
                             _ flags: UInt32) -> OpaquePointer?
    /// New-array execution (thread-safe in FFTW).
    static func executeForward(_ plan: OpaquePointer, _ input: UnsafeMutablePointer<Self>,
                               _ output: UnsafeMutablePointer<Self>, bins: Int)
    static func executeBackward(_ plan: OpaquePointer, _ input: UnsafeMutablePointer<Self>,
                                _ output: UnsafeMutablePointer<Self>, bins: Int)
}

extension Double: FFTScalar {
    static var precisionTag: UInt8 { 64 }
    static func planForward(_ n: Int32, _ i: UnsafeMutablePointer<Double>, _ o: UnsafeMutablePointer<Double>,
                            _ flags: UInt32) -> OpaquePointer? {
        o.withMemoryRebound(to: fftw_complex.self, capacity: Int(n) / 2 + 1) { fftw_plan_dft_r2c_1d(n, i, $0, flags) }
    }
    static func planBackward(_ n: Int32, _ i: UnsafeMutablePointer<Double>, _ o: UnsafeMutablePointer<Double>,
                             _ flags: UInt32) -> OpaquePointer? {
        i.withMemoryRebound(to: fftw_complex.self, capacity: Int(n) / 2 + 1) { fftw_plan_dft_c2r_1d(n, $0, o, flags) }
    }
    static func executeForward(_ p: OpaquePointer, _ i: UnsafeMutablePointer<Double>, _ o: UnsafeMutablePointer<Double>,
                               bins: Int) {
        o.withMemoryRebound(to: fftw_complex.self, capacity: bins) { fftw_execute_dft_r2c(p, i, $0) }
    }
    static func executeBackward(_ p: OpaquePointer, _ i: UnsafeMutablePointer<Double>, _ o: UnsafeMutablePointer<Double>,
                                bins: Int) {
        i.withMemoryRebound(to: fftw_complex.self, capacity: bins) { fftw_execute_dft_c2r(p, $0, o) }
    }
}

extension Float: FFTScalar {
    static var precisionTag: UInt8 { 32 }
    static func planForward(_ n: Int32, _ i: UnsafeMutablePointer<Float>, _ o: UnsafeMutablePointer<Float>,
                            _ flags: UInt32) -> OpaquePointer? {
        o.withMemoryRebound(to: fftwf_complex.self, capacity: Int(n) / 2 + 1) { fftwf_plan_dft_r2c_1d(n, i, $0, flags) }
    }
    static func planBackward(_ n: Int32, _ i: UnsafeMutablePointer<Float>, _ o: UnsafeMutablePointer<Float>,
                             _ flags: UInt32) -> OpaquePointer? {
        i.withMemoryRebound(to: fftwf_complex.self, capacity: Int(n) / 2 + 1) { fftwf_plan_dft_c2r_1d(n, $0, o, flags) }
    }
    static func executeForward(_ p: OpaquePointer, _ i: UnsafeMutablePointer<Float>, _ o: UnsafeMutablePointer<Float>,
                               bins: Int) {
        o.withMemoryRebound(to: fftwf_complex.self, capacity: bins) { fftwf_execute_dft_r2c(p, i, $0) }
    }
    static func executeBackward(_ p: OpaquePointer, _ i: UnsafeMutablePointer<Float>, _ o: UnsafeMutablePointer<Float>,
                                bins: Int) {
        i.withMemoryRebound(to: fftwf_complex.self, capacity: bins) { fftwf_execute_dft_c2r(p, $0, o) }
    }
}
