import NeuralNetworks
import Testing
import Tensors
@testable import Contrastive

/// The trainer's per-column regulariser must equal the per-slice definition
/// R_k = ½·mean_b‖∂y_b[slice_k]/∂x_b‖²_F computed with one backward pass per output column.
@Suite struct RegularizerEquivalenceTests {
    private func trainer(_ estimator: JacobianEstimator, renormalize: Bool) throws -> Trainer {
        let s = TestSessions.randomWalk(t: 300)
        let c = InfoNCE(similarity: .cosine)
        let config = TrainingConfiguration(
            model: "offset5-model", outputDimension: 5, hiddenUnits: 8,
            objectives: [Objective(slice: 0..<5, criterion: c, positives: .time(offset: 1)),
                         Objective(slice: 2..<5, criterion: c, positives: .timeDelta(delta: 1, variables: ["position"]))],
            renormalize: renormalize, batchSize: 16, steps: 1, regularizerSchedule: .constant(weight: 1),
            regularizerEstimator: estimator, seed: 4)
        return try Trainer(configuration: config, session: s)
    }

    @Test(arguments: [false, true])
    func exactPerColumnPenaltyEqualsPerSliceDefinition(renormalize: Bool) throws {
        let t = try trainer(.exact, renormalize: renormalize)
        var rng = Xoshiro256(seed: 1)
        let x = t.windows.batch((0..<16).map { _ in 2 + rng.uniformInt(below: 290) })
        let plan = t.regularizerSeeds()
        let xs = Variable(x, requiresGradient: true)
        let sums = JacobianPenalty.squaredNorms(output: t.embed(xs), input: xs, seeds: plan.seeds)
        for (k, o) in t.configuration.objectives.enumerated() {
            var rk = 0.0
            for (j, owners) in plan.objectivesOfSeed.enumerated() where owners.contains(k) {
                rk += Double(plan.unitWeights[j] * sums.value.scalars[j])
            }
            let xv = Variable(x, requiresGradient: true)
            let reference = JacobianPenalty.exact(output: t.embed(xv).slice(axis: 1, o.slice), input: xv)
            #expect(abs(rk - Double(reference.value.scalar)) < 1e-4 * max(1, rk), "objective \(k): \(rk) vs \(reference.value.scalar)")
        }
    }

    @Test func projectionPenaltyIsUnbiased() throws {
        let t = try trainer(.randomProjection(count: 1), renormalize: false)
        var rng = Xoshiro256(seed: 2)
        let x = t.windows.batch((0..<16).map { _ in 2 + rng.uniformInt(below: 290) })
        let xv = Variable(x, requiresGradient: true)
        let exact = Double(JacobianPenalty.exact(output: t.embed(xv).slice(axis: 1, 2..<5), input: xv).value.scalar)
        var acc = 0.0
        let draws = 300
        for _ in 0..<draws {
            let plan = t.regularizerSeeds()
            let xs = Variable(x, requiresGradient: true)
            let sums = JacobianPenalty.squaredNorms(output: t.embed(xs), input: xs, seeds: plan.seeds)
            acc += Double(plan.unitWeights[1] * sums.value.scalars[1])
        }
        #expect(abs(acc / Double(draws) - exact) < 0.1 * exact, "mean \(acc / Double(draws)) vs exact \(exact)")
    }
}
