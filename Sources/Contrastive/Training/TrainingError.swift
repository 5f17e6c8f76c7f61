/// Why training stopped.
public enum TrainingError: Error, CustomStringConvertible, Equatable {
    /// The loss or a gradient became NaN or infinite; parameters are left at the last good step.
    case nonFinite(step: Int, what: String)
    /// A checkpoint does not describe a training run this build can resume.
    case incompatibleCheckpoint(String)

    public var description: String {
        switch self {
        case .nonFinite(let s, let w):
            return "training diverged at step \(s): \(w) is not finite — lower the learning rate, check the input for extreme values, or use a clipped/normalised model; the model is left at step \(s - 1)"
        case .incompatibleCheckpoint(let r):
            return "cannot resume from this checkpoint: \(r)"
        }
    }
}
