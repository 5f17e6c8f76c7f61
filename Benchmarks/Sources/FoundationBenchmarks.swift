import CMallocCounter
import COpenBLAS
import Foundation
import NeuralNetworks
import Tensors

/// Issue "Foundation": forward + backward of the 50 → 180 → 180 → 60 → 6 GELU MLP at batch 2048 on
/// one core, against the sgemm floor (the same GEMMs on preallocated buffers), and the exact
/// Jacobian-regulariser step (penalty + its parameter gradient by double backward).
func runFoundationBenchmarks() throws -> [String: Any] {
    var rng = Xoshiro256(seed: 0)
    let widths = [50, 180, 180, 60, 6]
    var out: [String: Any] = [:]
    for batch in [2048, 512] {
        let model = try EncoderRegistry.make("offset1-model-mse", neurons: 50, outputDimension: 6, using: &rng)
        let x = rng.normalTensor([batch, 50])
        let target = Variable(rng.normalTensor([batch, 6]))

        // GEMMs of one forward + backward: per layer y = x Wᵀ (m·k·n), dW = gᵀ x, dx = g W (not for the input).
        var gemmFlops = 0.0
        var shapes: [(Int, Int, Int, Bool, Bool)] = []  // m, n, k, transA, transB
        for l in 0..<4 {
            let i = widths[l], o = widths[l + 1]
            shapes.append((batch, o, i, false, true))
            shapes.append((o, i, batch, true, false))
            if l > 0 { shapes.append((batch, i, o, false, false)) }
        }
        for s in shapes { gemmFlops += 2.0 * Double(s.0 * s.1 * s.2) }
        let buffers = shapes.map { s in
            (a: [Float](repeating: 0.01, count: s.0 * s.2), b: [Float](repeating: 0.01, count: s.2 * s.1),
             c: UnsafeMutablePointer<Float>.allocate(capacity: s.0 * s.1))
        }
        let floorMs = medianMilliseconds(repeats: 30) {
            for (s, buf) in zip(shapes, buffers) {
                buf.a.withUnsafeBufferPointer { pa in
                    buf.b.withUnsafeBufferPointer { pb in
                        cblas_sgemm(CblasRowMajor, s.3 ? CblasTrans : CblasNoTrans, s.4 ? CblasTrans : CblasNoTrans,
                                    Int32(s.0), Int32(s.1), Int32(s.2), 1, pa.baseAddress, Int32(s.3 ? s.0 : s.2),
                                    pb.baseAddress, Int32(s.4 ? s.2 : s.1), 0, buf.c, Int32(s.1))
                    }
                }
            }
        }
        buffers.forEach { $0.c.deallocate() }

        func trainingStep() {
            let loss = (model(Variable(x)) - target).squared().mean()
            _ = gradients(of: loss, withRespectTo: model.parameters)
        }
        let stepMs = medianMilliseconds(trainingStep)
        let a0 = xc_allocation_count()
        trainingStep()
        let allocations = xc_allocation_count() - a0

        func regulariserStep() {
            let xv = Variable(x, requiresGradient: true)
            let y = model(xv)
            let loss = (y - target).squared().mean() + JacobianPenalty.exact(output: y, input: xv) * 0.01
            _ = gradients(of: loss, withRespectTo: model.parameters)
        }
        let regMs = medianMilliseconds(repeats: 7, regulariserStep)
        let r0 = xc_allocation_count()
        regulariserStep()
        let regAllocations = xc_allocation_count() - r0

        let key = "batch_\(batch)"
        out[key] = [
            "mlp": widths.map(String.init).joined(separator: "-"),
            "gemm_flops_per_step": gemmFlops,
            "sgemm_floor_ms": floorMs,
            "sgemm_floor_gflops": gemmFlops / floorMs / 1e6,
            "forward_backward_ms": stepMs,
            "forward_backward_gflops": gemmFlops / stepMs / 1e6,
            "ratio_to_floor": stepMs / floorMs,
            "allocations_per_step": allocations,
            "exact_jacobian_regulariser_step_ms": regMs,
            "exact_jacobian_regulariser_allocations": regAllocations,
        ]
        print(String(format: "B=%d  floor %.2f ms (%.0f GFLOP/s)  fwd+bwd %.2f ms (%.1fx floor, %.0f GFLOP/s, %llu allocs)  exact-Jacobian step %.2f ms (%llu allocs)",
                     batch, floorMs, gemmFlops / floorMs / 1e6, stepMs, stepMs / floorMs, gemmFlops / stepMs / 1e6, allocations, regMs, regAllocations))
    }
    return out
}
