/// A problem with a user's input or output file, typed so callers and tests can branch on `kind`.
///
/// Rendered as one line, `error: <message> (<file>[:<object>]) — <hint>` (data-formats §4),
/// except `.hdf5TooNew`, which carries the exact sentence of swift-stack §3.
public struct RecordingError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        /// The path does not exist or cannot be opened.
        case fileNotFound
        /// The file's signature is not the expected format (not HDF5, not ZIP, not NPY, ...).
        case unrecognisedFormat
        /// The file uses an HDF5 format newer than the linked library can decode.
        case hdf5TooNew
        /// Any other HDF5 library failure (the raw stack is in `detail`).
        case hdf5Failure
        /// A required dataset, group, attribute, key, column or file is absent.
        case missingObject
        /// An object has the wrong element type (e.g. strings where numbers are expected).
        case wrongType
        /// An object has the wrong rank or size.
        case wrongShape
        /// A ragged index column is inconsistent with its data (decreasing, out of range).
        case inconsistentIndex
        /// Timestamps are not strictly increasing.
        case nonMonotonicTimestamps
        /// NaN or ±Inf in neural data (policy: rejected, never silently imputed).
        case nonFinite
        /// No units, no spikes, no ROIs or no samples where some are required.
        case empty
        /// A format or variant that is deliberately unsupported (NWB 1.x, pickles, object arrays).
        case unsupported
        /// No neural data could be found in the file.
        case noNeuralData
        /// A value the reader needs (frame rate, sample rate) is not in the file.
        case missingParameter
        /// Text that does not parse (npy header, CSV cell, params.py line, TSV).
        case malformed
        /// Neural and behaviour time ranges do not overlap.
        case noOverlap
        /// Which axis of an array is time cannot be told from the shapes (pass a time-axis hint).
        case ambiguousOrientation
        /// A caller-supplied option is invalid (bin width ≤ 0, unknown series name, ...).
        case invalidArgument
        /// Writing an output file failed.
        case writeFailed
    }

    public var kind: Kind
    /// The file concerned (as given by the user).
    public var file: String
    /// The object inside the file (HDF5 path, npz key, CSV column, ...), when relevant.
    public var object: String?
    /// What went wrong, including what was expected.
    public var message: String
    /// What the user can do about it.
    public var hint: String?
    /// Raw library diagnostics (HDF5 error stack), shown only with `--verbose`.
    public var detail: String?

    public init(_ kind: Kind, file: String, object: String? = nil, _ message: String, hint: String? = nil, detail: String? = nil) {
        self.kind = kind
        self.file = file
        self.object = object
        self.message = message
        self.hint = hint
        self.detail = detail
    }

    /// `file` or `file:object`.
    public var location: String { object.map { "\(file):\($0)" } ?? file }

    public var description: String {
        if kind == .hdf5TooNew { return "error: " + message }
        var s = "error: \(message) (\(location))"
        if let hint { s += " — \(hint)" }
        return s
    }
}
