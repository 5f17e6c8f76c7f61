import Tensors

/// Saving and restoring a layer's parameters and an Adam optimiser's state in a `Checkpoint`.
///
/// Tensor names: "model.<parameter name>", "adam.m.<parameter name>", "adam.v.<parameter name>";
/// the Adam step count and hyper-parameters go into metadata ("adam.step", ...).
public enum ModelState {
    public static func capture(model: any Layer, optimizer: Adam? = nil, metadata: [String: String] = [:]) -> Checkpoint {
        var tensors: [(name: String, tensor: Tensor)] = model.namedParameters.map { ("model.\($0.name)", $0.parameter.value) }
        var meta = metadata
        if let opt = optimizer {
            let names = model.namedParameters.map(\.name)
            precondition(names.count == opt.parameters.count, "ModelState: optimiser does not belong to this model")
            for (i, n) in names.enumerated() { tensors.append(("adam.m.\(n)", opt.firstMoments[i])) }
            for (i, n) in names.enumerated() { tensors.append(("adam.v.\(n)", opt.secondMoments[i])) }
            meta["adam.step"] = String(opt.step)
            meta["adam.lr"] = String(opt.learningRate)
            meta["adam.betas"] = "\(opt.beta1),\(opt.beta2)"
            meta["adam.eps"] = String(opt.epsilon)
            meta["adam.weight_decay"] = String(opt.weightDecay)
        }
        return Checkpoint(tensors: tensors, metadata: meta)
    }

    /// Copies the saved parameters into `model` (and the saved state into `optimizer`).
    public static func restore(_ ckpt: Checkpoint, into model: any Layer, optimizer: Adam? = nil) throws {
        for (name, p) in model.namedParameters {
            guard let t = ckpt.tensor("model.\(name)") else { throw CheckpointError.mismatch("parameter '\(name)' is missing") }
            guard t.shape == p.shape else {
                throw CheckpointError.mismatch("parameter '\(name)' has shape \(t.shape) in the checkpoint, \(p.shape) in the model")
            }
            p.value = t
        }
        if let opt = optimizer {
            let names = model.namedParameters.map(\.name)
            var m: [Tensor] = [], v: [Tensor] = []
            for n in names {
                guard let a = ckpt.tensor("adam.m.\(n)"), let b = ckpt.tensor("adam.v.\(n)") else {
                    throw CheckpointError.mismatch("optimiser state for '\(n)' is missing")
                }
                m.append(a)
                v.append(b)
            }
            guard let s = ckpt.metadata["adam.step"].flatMap(Int.init) else { throw CheckpointError.mismatch("adam.step is missing") }
            try opt.restore(step: s, firstMoments: m, secondMoments: v)
        }
    }
}
