import Foundation
import Yams

/// The user-facing configuration file (YAML, or JSON since YAML is a superset), applied on top
/// of a preset. Every key is optional; unknown keys are an error (a typo must not be ignored).
///
/// ```yaml
/// preset: default            # synthetic-demo | paper-synthetic | ratinabox-demo | default
/// behaviour: [position]      # variables of the behaviour-contrastive objectives
/// model: offset10-model
/// output_dimension: 14
/// hidden_units: 256
/// batch_size: 512
/// steps: 10000
/// learning_rate: 3.0e-4
/// weight_decay: 0
/// seed: 0
/// renormalize: true
/// held_out_fraction: 0.2
/// checkpoint_every: 1000
/// log_every: 10
/// regularizer:
///   schedule: linear-ramp-up # none | constant | linear-ramp-up | linear
///   on: 2500
///   off: 5000
///   start: 0
///   end: 0.1                  # (constant: weight)
///   estimator: exact          # exact | projection
///   projections: 1
/// objectives:                 # replaces the preset's objectives
///   - slice: [0, 4]
///     similarity: cosine      # cosine | euclidean
///     temperature: 1.0        # or {initial: 1.0, minimum: 0.1, learnable: true}
///     positives: time_delta   # time | time_delta | delta_normal | discrete | discrete_time_delta
///     delta: 1                # time_delta; sigma for delta_normal; offset for time
///     behaviour: [position]
///     weight: 1
///   - slice: [0, 14]
///     similarity: cosine
///     positives: time
///     offset: 10
/// ```
public struct TrainingConfigFile: Decodable, Sendable, Equatable {
    public var preset: String?
    public var behaviour: [String]?
    public var model: String?
    public var outputDimension: Int?
    public var hiddenUnits: Int?
    public var batchSize: Int?
    public var steps: Int?
    public var learningRate: Double?
    public var weightDecay: Double?
    public var seed: UInt64?
    public var renormalize: Bool?
    public var heldOutFraction: Double?
    public var checkpointEvery: Int?
    public var logEvery: Int?
    public var regularizer: Regularizer?
    public var objectives: [ObjectiveEntry]?

    public struct Regularizer: Decodable, Sendable, Equatable {
        public var schedule: String?
        public var on: Int?
        public var off: Int?
        public var start: Double?
        public var end: Double?
        public var weight: Double?
        public var estimator: String?
        public var projections: Int?
    }

    public struct TemperatureEntry: Decodable, Sendable, Equatable {
        public var value: Double?
        public var initial: Double?
        public var minimum: Double?
        public var learnable: Bool?

        public init(from decoder: any Decoder) throws {
            if let v = try? decoder.singleValueContainer().decode(Double.self) {
                value = v
                return
            }
            let c = try decoder.container(keyedBy: CodingKeys.self)
            value = nil
            initial = try c.decodeIfPresent(Double.self, forKey: .initial)
            minimum = try c.decodeIfPresent(Double.self, forKey: .minimum)
            learnable = try c.decodeIfPresent(Bool.self, forKey: .learnable)
        }
        enum CodingKeys: String, CodingKey { case initial, minimum, learnable }
    }

    public struct ObjectiveEntry: Decodable, Sendable, Equatable {
        public var slice: [Int]
        public var similarity: String?
        public var temperature: TemperatureEntry?
        public var positives: String
        public var offset: Int?
        public var delta: Int?
        public var sigma: Double?
        public var behaviour: [String]?
        public var discrete: String?
        public var weight: Double?

        enum CodingKeys: String, CodingKey {
            case slice, similarity, temperature, positives, offset, delta, sigma, behaviour, behavior, discrete, weight
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            slice = try c.decode([Int].self, forKey: .slice)
            similarity = try c.decodeIfPresent(String.self, forKey: .similarity)
            temperature = try c.decodeIfPresent(TemperatureEntry.self, forKey: .temperature)
            positives = try c.decode(String.self, forKey: .positives)
            offset = try c.decodeIfPresent(Int.self, forKey: .offset)
            delta = try c.decodeIfPresent(Int.self, forKey: .delta)
            sigma = try c.decodeIfPresent(Double.self, forKey: .sigma)
            behaviour = try c.decodeIfPresent([String].self, forKey: .behaviour) ?? c.decodeIfPresent([String].self, forKey: .behavior)
            discrete = try c.decodeIfPresent(String.self, forKey: .discrete)
            weight = try c.decodeIfPresent(Double.self, forKey: .weight)
        }
    }

    /// Parses YAML or JSON text; `source` names the file in errors.
    public static func parse(_ text: String, source: String) throws -> TrainingConfigFile {
        do {
            let decoder = YAMLDecoder()
            return try decoder.decode(TrainingConfigFile.self, from: text, userInfo: [:])
        } catch let e as DecodingError {
            throw ConfigurationError.invalid("\(source): \(describe(e))")
        } catch {
            throw ConfigurationError.invalid("\(source): not valid YAML/JSON (\(error))")
        }
    }

    public static func read(_ path: String) throws -> TrainingConfigFile {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ConfigurationError.invalid("cannot read configuration file \(path)")
        }
        return try parse(text, source: path)
    }

    private static func describe(_ e: DecodingError) -> String {
        func path(_ c: [any CodingKey]) -> String { c.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".") }
        switch e {
        case .keyNotFound(let k, let ctx): return "missing key '\(k.stringValue)' at \(path(ctx.codingPath).isEmpty ? "top level" : path(ctx.codingPath))"
        case .typeMismatch(let t, let ctx): return "\(path(ctx.codingPath)): expected \(t)"
        case .valueNotFound(let t, let ctx): return "\(path(ctx.codingPath)): expected a \(t) value"
        case .dataCorrupted(let ctx):
            let p = path(ctx.codingPath)
            return p.isEmpty ? ctx.debugDescription : "\(p): \(ctx.debugDescription)"
        @unknown default: return "\(e)"
        }
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case preset, behaviour, model, outputDimension = "output_dimension", hiddenUnits = "hidden_units", batchSize = "batch_size"
        case steps, learningRate = "learning_rate", weightDecay = "weight_decay", seed, renormalize
        case heldOutFraction = "held_out_fraction", checkpointEvery = "checkpoint_every", logEvery = "log_every"
        case regularizer, objectives
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let known = Set(CodingKeys.allCases.map(\.rawValue) + ["behavior"])
        let any = try decoder.container(keyedBy: AnyKey.self)
        if let unknown = any.allKeys.map(\.stringValue).first(where: { !known.contains($0) }) {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "unknown key '\(unknown)'; known keys: \(known.sorted().joined(separator: ", "))"))
        }
        if any.contains(AnyKey("regularizer")) {
            try Self.rejectUnknown(in: any.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey("regularizer")),
                                   known: ["schedule", "on", "off", "start", "end", "weight", "estimator", "projections"], path: "regularizer")
        }
        if any.contains(AnyKey("objectives")), var list = try? any.nestedUnkeyedContainer(forKey: AnyKey("objectives")) {
            var i = 0
            while !list.isAtEnd {
                try Self.rejectUnknown(in: list.nestedContainer(keyedBy: AnyKey.self),
                                       known: ["slice", "similarity", "temperature", "positives", "offset", "delta", "sigma",
                                               "behaviour", "behavior", "discrete", "weight"], path: "objectives[\(i)]")
                i += 1
            }
        }
        preset = try c.decodeIfPresent(String.self, forKey: .preset)
        behaviour = try c.decodeIfPresent([String].self, forKey: .behaviour) ?? any.decodeIfPresent([String].self, forKey: AnyKey("behavior"))
        model = try c.decodeIfPresent(String.self, forKey: .model)
        outputDimension = try c.decodeIfPresent(Int.self, forKey: .outputDimension)
        hiddenUnits = try c.decodeIfPresent(Int.self, forKey: .hiddenUnits)
        batchSize = try c.decodeIfPresent(Int.self, forKey: .batchSize)
        steps = try c.decodeIfPresent(Int.self, forKey: .steps)
        learningRate = try c.decodeIfPresent(Double.self, forKey: .learningRate)
        weightDecay = try c.decodeIfPresent(Double.self, forKey: .weightDecay)
        seed = try c.decodeIfPresent(UInt64.self, forKey: .seed)
        renormalize = try c.decodeIfPresent(Bool.self, forKey: .renormalize)
        heldOutFraction = try c.decodeIfPresent(Double.self, forKey: .heldOutFraction)
        checkpointEvery = try c.decodeIfPresent(Int.self, forKey: .checkpointEvery)
        logEvery = try c.decodeIfPresent(Int.self, forKey: .logEvery)
        regularizer = try c.decodeIfPresent(Regularizer.self, forKey: .regularizer)
        objectives = try c.decodeIfPresent([ObjectiveEntry].self, forKey: .objectives)
    }

    private static func rejectUnknown(in c: KeyedDecodingContainer<AnyKey>, known: Set<String>, path: String) throws {
        if let unknown = c.allKeys.map(\.stringValue).first(where: { !known.contains($0) }) {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription:
                "\(path): unknown key '\(unknown)'; known keys: \(known.sorted().joined(separator: ", "))"))
        }
    }

    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ s: String) { stringValue = s }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// The preset named in the file (or `fallback`) with every given key applied.
    public func resolve(fallbackPreset: TrainingPreset = .standard, behaviour fallbackBehaviour: [String]) throws -> TrainingConfiguration {
        let presetName = preset ?? fallbackPreset.rawValue
        guard let p = TrainingPreset(rawValue: presetName) else {
            throw ConfigurationError.invalid("unknown preset '\(presetName)'; available: \(TrainingPreset.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let variables = behaviour ?? fallbackBehaviour
        var c = p.configuration(behaviour: variables, seed: seed ?? 0, steps: steps)
        if let model { c.model = model }
        if let outputDimension { c.outputDimension = outputDimension }
        if let hiddenUnits { c.hiddenUnits = hiddenUnits }
        if let batchSize { c.batchSize = batchSize }
        if let learningRate { c.learningRate = learningRate }
        if let weightDecay { c.weightDecay = weightDecay }
        if let renormalize { c.renormalize = renormalize }
        if let heldOutFraction { c.heldOutFraction = heldOutFraction }
        if let checkpointEvery { c.checkpointEvery = checkpointEvery }
        if let logEvery { c.logEvery = logEvery }
        if let r = regularizer { try apply(r, to: &c) }
        if let objectives { c.objectives = try objectives.enumerated().map { try Self.objective($1, index: $0, behaviour: variables) } }
        return c
    }

    private func apply(_ r: Regularizer, to c: inout TrainingConfiguration) throws {
        if let s = r.schedule {
            switch s {
            case "none": c.regularizerSchedule = .none
            case "constant": c.regularizerSchedule = .constant(weight: r.weight ?? r.end ?? 0.1)
            case "linear-ramp-up", "linear_ramp_up", "linear":
                guard let on = r.on, let off = r.off else { throw ConfigurationError.invalid("regularizer.\(s) needs 'on' and 'off' steps") }
                let w0 = r.start ?? 0, w1 = r.end ?? r.weight ?? 0.1
                c.regularizerSchedule = s == "linear" ? .linear(on: on, off: off, start: w0, end: w1) : .linearRampUp(on: on, off: off, start: w0, end: w1)
            default: throw ConfigurationError.invalid("regularizer.schedule '\(s)': expected none, constant, linear-ramp-up or linear")
            }
        }
        if let e = r.estimator {
            switch e {
            case "exact": c.regularizerEstimator = .exact
            case "projection", "random-projection": c.regularizerEstimator = .randomProjection(count: r.projections ?? 1)
            default: throw ConfigurationError.invalid("regularizer.estimator '\(e)': expected exact or projection")
            }
        } else if let n = r.projections {
            c.regularizerEstimator = .randomProjection(count: n)
        }
    }

    static func objective(_ e: ObjectiveEntry, index: Int, behaviour: [String]) throws -> Objective {
        let label = "objectives[\(index)]"
        guard e.slice.count == 2 else { throw ConfigurationError.invalid("\(label).slice: expected [start, stop]") }
        let similarity: Similarity
        switch e.similarity ?? "cosine" {
        case "cosine": similarity = .cosine
        case "euclidean", "euclidean-squared": similarity = .euclidean
        case let other: throw ConfigurationError.invalid("\(label).similarity '\(other)': expected cosine or euclidean")
        }
        var temperature = Temperature.fixed(1)
        if let t = e.temperature {
            if let v = t.value { temperature = .fixed(v) } else if t.learnable ?? true {
                temperature = .learnable(initial: t.initial ?? 1, minimum: t.minimum)
            } else {
                temperature = .fixed(t.initial ?? 1)
            }
        }
        let variables = e.behaviour ?? behaviour
        let positives: PositiveDistribution
        switch e.positives {
        case "time": positives = .time(offset: e.offset ?? 1)
        case "time_delta", "time-delta": positives = .timeDelta(delta: e.delta ?? 1, variables: variables)
        case "delta_normal", "delta-normal":
            guard let s = e.sigma else { throw ConfigurationError.invalid("\(label): delta_normal needs 'sigma'") }
            positives = .deltaNormal(sigma: s, variables: variables)
        case "discrete":
            guard let v = e.discrete ?? variables.first else { throw ConfigurationError.invalid("\(label): discrete needs a label variable") }
            positives = .discrete(variable: v)
        case "discrete_time_delta", "discrete-time-delta":
            guard let d = e.discrete else { throw ConfigurationError.invalid("\(label): discrete_time_delta needs 'discrete'") }
            positives = .discreteTimeDelta(discrete: d, delta: e.delta ?? 1, variables: variables)
        case let other:
            throw ConfigurationError.invalid("\(label).positives '\(other)': expected time, time_delta, delta_normal, discrete or discrete_time_delta")
        }
        return Objective(slice: e.slice[0]..<max(e.slice[0], e.slice[1]), criterion: InfoNCE(similarity: similarity, temperature: temperature),
                         positives: positives, weight: e.weight ?? 1)
    }
}
