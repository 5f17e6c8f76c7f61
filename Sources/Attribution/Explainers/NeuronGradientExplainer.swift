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
        diag.jacobianSeconds = Double(t1 - t0) / 1e9
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
                    if zero { diag.zeroGradientRows += 1 }
                }
            }
        }
        if let clip = model.clipBounds, !model.configuration.renormalize {
            diag.saturatedOutputs = outputs.scalars.reduce(0) { $0 + (($1 <= clip.lower || $1 >= clip.upper) ? 1 : 0) }
        }
        guard case .inverse(_, let solver) = method else {
            diag.samples = c
            return ChunkAttribution(values: jac, diagnostics: diag, phaseSeconds: ["jacobian": diag.jacobianSeconds])
        }
        diag.solver = solver
        diag.route = route
        // The stride counts positions from the session's first sample so chunking does not move the checks.
        let values = try JacobianInversion.invert(jac, count: c, rows: d, cols: n, solver: solver, route: route,
                                                  moorePenroseStride: moorePenroseStride, positionOffset: samples.startIndex,
                                                  diagnostics: &diag)
        diag.inversionSeconds = Double(DispatchTime.now().uptimeNanoseconds - t1) / 1e9
        return ChunkAttribution(values: values, diagnostics: diag,
                                phaseSeconds: ["jacobian": diag.jacobianSeconds, "inversion": diag.inversionSeconds])
    }
}
