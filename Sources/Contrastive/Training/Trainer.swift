import Foundation
import NeuralNetworks
import Recordings
import Tensors

/// Trains one xCEBRA encoder on one session.
///
/// Each step draws B references and B negatives shared by all objectives, one positive batch per
/// objective, embeds them (references in their own pass, so the Jacobian regulariser
/// differentiates only them), optionally L2-normalises each disjoint block, and minimises
///
///     Σ_k w_k · InfoNCE_k  +  λ(step) · Σ_k R_k,    R_k = ½·mean_b ‖∂y_b[slice_k]/∂x_b‖²_F
///
/// with Adam. R is not computed at all while the schedule is off. Random streams, all derived
/// from `configuration.seed`: 0 = encoder initialisation, 1 = batch sampling, 2 = regulariser
/// projections. Same seed and BLAS thread count ⇒ bit-identical parameters.
public final class Trainer {
    public let configuration: TrainingConfiguration
    public let layout: ObjectiveLayout
    public let encoder: Encoder
    public let optimizer: Adam
    /// θ = ln(1/τ) per objective with a learnable temperature (nil for fixed).
    public let logInverseTemperatures: [Variable?]
    public internal(set) var step = 0
    public internal(set) var records: [TrainingRecord] = []

    let windows: SessionWindows
    let indices: IndexSampler
    let samplers: [any PositiveSampler]
    var batchRNG: Xoshiro256
    var projectionRNG: Xoshiro256

    public init(configuration: TrainingConfiguration, session: Session) throws {
        NumericRuntime.ensureConfigured()
        layout = try configuration.validate()
        self.configuration = configuration
        let t = session.sampleCount
        guard configuration.batchSize <= t else {
            throw ConfigurationError.invalid("batch size \(configuration.batchSize) exceeds the \(t) samples of session '\(session.id)'; the largest allowed batch is \(t)")
        }
        let root = Xoshiro256(seed: configuration.seed)
        var initRNG = root.stream(0)
        do {
            encoder = try EncoderRegistry.make(configuration.model, neurons: session.neuronCount, outputDimension: configuration.outputDimension,
                                               hiddenUnits: configuration.hiddenUnits, using: &initRNG)
        } catch let e as EncoderRegistry.RegistryError {
            throw ConfigurationError.invalid(e.description)
        }
        batchRNG = root.stream(1)
        projectionRNG = root.stream(2)
        windows = SessionWindows(neural: session.neural, offset: encoder.offset)
        var mask = session.valid
        let heldOut = Int((Double(t) * configuration.heldOutFraction).rounded())
        if heldOut > 0 { for i in (t - heldOut)..<t { mask[i] = false } }
        let indices = try IndexSampler(sampleCount: t, offset: encoder.offset, valid: mask)
        self.indices = indices
        var trainingSession = session
        trainingSession.valid = mask
        let indexSampler = indices
        samplers = try configuration.objectives.map { try makePositiveSampler($0.positives, session: trainingSession, indices: indexSampler) }
        logInverseTemperatures = configuration.objectives.enumerated().map { k, o in
            if case .learnable = o.criterion.temperature {
                return Variable(Tensor(shape: [1], scalars: [o.criterion.temperature.initialLogInverse]), requiresGradient: true,
                                name: "criterion.\(k).log_inverse_temperature")
            }
            return nil
        }
        optimizer = Adam(parameters: encoder.parameters + logInverseTemperatures.compactMap { $0 },
                         learningRate: Float(configuration.learningRate), weightDecay: Float(configuration.weightDecay))
    }

    /// Encoder parameters followed by learnable temperatures, with checkpoint names.
    public var namedParameters: [(name: String, parameter: Variable)] {
        encoder.namedParameters.map { ("encoder.\($0.name)", $0.parameter) }
            + logInverseTemperatures.compactMap { $0.map { ($0.name!, $0) } }
    }

    /// The encoder output after the optional block renormalisation.
    public func embed(_ x: Variable) -> Variable {
        let y = encoder(x)
        guard configuration.renormalize else { return y }
        return Variable.concatenate(layout.blocks.map { y.slice(axis: 1, $0).l2NormalizedRows() }, axis: 1)
    }

    /// Runs one optimisation step and returns its record.
    @discardableResult
    public func trainStep() throws -> TrainingRecord {
        let started = DispatchTime.now().uptimeNanoseconds
        let b = configuration.batchSize
        let refs = indices.draw(b, using: &batchRNG)
        let negs = indices.draw(b, using: &batchRNG)
        let positives = samplers.map { $0.positives(for: refs, using: &batchRNG) }
        let lambda = configuration.regularizerSchedule.weight(atStep: step)

        let xRef = Variable(windows.batch(refs), requiresGradient: lambda != nil)
        let yRef = embed(xRef)
        var penalty: (sums: Variable, weights: [Float], slices: [[Int]])?
        if lambda != nil {
            let plan = regularizerSeeds()
            penalty = (JacobianPenalty.squaredNorms(output: yRef, input: xRef, seeds: plan.seeds), plan.unitWeights, plan.objectivesOfSeed)
        }
        let yOther = embed(Variable(windows.batch(negs + positives.flatMap { $0 })))
        let yNeg = yOther.slice(axis: 0, 0..<b)

        var total: Variable?
        var terms: [TrainingRecord.ObjectiveTerms] = []
        for (k, objective) in configuration.objectives.enumerated() {
            let s = objective.slice
            let yPos = yOther.slice(axis: 0, ((k + 1) * b)..<((k + 2) * b))
            let (loss, align, uniform) = objective.criterion(
                reference: yRef.slice(axis: 1, s), positive: yPos.slice(axis: 1, s), negative: yNeg.slice(axis: 1, s),
                logInverseTemperature: logInverseTemperatures[k])
            let weighted = objective.weight == 1 ? loss : loss * Float(objective.weight)
            total = total.map { $0 + weighted } ?? weighted
            terms.append(.init(loss: Double(loss.value.scalar), alignment: Double(align.value.scalar),
                               uniformity: Double(uniform.value.scalar),
                               temperature: objective.criterion.currentTemperature(logInverseTemperature: logInverseTemperatures[k]?.value.scalar),
                               jacobian: nil))
        }
        if let penalty, let lambda {
            // λ·Σ_k R_k = λ·Σ_j u_j·|owners_j|·S_j, with S_j the squared norm of seed j's products.
            let w = penalty.weights.enumerated().map { Float(lambda) * $1 * Float(penalty.slices[$0].count) }
            total = total! + (penalty.sums * Variable(Tensor(shape: [w.count], scalars: w))).sum()
            for (j, owners) in penalty.slices.enumerated() {
                let r = Double(penalty.weights[j] * penalty.sums.value.scalars[j])
                for k in owners { terms[k].jacobian = (terms[k].jacobian ?? 0) + r }
            }
        }
        let totalValue = Double(total!.value.scalar)
        guard totalValue.isFinite else { throw TrainingError.nonFinite(step: step, what: "the loss (\(totalValue))") }
        let grads = gradients(of: total!, withRespectTo: optimizer.parameters).map(\.value)
        if let bad = grads.firstIndex(where: { !$0.isFinite }) {
            throw TrainingError.nonFinite(step: step, what: "the gradient of \(namedParameters[bad].name)")
        }
        optimizer.update(gradients: grads)
        let record = TrainingRecord(step: step, total: totalValue, objectives: terms, regularizerWeight: lambda,
                                    seconds: Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
        if step % configuration.logEvery == 0 || step == configuration.steps - 1 { records.append(record) }
        step += 1
        return record
    }

    /// Seeds of the regulariser's reverse passes, each with its unit weight u_j and the objectives it
    /// belongs to, so that R_k = Σ_{j ∋ k} u_j·S_j (S_j = Σ_b ‖s_{j,b}ᵀJ_b‖²).
    ///
    /// Exact: one one-hot seed per embedding column used by any slice, u = ½/B; a column shared
    /// by two slices enters both R_k (penalised twice, as in CEBRA). Random projection: per
    /// slice and projection one unit-vector seed on the slice, u = ½·C_k/(n_proj·B), so that
    /// E[R̂_k] = R_k.
    func regularizerSeeds() -> (seeds: [Tensor], unitWeights: [Float], objectivesOfSeed: [[Int]]) {
        let b = configuration.batchSize, d = configuration.outputDimension
        let half = 0.5 / Float(b)
        var seeds: [Tensor] = [], weights: [Float] = [], owners: [[Int]] = []
        switch configuration.regularizerEstimator {
        case .exact:
            for i in 0..<d {
                let containing = configuration.objectives.indices.filter { configuration.objectives[$0].slice.contains(i) }
                if containing.isEmpty { continue }
                seeds.append(JacobianPenalty.oneHotSeed(batch: b, columns: d, column: i))
                weights.append(half)
                owners.append(containing)
            }
        case .randomProjection(let n):
            for (k, o) in configuration.objectives.enumerated() {
                for _ in 0..<n {
                    seeds.append(JacobianPenalty.projectionSeed(batch: b, columns: d, slice: o.slice, using: &projectionRNG))
                    weights.append(half * Float(o.slice.count) / Float(n))
                    owners.append([k])
                }
            }
        }
        return (seeds, weights, owners)
    }

    /// Trains until `configuration.steps`, calling `progress` after every step and `checkpoint`
    /// every `checkpointEvery` steps.
    public func train(progress: ((TrainingRecord) -> Void)? = nil, checkpoint: ((Checkpoint) throws -> Void)? = nil) throws {
        while step < configuration.steps {
            let r = try trainStep()
            progress?(r)
            if let checkpoint, configuration.checkpointEvery > 0, step % configuration.checkpointEvery == 0, step < configuration.steps {
                try checkpoint(self.checkpoint())
            }
        }
    }

    /// The embedding `[T, d]` of a whole session (after renormalisation), in chunks so memory
    /// stays bounded; convolutional models use edge-replicated windows at the ends.
    public func transform(_ neural: Tensor, chunk: Int = 4096) -> Tensor {
        let w = SessionWindows(neural: neural, offset: encoder.offset)
        let t = neural.shape[0]
        var parts: [Tensor] = []
        GradMode.withoutGradient {
            var start = 0
            while start < t {
                let end = Swift.min(start + chunk, t)
                parts.append(embed(Variable(w.paddedBatch(start..<end))).value)
                start = end
            }
        }
        return parts.isEmpty ? Tensor(zeros: [0, configuration.outputDimension]) : Tensor.concatenate(parts, axis: 0)
    }
}
