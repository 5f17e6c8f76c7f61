/// Why a checkpoint could not be read or applied.
public enum CheckpointError: Error, CustomStringConvertible, Equatable {
    /// The file is not an xcebra checkpoint (wrong magic bytes).
    case notACheckpoint(path: String)
    /// Written by a newer format version than this build reads.
    case unsupportedVersion(path: String, found: UInt32, supported: UInt32)
    /// Truncated, or the header disagrees with the data.
    case corrupt(path: String, reason: String)
    /// The checkpoint does not fit the model it is loaded into.
    case mismatch(String)

    public var description: String {
        switch self {
        case .notACheckpoint(let p):
            return "\(p) is not an xcebra checkpoint (magic bytes differ) — pass a model.ckpt written by `xcebra train`"
        case .unsupportedVersion(let p, let f, let s):
            return "\(p) uses checkpoint format version \(f); this build reads up to version \(s) — update xcebra"
        case .corrupt(let p, let r):
            return "\(p) is damaged: \(r)"
        case .mismatch(let r):
            return "checkpoint does not fit the model: \(r)"
        }
    }
}
