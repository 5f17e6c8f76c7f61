import Contrastive
import Foundation
import NeuralNetworks
import Recordings
import Tensors

/// The supervised baseline of the xCEBRA paper (xcebra.md §7): the same encoder family, trained
/// to regress the behaviour labels on their embedding slices with a squared error — the "model
/// that predicts behaviour from neural activity over a window" the time-series explainers explain.
///
/// Loss per step, on a batch of B windows drawn like the contrastive trainer's references:
///
///     L = Σ_targets mean_{b,j} (y_b[slice][j] − c_b[j])²
///
/// where c are the target's behaviour variables (circular variables as (cos, sin), as
/// `LabelMatrix`), optionally z-scored. Output dimensions covered by no target get no loss (in a
/// layout taken from a contrastive configuration they are its time-only dimensions); Adam with
/// the configured learning rate and weight decay. Normalising encoders ("offset1-model",
/// "offset10-model") are replaced by their "-mse" variants, since a unit-norm output cannot
/// regress labels. Random streams from `seed`: 0 = initialisation, 1 = batches.
public final class SupervisedRegressor {
    public struct Target: Codable, Sendable, Equatable {
        public var start: Int, stop: Int
        public var variables: [String]
        public init(slice: Range<Int>, variables: [String]) {
            start = slice.lowerBound
            stop = slice.upperBound
            self.variables = variables
        }
        public var slice: Range<Int> { start..<stop }
    }

    public struct Configuration: Codable, Sendable, Equatable {
        public var model: String
        public var outputDimension: Int
        public var hiddenUnits: Int
        public var targets: [Target]
        public var batchSize: Int
        public var steps: Int
        public var learningRate: Double
        public var weightDecay: Double
        public var standardizeLabels: Bool
        public var seed: UInt64

        public init(model: String, outputDimension: Int, hiddenUnits: Int = 32, targets: [Target], batchSize: Int = 512,
                    steps: Int = 2_000, learningRate: Double = 3e-4, weightDecay: Double = 0, standardizeLabels: Bool = true, seed: UInt64 = 0) {
            self.model = model
            self.outputDimension = outputDimension
            self.hiddenUnits = hiddenUnits
            self.targets = targets
            self.batchSize = batchSize
            self.steps = steps
            self.learningRate = learningRate
            self.weightDecay = weightDecay
            self.standardizeLabels = standardizeLabels
            self.seed = seed
        }

        /// The supervised counterpart of a contrastive run: same encoder family (the "-mse"
        /// variant), dimension and units; one target per behaviour objective, on its slice.
        public init(contrastive c: TrainingConfiguration, steps: Int? = nil) throws {
            let targets = c.objectives.filter { !$0.positives.variables.isEmpty }.map { Target(slice: $0.slice, variables: $0.positives.variables) }
            guard !targets.isEmpty else {
                throw AttributionError.invalidOption("the contrastive configuration has no behaviour objective, so there is nothing to regress")
            }
            self.init(model: try SupervisedRegressor.regressionModel(c.model), outputDimension: c.outputDimension, hiddenUnits: c.hiddenUnits,
                      targets: targets, batchSize: c.batchSize, steps: steps ?? c.steps, learningRate: c.learningRate,
                      weightDecay: c.weightDecay, seed: c.seed)
        }
    }

    public let configuration: Configuration
    public let encoder: Encoder
    public let optimizer: Adam
    public private(set) var step = 0
    /// (mean, std) per label column of each target, used when `standardizeLabels`.
    public let labelScales: [[(mean: Double, std: Double)]]
    /// The contrastive layout this regressor mirrors, for `embeddingModel()`.
    public let layoutConfiguration: TrainingConfiguration

    let labels: [LabelMatrix]
    let windows: SessionWindows
    let indices: IndexSampler
    var batchRNG: Xoshiro256

    /// - Parameter contrastive: the run whose slices the targets follow (nil: the targets alone
    ///   must tile [0, d)).
    public init(configuration c: Configuration, session: Session, contrastive: TrainingConfiguration? = nil) throws {
        NumericRuntime.ensureConfigured()
        guard c.batchSize >= 1, c.steps >= 0, c.learningRate > 0, c.weightDecay >= 0, !c.targets.isEmpty else {
            throw AttributionError.invalidOption("supervised: batch ≥ 1, steps ≥ 0, learning rate > 0, weight decay ≥ 0 and at least one target are required")
        }
        var scales: [[(Double, Double)]] = []
        var mats: [LabelMatrix] = []
        for target in c.targets {
            guard target.start >= 0, target.stop <= c.outputDimension, !target.slice.isEmpty else {
                throw AttributionError.invalidOption("supervised: target slice (\(target.start),\(target.stop)) is outside [0, \(c.outputDimension))")
            }
            let m: LabelMatrix
            do { m = try LabelMatrix(session: session, variables: target.variables) } catch {
                throw AttributionError.incompatible("supervised: \(error)")
            }
            guard m.dimension == target.slice.count else {
                throw AttributionError.incompatible("supervised: \(target.variables.joined(separator: "+")) has \(m.dimension) label columns (circular variables count twice) but its slice (\(target.start),\(target.stop)) has \(target.slice.count) dimensions")
            }
            mats.append(m)
            scales.append((0..<m.dimension).map { j in
                let col = (0..<m.count).map { m.values[$0 * m.dimension + j] }
                let mean = col.reduce(0, +) / Double(col.count)
                let sd = (col.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(col.count)).squareRoot()
                return (mean, sd > 0 ? sd : 1)
            })
        }
        let objectives = c.targets.map {
            Objective(slice: $0.slice, criterion: InfoNCE(similarity: .euclidean, temperature: .fixed(1)), positives: .deltaNormal(sigma: 1, variables: $0.variables))
        }
        var layout = contrastive ?? TrainingConfiguration(model: c.model, outputDimension: c.outputDimension, objectives: objectives)
        layout.model = c.model
        layout.hiddenUnits = c.hiddenUnits
        layout.renormalize = false
        do { _ = try layout.validate() } catch {
            throw AttributionError.invalidOption("supervised: the targets must tile the output [0, \(c.outputDimension)) without gaps: \(error)")
        }
        layoutConfiguration = layout
        configuration = c
        labels = mats
        labelScales = scales
        let root = Xoshiro256(seed: c.seed)
        var initRNG = root.stream(0)
        do {
            encoder = try EncoderRegistry.make(c.model, neurons: session.neuronCount, outputDimension: c.outputDimension, hiddenUnits: c.hiddenUnits, using: &initRNG)
        } catch { throw AttributionError.invalidOption("supervised: \(error)") }
        guard !encoder.normalizesOutput else { throw AttributionError.invalidOption("supervised: model \(c.model) normalises its output and cannot regress labels") }
        batchRNG = root.stream(1)
        windows = SessionWindows(neural: session.neural, offset: encoder.offset)
        do { indices = try IndexSampler(sampleCount: session.sampleCount, offset: encoder.offset, valid: session.valid) } catch {
            throw AttributionError.incompatible("supervised: \(error)")
        }
        optimizer = Adam(parameters: encoder.parameters, learningRate: Float(c.learningRate), weightDecay: Float(c.weightDecay))
    }

    /// "offset1-model" → "offset1-model-mse", "offset10-model" → "offset10-model-mse"; models
    /// without a normalisation are kept; "offset5-model" has no regression variant.
    public static func regressionModel(_ name: String) throws -> String {
        switch name {
        case "offset1-model": return "offset1-model-mse"
        case "offset10-model": return "offset10-model-mse"
        case "offset5-model": throw AttributionError.invalidOption("supervised: offset5-model has no regression (-mse) variant; use offset10-model-mse")
        default: return name
        }
    }

    /// Labels of target `k` at samples `idx`, `[B, c]` (z-scored when configured).
    func labelBatch(_ k: Int, _ idx: [Int]) -> Tensor {
        let m = labels[k], c = m.dimension
        var out = Tensor(zeros: [idx.count, c])
        for (r, i) in idx.enumerated() {
            for j in 0..<c {
                let v = m.values[i * c + j]
                let s = labelScales[k][j]
                out.scalars[r * c + j] = Float(configuration.standardizeLabels ? (v - s.mean) / s.std : v)
            }
        }
        return out
    }

    /// One Adam step; returns the loss.
    @discardableResult
    public func trainStep() throws -> Double {
        let idx = indices.draw(configuration.batchSize, using: &batchRNG)
        let y = encoder(Variable(windows.batch(idx)))
        var loss: Variable?
        for (k, target) in configuration.targets.enumerated() {
            let term = (y.slice(axis: 1, target.slice) - Variable(labelBatch(k, idx))).squared().mean()
            loss = loss.map { $0 + term } ?? term
        }
        let value = Double(loss!.value.scalar)
        guard value.isFinite else { throw AttributionError.incompatible("supervised: the loss became non-finite at step \(step)") }
        optimizer.update(gradients: gradients(of: loss!, withRespectTo: encoder.parameters).map(\.value))
        step += 1
        return value
    }

    public func train(progress: ((Int, Double) -> Void)? = nil) throws {
        while step < configuration.steps {
            let l = try trainStep()
            progress?(step, l)
        }
    }

    /// Predictions `[T, d]` for a whole recording (edge-replicated windows at the ends), in the
    /// label units (standardisation undone).
    public func predict(_ neural: Tensor, chunk: Int = 4_096) -> Tensor {
        let w = SessionWindows(neural: neural, offset: encoder.offset)
        let t = neural.shape[0], d = configuration.outputDimension
        var out = Tensor(zeros: [t, d])
        GradMode.withoutGradient {
            var start = 0
            while start < t {
                let end = Swift.min(start + chunk, t)
                let y = encoder(Variable(w.paddedBatch(start..<end))).value
                out.scalars.replaceSubrange((start * d)..<(end * d), with: y.scalars)
                start = end
            }
        }
        guard configuration.standardizeLabels else { return out }
        for (k, target) in configuration.targets.enumerated() {
            for i in 0..<t { for (j, col) in target.slice.enumerated() {
                let s = labelScales[k][j]
                out.scalars[i * d + col] = Float(Double(out.scalars[i * d + col]) * s.std + s.mean)
            } }
        }
        return out
    }

    /// Coefficient of determination R² = 1 − SS_res/SS_tot per target (all its columns pooled)
    /// on the samples where `mask` is true (all when nil).
    public func rSquared(_ session: Session, mask: [Bool]? = nil) -> [Double] {
        let p = predict(session.neural), d = configuration.outputDimension
        return configuration.targets.enumerated().map { k, target in
            let m = labels[k], c = m.dimension
            var res = 0.0, tot = 0.0
            for j in 0..<c {
                let rows = (0..<m.count).filter { (mask?[$0] ?? true) && session.valid[$0] }
                let mean = rows.reduce(0.0) { $0 + m.values[$1 * c + j] } / Double(Swift.max(rows.count, 1))
                for i in rows {
                    let v = m.values[i * c + j]
                    res += (v - Double(p.scalars[i * d + target.start + j])) * (v - Double(p.scalars[i * d + target.start + j]))
                    tot += (v - mean) * (v - mean)
                }
            }
            return tot > 0 ? 1 - res / tot : 0
        }
    }

    /// The regressor as an `EmbeddingModel` (shares the weights), so every `Explainer` applies;
    /// its blocks follow the targets (or the contrastive layout it mirrors).
    public func embeddingModel() throws -> EmbeddingModel {
        try EmbeddingModel(encoder: encoder, configuration: layoutConfiguration)
    }

    /// The regressor as a window model for the time-series explainers.
    public var timeSeriesModel: TimeSeriesModel { TimeSeriesModel(encoder: encoder) }
}
