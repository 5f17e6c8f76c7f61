import Tensors

/// A d-dimensional random walk confined to the open cube (−1, 1)^d.
///
/// `z_0 = 0` (or `U(−1, 1)^d` when `uniformStart`), then independently per coordinate
/// `z_{t,j} ~ N(z_{t−1,j}, σ²)` truncated to (−1, 1) by rejection, as in the xCEBRA benchmark
/// (σ = 0.1; the CEBRA demo file has step std 0.096–0.105 and never reaches ±1).
/// Returns `[T, d]` row-major.
public func truncatedNormalRandomWalk(steps: Int, dimensions d: Int, stepStd: Double, uniformStart: Bool,
                                      rng: inout Xoshiro256) -> [Double] {
    var z = [Double](repeating: 0, count: steps * d)
    if steps == 0 { return z }
    if uniformStart { for j in 0..<d { z[j] = rng.uniform(-1, 1) } }
    for t in 1..<steps {
        for j in 0..<d {
            z[t * d + j] = rng.truncatedNormal(mean: z[(t - 1) * d + j], std: stepStd, lower: -1, upper: 1)
        }
    }
    return z
}
