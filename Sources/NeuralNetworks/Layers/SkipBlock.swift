import Tensors

/// Residual block of CEBRA's convolutional encoders:
/// out = x[:, crop..<L−crop, :] + inner(x).
///
/// With `inner` = Conv1d(U, U, k = 3) → GELU, the time axis shrinks by 2 and `crop` = 1 keeps the
/// two branches aligned; no activation follows the sum. Layout `[B, L, C]`.
public final class SkipBlock: Layer {
    public let inner: any Layer
    public let crop: Int

    public init(_ inner: any Layer, crop: Int = 1) {
        self.inner = inner
        self.crop = crop
    }

    public func callAsFunction(_ x: Variable) -> Variable {
        let l = x.shape[1]
        return x.slice(axis: 1, crop..<(l - crop)) + inner(x)
    }

    public var namedParameters: [(name: String, parameter: Variable)] {
        inner.namedParameters.map { ("inner.\($0.name)", $0.parameter) }
    }
}
