import Tensors

/// An attribution method: per-sample attributions of a trained embedding to its input neurons.
///
/// Every method (the Inverted Neuron Gradient here, the baselines of xcebra.md §7) implements
/// one chunk at a time; `Explanation.compute` drives the chunks, reduces the maps on the fly
/// (memory stays bounded by one chunk) and times the run.
///
/// Orientation: per-sample maps are `[C, d, n]` — row i is embedding dimension i, column j
/// neuron j — the orientation of J and of the ground truth G (d × n).
public protocol Explainer {
    /// Method name as on the command line, e.g. "jf-inv-lsq".
    var name: String { get }
    /// Signed per-sample attributions for one chunk. `inputs` is `[C, n]` (offset1) or
    /// `[C, W, n]` (convolutional); `samples` are the chunk's session sample indices (for error
    /// messages). The reduced map is mean_b |values_b|.
    func attributions(of model: EmbeddingModel, inputs: Tensor, samples: ArraySlice<Int>) throws -> ChunkAttribution
}

/// One chunk of per-sample attributions.
public struct ChunkAttribution {
    /// `C·d·n` values laid out `[C, d, n]` row-major.
    public var values: [Double]
    /// Jacobian and inversion statistics, for Jacobian-based methods.
    public var diagnostics: JacobianDiagnostics?
    /// Wall time per phase ("jacobian", "inversion", …), seconds.
    public var phaseSeconds: [String: Double]
    /// Per sample: is f locally invertible there (see `SampleSelection`)? nil: the method has
    /// no notion of it, and every sample counts as such.
    public var locallyInvertible: [Bool]?

    public init(values: [Double], diagnostics: JacobianDiagnostics? = nil, phaseSeconds: [String: Double] = [:],
                locallyInvertible: [Bool]? = nil) {
        self.values = values
        self.diagnostics = diagnostics
        self.phaseSeconds = phaseSeconds
        self.locallyInvertible = locallyInvertible
    }
}

/// A d × n map (embedding dimensions × neurons) of non-negative attributions, float64.
public struct AttributionMap: Sendable, Equatable {
    public let rows: Int
    public let cols: Int
    /// Row-major: element (i, j) at `values[i * cols + j]`.
    public var values: [Double]

    public init(rows: Int, cols: Int, values: [Double]) {
        precondition(values.count == rows * cols, "AttributionMap: \(values.count) values for \(rows)×\(cols)")
        self.rows = rows
        self.cols = cols
        self.values = values
    }

    public subscript(i: Int, j: Int) -> Double { values[i * cols + j] }

    /// Rows `range` as a sub-map.
    public func rows(_ range: Range<Int>) -> AttributionMap {
        AttributionMap(rows: range.count, cols: cols, values: Array(values[(range.lowerBound * cols)..<(range.upperBound * cols)]))
    }
}
