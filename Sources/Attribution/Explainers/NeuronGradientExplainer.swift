import Dispatch
import Tensors

/// The Jacobian-based methods (xcebra.md §7): the plain neuron gradient J_f and the Inverted
/// Neuron Gradient J_f⁺, with the conv-lag reductions.
///
/// | name | per-sample map | notes |
/// |---|---|---|
/// | `jf` | J_b (lag signed mean) | plain neuron gradient; map mean_b |J_b| |
/// | `jf-convabs` | mean over lags of |∂y/∂x| | |
/// | `jf-inv-lsq` | X_bᵀ, X_b = lsq solution of J_b X = I | synthetic-demo method |
/// | `jf-inv-svd` | X_bᵀ = (J_b⁺)ᵀ, SciPy float32 cutoff | RatInABox-demo method; prefer for normalised models |
/// | `jf-convabs-inv-lsq`, `jf-convabs-inv-svd` | inverse of the |·|-lag-reduced J | negative control (auROC 0.18 in CEBRA) |
///
/// Every chunk also flags the samples where f is locally invertible (no saturated output, no
/// zero row of J_b, full structural rank for inverse methods), for `SampleSelection`.
public struct NeuronGradientExplainer: Explainer {
    public enum Method: Sendable, Equatable {
        case gradient(LagReduction)
        case inverse(LagReduction, InverseSolver)
    }

    public var method: Method
    public var route: InversionRoute
    /// Check the Moore–Penrose conditions on every `moorePenroseStride`-th sample (0: never).
    public var moorePenroseStride: Int

    public init(method: Method, route: InversionRoute = .fast, moorePenroseStride: Int = 50) {
        self.method = method
        self.route = route
        self.moorePenroseStride = moorePenroseStride
    }

    /// Parses a method name (see the table).
    public init(name: String, route: InversionRoute = .fast, moorePenroseStride: Int = 50) throws {
        let methods: [String: Method] = [
            "jf": .gradient(.signedMean), "jf-convabs": .gradient(.absoluteMean),
            "jf-inv-lsq": .inverse(.signedMean, .lsq), "jf-inv-svd": .inverse(.signedMean, .svd),
            "jf-convabs-inv-lsq": .inverse(.absoluteMean, .lsq), "jf-convabs-inv-svd": .inverse(.absoluteMean, .svd),
        ]
        guard let m = methods[name] else {
            throw AttributionError.invalidOption("unknown attribution method '\(name)'; available: \(NeuronGradientExplainer.methodNames.joined(separator: ", "))")
        }
        self.init(method: m, route: route, moorePenroseStride: moorePenroseStride)
    }

    public static let methodNames = ["jf-inv-lsq", "jf-inv-svd", "jf", "jf-convabs", "jf-convabs-inv-lsq", "jf-convabs-inv-svd"]

    public var name: String {
        switch method {
        case .gradient(let l): return l == .signedMean ? "jf" : "jf-convabs"
        case .inverse(let l, let s): return (l == .signedMean ? "jf-inv-" : "jf-convabs-inv-") + s.rawValue
        }
    }

    public func attributions(of model: EmbeddingModel, inputs: Tensor, samples: ArraySlice<Int>) throws -> ChunkAttribution {
        let c = inputs.shape[0], d = model.outputDimension, n = model.inputNeurons
        let lag: LagReduction
        switch method { case .gradient(let l), .inverse(let l, _): lag = l }
        let t0 = DispatchTime.now().uptimeNanoseconds
        let (jac, outputs) = SampleJacobians.compute(model, inputs: inputs, lag: lag)
        let t1 = DispatchTime.now().uptimeNanoseconds
        var diag = JacobianDiagnostics()
        diag.rows = d
        diag.cols = n
        diag.maximumRank = model.maximumJacobianRank
        diag.jacobianSeconds = Double(t1 - t0) / 1e9
        // Local invertibility (see `SampleSelection`): no zero row, no saturated output, full rank.
        var invertible = [Bool](repeating: true, count: c)
        try jac.withUnsafeBufferPointer { j in
            for b in 0..<c {
                for i in 0..<d {
                    let row = (b * d + i) * n
                    var zero = true
                    for k in 0..<n {
                        let v = j[row + k]
                        guard v.isFinite else { throw AttributionError.nonFiniteJacobian(sample: samples[samples.startIndex + b]) }
                        if v != 0 { zero = false }
                    }
                    if zero { diag.zeroGradientRows += 1; invertible[b] = false }
                }
            }
        }
        if let clip = model.clipBounds, !model.configuration.renormalize {
            var saturated = 0
            outputs.scalars.withUnsafeBufferPointer { y in
                for b in 0..<c {
                    for i in 0..<d where y[b * d + i] <= clip.lower || y[b * d + i] >= clip.upper {
                        saturated += 1
                        invertible[b] = false
                    }
                }
            }
            diag.saturatedOutputs = saturated
        }
        guard case .inverse(_, let solver) = method else {
            diag.samples = c
            return ChunkAttribution(values: jac, diagnostics: diag, phaseSeconds: ["jacobian": diag.jacobianSeconds],
                                    locallyInvertible: invertible)
        }
        diag.solver = solver
        diag.route = route
        // The stride counts positions from the session's first sample so chunking does not move the checks.
        var ranks: [Int] = []
        let values = try JacobianInversion.invert(jac, count: c, rows: d, cols: n, solver: solver, route: route,
                                                  moorePenroseStride: moorePenroseStride, positionOffset: samples.startIndex,
                                                  diagnostics: &diag, ranks: &ranks)
        diag.inversionSeconds = Double(DispatchTime.now().uptimeNanoseconds - t1) / 1e9
        let full = diag.fullRank
        for b in 0..<c where ranks[b] < full { invertible[b] = false }
        return ChunkAttribution(values: values, diagnostics: diag,
                                phaseSeconds: ["jacobian": diag.jacobianSeconds, "inversion": diag.inversionSeconds],
                                locallyInvertible: invertible)
    }
}
