import Foundation
import Recordings

/// Behaviour variables gathered into one row-major `[T, k]` Double matrix for a sampler.
/// Circular variables (angles) contribute (cos, sin) per column, so that distances respect the
/// wrap-around; all values are used raw (not z-scored), as in CEBRA.
public struct LabelMatrix: Sendable {
    public let values: [Double]
    public let dimension: Int
    public var count: Int { values.count / dimension }

    public init(values: [Double], dimension: Int) {
        self.values = values
        self.dimension = dimension
    }

    public init(session: Session, variables: [String]) throws {
        guard !variables.isEmpty else { throw ConfigurationError.invalid("a behaviour-contrastive objective needs at least one behaviour variable") }
        let t = session.sampleCount
        var columns: [[Double]] = []
        for name in variables {
            guard let v = session.behaviour(named: name) else {
                let available = session.behaviour.map { "\($0.name) [\($0.columns) col, \($0.unit)]" }.joined(separator: ", ")
                throw ConfigurationError.invalid("behaviour variable '\(name)' is not in session '\(session.id)'; available: \(available.isEmpty ? "none" : available)")
            }
            for c in 0..<v.columns {
                let col = (0..<t).map { v[$0, c] }
                if let bad = col.firstIndex(where: { !$0.isFinite }) {
                    throw ConfigurationError.invalid("behaviour variable '\(name)' column \(c) is not finite at sample \(bad); mask or interpolate it first")
                }
                if v.isCircular {
                    columns.append(col.map { Foundation.cos($0) })
                    columns.append(col.map { Foundation.sin($0) })
                } else {
                    columns.append(col)
                }
            }
        }
        let k = columns.count
        var values = [Double](repeating: 0, count: t * k)
        for (c, col) in columns.enumerated() { for i in 0..<t { values[i * k + c] = col[i] } }
        self.init(values: values, dimension: k)
    }

    public func row(_ i: Int) -> ArraySlice<Double> { values[(i * dimension)..<((i + 1) * dimension)] }
}
