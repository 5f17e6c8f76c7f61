import Recordings
import Tensors

/// Picks one positive per reference index for one objective.
public protocol PositiveSampler: Sendable {
    func positives(for references: [Int], using rng: inout Xoshiro256) -> [Int]
}

/// Builds the sampler for a distribution on a session.
public func makePositiveSampler(_ distribution: PositiveDistribution, session: Session, indices: IndexSampler) throws -> any PositiveSampler {
    switch distribution {
    case .time(let offset):
        return TimePositives(offset: offset, indices: indices)
    case .timeDelta(let delta, let variables):
        guard delta >= 1 else { throw ConfigurationError.invalid("time_delta needs δ ≥ 1, got \(delta)") }
        return TimeDeltaPositives(labels: try LabelMatrix(session: session, variables: variables), delta: delta,
                                  groupOf: nil, indices: indices, valid: session.valid)
    case .deltaNormal(let sigma, let variables):
        guard sigma > 0 else { throw ConfigurationError.invalid("delta_normal needs σ > 0, got \(sigma)") }
        return DeltaNormalPositives(labels: try LabelMatrix(session: session, variables: variables), sigma: sigma,
                                    indices: indices, valid: session.valid)
    case .discrete(let variable):
        return try DiscretePositives(labels: try LabelMatrix(session: session, variables: [variable]), indices: indices, valid: session.valid)
    case .discreteTimeDelta(let discrete, let delta, let variables):
        guard delta >= 1 else { throw ConfigurationError.invalid("time_delta needs δ ≥ 1, got \(delta)") }
        let groups = try DiscretePositives.integerLabels(try LabelMatrix(session: session, variables: [discrete]), name: discrete)
        return TimeDeltaPositives(labels: try LabelMatrix(session: session, variables: variables), delta: delta,
                                  groupOf: groups, indices: indices, valid: session.valid)
    }
}

/// `time(offset)`: the sample `offset` steps later, clamped.
public struct TimePositives: PositiveSampler {
    public let offset: Int
    public let indices: IndexSampler
    public func positives(for references: [Int], using rng: inout Xoshiro256) -> [Int] {
        references.map { indices.clamp($0 + offset) }
    }
}

/// `time_delta`: the sample whose behaviour is nearest to c_t + Δ_u for a random u, where
/// Δ_u = c_u − c_{u−δ} (Δ_u = 0 for u < δ, which is included in the draw). With `groupOf`, the
/// search is restricted to samples in the reference's discrete group.
public struct TimeDeltaPositives: PositiveSampler {
    let labels: LabelMatrix
    let delta: Int
    let trees: [Int: KDTree]
    let groupOf: [Int]?
    let indices: IndexSampler

    init(labels: LabelMatrix, delta: Int, groupOf: [Int]?, indices: IndexSampler, valid: [Bool]) {
        self.labels = labels
        self.delta = delta
        self.groupOf = groupOf
        self.indices = indices
        let candidates = (0..<labels.count).filter { valid[$0] }
        if let groupOf {
            var members: [Int: [Int]] = [:]
            for i in candidates { members[groupOf[i], default: []].append(i) }
            trees = members.mapValues { KDTree(points: labels.values, dimension: labels.dimension, indices: $0) }
        } else {
            trees = [0: KDTree(points: labels.values, dimension: labels.dimension, indices: candidates)]
        }
    }

    public func positives(for references: [Int], using rng: inout Xoshiro256) -> [Int] {
        let k = labels.dimension, t = labels.count
        // All queries first: their label reads are independent, so their cache misses overlap.
        var queries = [Double](repeating: 0, count: references.count * k)
        for (q, r) in references.enumerated() {
            let u = rng.uniformInt(below: t)
            for a in 0..<k {
                let du = u < delta ? 0 : labels.values[u * k + a] - labels.values[(u - delta) * k + a]
                queries[q * k + a] = labels.values[r * k + a] + du
            }
        }
        guard let groupOf else { return trees[0]!.nearest(batch: queries).map { indices.clamp($0) } }
        return queries.withUnsafeBufferPointer { q in
            references.enumerated().map { i, r in indices.clamp(trees[groupOf[r]]!.nearest(to: q.baseAddress! + i * k)) }
        }
    }
}

/// `delta_normal`: the sample nearest to c_t + ε with ε ~ N(0, σ²I).
public struct DeltaNormalPositives: PositiveSampler {
    let labels: LabelMatrix
    let sigma: Double
    let tree: KDTree
    let indices: IndexSampler

    init(labels: LabelMatrix, sigma: Double, indices: IndexSampler, valid: [Bool]) {
        self.labels = labels
        self.sigma = sigma
        self.indices = indices
        tree = KDTree(points: labels.values, dimension: labels.dimension, indices: (0..<labels.count).filter { valid[$0] })
    }

    public func positives(for references: [Int], using rng: inout Xoshiro256) -> [Int] {
        let k = labels.dimension
        var queries = [Double](repeating: 0, count: references.count * k)
        for (q, r) in references.enumerated() {
            for a in 0..<k { queries[q * k + a] = labels.values[r * k + a] + sigma * rng.normal() }
        }
        return tree.nearest(batch: queries).map { indices.clamp($0) }
    }
}

/// `discrete`: a uniform draw among the samples with the reference's label (itself included).
public struct DiscretePositives: PositiveSampler {
    let labelOf: [Int]
    let members: [Int: [Int]]
    let indices: IndexSampler

    init(labels: LabelMatrix, indices: IndexSampler, valid: [Bool]) throws {
        labelOf = try DiscretePositives.integerLabels(labels, name: "discrete label")
        var m: [Int: [Int]] = [:]
        for i in 0..<labelOf.count where valid[i] && indices.range.contains(i) { m[labelOf[i], default: []].append(i) }
        members = m
        self.indices = indices
    }

    static func integerLabels(_ labels: LabelMatrix, name: String) throws -> [Int] {
        guard labels.dimension == 1 else { throw ConfigurationError.invalid("\(name) must be a single column, got \(labels.dimension)") }
        return try labels.values.enumerated().map { i, v in
            guard v == v.rounded(), abs(v) < 1e9 else {
                throw ConfigurationError.invalid("\(name) must hold integer class labels; sample \(i) is \(v)")
            }
            return Int(v)
        }
    }

    public func positives(for references: [Int], using rng: inout Xoshiro256) -> [Int] {
        references.map { r in
            guard let group = members[labelOf[r]], !group.isEmpty else { return r }
            return group[rng.uniformInt(below: group.count)]
        }
    }
}
