import CHDF5

/// Process-wide facts about the linked HDF5 library and the error-stack plumbing every wrapper uses.
///
/// Debian's HDF5 is built thread-safe: every API call takes one global lock, and the error stack and its
/// "auto print" setting are per thread. So each wrapper entry point calls `prepareThread()` (silences the
/// stderr dump on the current thread) and collects the stack on the same thread right after a failure.
public enum HDF5Library {
    /// Version of the linked library, e.g. "1.10.8".
    public static var version: String {
        var major: UInt32 = 0, minor: UInt32 = 0, release: UInt32 = 0
        H5get_libversion(&major, &minor, &release)
        return "\(major).\(minor).\(release)"
    }

    /// Silences HDF5's automatic error printing on the calling thread (cheap; idempotent).
    static func prepareThread() {
        H5Eset_auto2(hid_t(H5E_DEFAULT), nil, nil)
    }

    /// Lines of the current thread's error stack (innermost last), then clears it.
    static func takeErrorStack() -> [String] {
        final class Lines { var items: [String] = [] }
        let lines = Lines()
        let context = Unmanaged.passUnretained(lines).toOpaque()
        H5Ewalk2(hid_t(H5E_DEFAULT), H5E_WALK_DOWNWARD, { _, errorPointer, data in
            guard let errorPointer, let data else { return 0 }
            let e = errorPointer.pointee
            let lines = Unmanaged<Lines>.fromOpaque(data).takeUnretainedValue()
            let function = e.func_name.map { String(cString: $0) } ?? "?"
            let description = e.desc.map { String(cString: $0) } ?? ""
            var minor = [CChar](repeating: 0, count: 256)
            var major = [CChar](repeating: 0, count: 256)
            _ = H5Eget_msg(e.min_num, nil, &minor, 256)
            _ = H5Eget_msg(e.maj_num, nil, &major, 256)
            let minorText = String(decoding: minor.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let majorText = String(decoding: major.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            lines.items.append("\(function): \(description) [\(majorText) / \(minorText)]")
            return 0
        }, context)
        H5Eclear2(hid_t(H5E_DEFAULT))
        return lines.items
    }

    /// The exact user-facing sentence for files written with a newer HDF5 format (swift-stack §3).
    static func tooNewSentence(file: String, object: String) -> String {
        "cannot read \(file):\(object): the file uses an HDF5 format newer than this build's HDF5 \(version) can decode "
            + "(typically h5py libver='latest' or HDF5 2.x). Re-save it with default h5py/pynwb settings, "
            + "or with libver bounds ('earliest', 'v110')."
    }

    /// Builds the typed error for a failed HDF5 call, classifying "too new" stacks.
    static func failure(_ what: String, file: String, object: String, expected: String? = nil) -> RecordingError {
        let stack = takeErrorStack()
        let joined = stack.joined(separator: "\n")
        let lower = joined.lowercased()
        if lower.contains("decode") || lower.contains("version") {
            return RecordingError(.hdf5TooNew, file: file, object: object, tooNewSentence(file: file, object: object),
                                  detail: joined)
        }
        var message = what
        if let expected { message += "; expected \(expected)" }
        return RecordingError(.hdf5Failure, file: file, object: object, message,
                              hint: "run with --verbose to see the HDF5 error stack", detail: joined)
    }
}
