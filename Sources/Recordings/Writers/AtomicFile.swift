import Foundation

/// Outputs are written to a temporary name beside the target and renamed into place, so a reader never sees
/// a half-written file and an existing file is replaced only by a complete one.
public enum AtomicFile {
    /// A temporary path in the same directory as `path` (same file system, so rename is atomic).
    public static func temporaryPath(for path: String) -> String { path + ".tmp-\(UUID().uuidString)" }

    /// Renames `tmp` to `path`, replacing any existing file; removes `tmp` on failure.
    public static func moveIntoPlace(_ tmp: String, _ path: String) throws(RecordingError) {
        if rename(tmp, path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: tmp)
            throw RecordingError(.writeFailed, file: path, "cannot move the finished file into place: \(reason)")
        }
    }
}

/// Removes a file, ignoring errors (cleanup of temporaries).
func unlinkQuietly(_ path: String) { try? FileManager.default.removeItem(atPath: path) }
