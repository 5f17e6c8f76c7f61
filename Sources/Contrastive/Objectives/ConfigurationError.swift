/// A training configuration that cannot work, with the reason and what to change.
public enum ConfigurationError: Error, CustomStringConvertible, Equatable {
    case invalid(String)

    public var description: String {
        switch self { case .invalid(let s): return s }
    }
}
