import Foundation

/// A `FILE[:KEY]` argument (CEBRA's `load_data(file, key)`): the file and the array inside it
/// (npz member, HDF5 dataset path, MATLAB variable, CSV column list is not a key).
///
/// Parsing: when the whole text names an existing file it is the file; otherwise the text is split at the
/// last ':' and the left part must exist. ":KEY", or a bare KEY that is no file, names a key in
/// `defaultFile` (for behaviour: the neural file) when that holds several arrays (npz, HDF5, MAT).
public struct ArraySpec: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var key: String?

    public init(file: String, key: String? = nil) {
        self.file = file
        self.key = key
    }

    /// Parses `text`; `defaultFile` is used for ":KEY" and for a bare KEY that is not a file.
    public init(parsing text: String, defaultFile: String? = nil) throws(RecordingError) {
        let fm = FileManager.default
        if fm.fileExists(atPath: text) {
            self.init(file: text)
            return
        }
        if let colon = text.lastIndex(of: ":") {
            let file = String(text[..<colon]), key = String(text[text.index(after: colon)...])
            if file.isEmpty, let defaultFile { self.init(file: defaultFile, key: key.isEmpty ? nil : key); return }
            if fm.fileExists(atPath: file) { self.init(file: file, key: key.isEmpty ? nil : key); return }
        }
        if let defaultFile, ArraySpec.isContainer(defaultFile), !text.isEmpty {
            self.init(file: defaultFile, key: text)
            return
        }
        throw RecordingError(.fileNotFound, file: text, "no such file", hint: "give FILE or FILE:KEY (npz member, HDF5 dataset, MATLAB variable)")
    }

    /// Formats that hold several named arrays.
    static func isContainer(_ file: String) -> Bool {
        ["npz", "h5", "hdf5", "mat", "nwb"].contains(URL(fileURLWithPath: file).pathExtension.lowercased())
    }

    public var description: String { key.map { "\(file):\($0)" } ?? file }
}
