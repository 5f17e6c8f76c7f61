import CHDF5
import Foundation

/// An open HDF5 object (file, group or dataset): owns its identifier and closes it on deinit.
///
/// HDF5's thread-safe build serialises calls through a global lock, so a handle may be used from any
/// thread; it must not be used after its owner is gone (it cannot: the handle is the owner).
public class HDF5Object: @unchecked Sendable {
    let id: hid_t
    /// Path of the file on disk, for error messages.
    public let filePath: String
    /// Absolute path of the object inside the file ("/" for the root).
    public let path: String
    private let close: (hid_t) -> herr_t

    init(id: hid_t, filePath: String, path: String, close: @escaping (hid_t) -> herr_t) {
        self.id = id
        self.filePath = filePath
        self.path = path
        self.close = close
    }

    deinit { _ = close(id) }

    /// Absolute path of `name` relative to this object.
    func childPath(_ name: String) -> String {
        if name.hasPrefix("/") { return name }
        return path == "/" ? "/" + name : path + "/" + name
    }

    func error(_ kind: RecordingError.Kind, _ message: String, object: String? = nil, hint: String? = nil) -> RecordingError {
        RecordingError(kind, file: filePath, object: object ?? path, message, hint: hint)
    }

    func failure(_ what: String, object: String? = nil, expected: String? = nil) -> RecordingError {
        HDF5Library.failure(what, file: filePath, object: object ?? path, expected: expected)
    }
}

/// What a link inside a group points to.
public enum HDF5LinkTarget: Sendable, Equatable {
    case group
    case dataset
    /// A soft link and the path it names (opening through it follows the link).
    case softLink(String)
    /// A link into another file: NWB readers treat this as an error.
    case externalLink
    /// A named datatype or anything else.
    case other
}

/// A child of a group.
public struct HDF5Link: Sendable, Equatable {
    public var name: String
    public var path: String
    public var target: HDF5LinkTarget
}
