import Foundation

/// One numeric array read from a CEBRA-style input, with where it came from.
public struct LoadedArray: Sendable, Equatable {
    public var spec: ArraySpec
    /// The key actually read (npz member, HDF5 dataset path, MATLAB variable) or the file stem.
    public var name: String
    public var array: NumericArray
    /// Column names from a CSV header, when the file has one.
    public var columnNames: [String]?
}

/// Reads any CEBRA-style array input (data-formats §2, `cebra.load_data` semantics): `.npy`; `.npz` (KEY =
/// member, default the first numeric one); `.h5`/`.hdf5` (KEY = dataset path, default the first numeric
/// dataset in name order); `.csv` (numeric; a non-numeric first row = column names); `.mat` v7.3
/// (KEY = variable; dimensions reversed back to MATLAB's order). Rejected with "re-save as .npz": pickles
/// (`.pkl .p .jl .pickle`), torch files (`.pt .pth`), MATLAB v5, DeepLabCut/pandas HDF5.
public enum ArrayFile {
    static let pickleExtensions: Set<String> = ["pkl", "p", "jl", "pickle", "pt", "pth", "joblib"]

    public static func read(_ spec: ArraySpec) throws(RecordingError) -> LoadedArray {
        let path = spec.file
        let ext = URL(fileURLWithPath: path).pathExtension.lowercased()
        let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        if pickleExtensions.contains(ext) {
            throw RecordingError(.unsupported, file: path, "\(ext == "pt" || ext == "pth" ? "PyTorch files are" : "Python pickles are") "
                                 + "executable code and are never loaded", hint: "re-save as .npz (numeric arrays only)")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw RecordingError(.fileNotFound, file: path, "file not found", hint: "check the path")
        }
        let head = FileSignature.head(path, count: 8) ?? []
        func noKey(_ format: String) throws(RecordingError) {
            if let key = spec.key {
                throw RecordingError(.invalidArgument, file: path, object: key, "a \(format) file holds one array; a key makes no sense here",
                                     hint: "drop ':\(key)'")
            }
        }
        switch ext {
        case "npy":
            try noKey(".npy")
            return LoadedArray(spec: spec, name: stem, array: try NPY.read(path), columnNames: nil)
        case "npz":
            return try readNPZ(spec)
        case "csv", "tsv", "txt":
            try noKey("CSV")
            let t = try CSVTable.read(path)
            let header = t.columns != t.columns.indices.map(String.init)
            return LoadedArray(spec: spec, name: stem, array: NumericArray(shape: [t.rowCount, t.columns.count], values: t.values, dtype: "csv"),
                               columnNames: header ? t.columns : nil)
        case "mat":
            let (name, array) = try MATFile.read(path, variable: spec.key)
            return LoadedArray(spec: spec, name: name, array: array, columnNames: nil)
        default:
            if FileSignature.matches(head, .npy) { try noKey(".npy"); return LoadedArray(spec: spec, name: stem, array: try NPY.read(path)) }
            if FileSignature.matches(head, .zip) {
                return try readNPZ(spec)
            }
            if head.first == 0x80, let version = head.dropFirst().first, (2...5).contains(version) {
                throw RecordingError(.unsupported, file: path, "this is a Python pickle (protocol \(version)); pickles are never loaded",
                                     hint: "re-save as .npz (numeric arrays only)")
            }
            return try readHDF5(spec, stem: stem)
        }
    }

    private static func readNPZ(_ spec: ArraySpec) throws(RecordingError) -> LoadedArray {
        var key = spec.key
        if key == nil { key = try firstNumericKey(spec.file) }
        return LoadedArray(spec: spec, name: key!, array: try NPZ.read(spec.file, key: key), columnNames: nil)
    }

    private static func firstNumericKey(_ path: String) throws(RecordingError) -> String {
        for key in try NPZ.keys(path) where (try? NPZ.read(path, key: key)) != nil { return key }
        throw RecordingError(.empty, file: path, "the archive holds no numeric array", hint: "re-save as .npz (numeric arrays only)")
    }

    /// Generic HDF5 (not NWB): the named dataset, else the first numeric one.
    static func readHDF5(_ spec: ArraySpec, stem: String) throws(RecordingError) -> LoadedArray {
        let path = spec.file
        let file = try HDF5File.open(path)
        if (try file.stringAttribute("neurodata_type")) != nil {
            throw RecordingError(.invalidArgument, file: path, "this is an NWB file, not a plain array file",
                                 hint: "load it as the recording itself (NWB series are chosen with --neural /path)")
        }
        let nodes = try file.walk()
        for node in nodes where node.target == .group {
            if (try? file.group(node.path).hasAttribute("pandas_type")) == true {
                throw RecordingError(.unsupported, file: path, object: node.path,
                                     "a pandas DataFrame HDF5 file (DeepLabCut writes these) needs pandas/PyTables to read",
                                     hint: "export the table as CSV (DeepLabCut: --save_as_csv), or re-save as .npz (numeric arrays only)")
            }
        }
        let datasets = nodes.filter { $0.target == .dataset }.map(\.path)
        let chosen: String
        if let key = spec.key {
            let full = key.hasPrefix("/") ? key : "/" + key
            guard file.kind(of: full) == .dataset else {
                throw RecordingError(.missingObject, file: path, object: full, "no dataset '\(full)'",
                                     hint: "datasets: " + datasets.prefix(20).joined(separator: ", "))
            }
            chosen = full
        } else {
            guard let first = datasets.first(where: { (try? file.dataset($0).elementType().isNumeric) == true }) else {
                throw RecordingError(.empty, file: path, "the HDF5 file holds no numeric dataset")
            }
            chosen = first
        }
        let a = try file.dataset(chosen).readDoubles()
        return LoadedArray(spec: spec, name: chosen, array: NumericArray(shape: a.shape, values: a.values, dtype: "hdf5"), columnNames: nil)
    }
}
