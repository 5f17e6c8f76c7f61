/// Whether operations on `Variable`s are recorded for differentiation.
///
/// The flag is task-local (and so thread-local outside tasks): concurrent tests or sessions
/// can run inference and training side by side without affecting each other.
public enum GradMode {
    @TaskLocal public static var isEnabled: Bool = true

    /// Runs `body` without recording: results are constants (inference, evaluation, optimiser).
    public static func withoutGradient<T>(_ body: () throws -> T) rethrows -> T {
        try $isEnabled.withValue(false, operation: body)
    }

    /// Runs `body` with recording set to `enabled`.
    public static func with<T>(enabled: Bool, _ body: () throws -> T) rethrows -> T {
        try $isEnabled.withValue(enabled, operation: body)
    }
}
