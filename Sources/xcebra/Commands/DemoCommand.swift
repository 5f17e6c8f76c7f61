import ArgumentParser
import Foundation
import NeuralNetworks
import Tensors

/// The built-in default job. Until the full pipeline lands it trains the `offset1-model-mse`
/// encoder (50 → 180 → 180 → 60 → 6, exact GELU) with the exact Jacobian regulariser to decode a
/// simulated 6-D latent random walk from 50 nonlinearly mixed "neurons", and reports held-out R².
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the built-in default job on simulated data (no user data needed).")

    @OptionGroup var global: GlobalOptions

    @Option(help: "Output folder (created; an existing one is reused).")
    var out = "demo-out"

    @Option(help: "Training steps.")
    var steps = 600

    @Option(help: "Batch size.")
    var batchSize = 512

    @Option(help: "Jacobian regulariser weight λ (0 switches it off).")
    var jacobianWeight: Float = 1e-3

    func run() throws {
        global.configureRuntime()
        let rng = Xoshiro256(seed: global.seed)
        var dataRNG = rng.stream(0), modelRNG = rng.stream(1), batchRNG = rng.stream(2)
        let t = 20_000, latents = 6, neurons = 50
        // latent random walk in [-1, 1]^6, mixed by a fixed random two-layer network
        var z = Tensor(zeros: [t, latents])
        for i in 1..<t { for k in 0..<latents {
            z.scalars[i * latents + k] = Float(dataRNG.truncatedNormal(mean: Double(z.scalars[(i - 1) * latents + k]), std: 0.1, lower: -1, upper: 1))
        } }
        let a = dataRNG.normalTensor([neurons, latents], std: 1), b = dataRNG.normalTensor([neurons, neurons], std: 0.3)
        let x = GradMode.withoutGradient {
            Variable.matmul(Variable.matmul(Variable(z), Variable(a), transposeB: true).tanh(), Variable(b), transposeB: true).value
        }
        let split = t * 4 / 5
        let model = try EncoderRegistry.make("offset1-model-mse", neurons: neurons, outputDimension: latents, using: &modelRNG)
        let opt = Adam(parameters: model.parameters, learningRate: 1e-3)
        print("xcebra demo: T = \(t) samples, \(neurons) neurons, \(latents) latents; \(model.name) with \(model.parameterCount) parameters; seed \(global.seed)")
        let bar = ProgressBar(title: "train", total: steps)
        for step in 1...steps {
            let idx = (0..<batchSize).map { _ in batchRNG.uniformInt(below: split) }
            let xb = Variable(x.gatherRows(idx), requiresGradient: jacobianWeight > 0)
            let y = model(xb)
            let mse = (y - Variable(z.gatherRows(idx))).squared().mean()
            var loss = mse
            var penalty: Float = 0
            if jacobianWeight > 0 {
                let r = JacobianPenalty.exact(output: y, input: xb)
                penalty = r.value.scalar
                loss = loss + r * jacobianWeight
            }
            opt.update(gradients: gradients(of: loss, withRespectTo: model.parameters).map(\.value))
            bar.update(step, status: String(format: "mse %.4f  R %.3g", mse.value.scalar, penalty))
        }
        let test = Array(split..<t)
        let pred = GradMode.withoutGradient { model(Variable(x.gatherRows(test))).value }
        let truth = z.gatherRows(test)
        var r2: [Double] = []
        for k in 0..<latents {
            var ss = 0.0, st = 0.0, mean = 0.0
            for r in 0..<test.count { mean += Double(truth[r, k]) }
            mean /= Double(test.count)
            for r in 0..<test.count {
                ss += Double((pred[r, k] - truth[r, k]) * (pred[r, k] - truth[r, k]))
                st += (Double(truth[r, k]) - mean) * (Double(truth[r, k]) - mean)
            }
            r2.append(1 - ss / st)
            print(String(format: "held-out R² latent %d: %.3f", k, 1 - ss / st))
        }
        let dir = URL(fileURLWithPath: out)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let config = ["model": model.name, "seed": String(global.seed), "steps": String(steps), "batch_size": String(batchSize),
                      "jacobian_weight": String(jacobianWeight), "xcebra": ToolkitVersion.string]
        try ModelState.capture(model: model, optimizer: opt, metadata: config).write(to: dir.appendingPathComponent("model.ckpt"))
        let summary: [String: Any] = ["parameters": config, "heldout_r2": r2, "blas": NumericRuntime.blasDescription,
                                      "threads": global.threads]
        try AtomicFile.write(try JSONSerialization.data(withJSONObject: summary, options: [.prettyPrinted, .sortedKeys]),
                             to: dir.appendingPathComponent("summary.json"))
        print("wrote \(dir.path)/model.ckpt and summary.json")
    }
}
