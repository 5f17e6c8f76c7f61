import Foundation

/// MATLAB `.mat` files (data-formats §2). Version 7.3 is HDF5 behind a 512-byte user block whose text
/// starts "MATLAB 7.3 MAT-file": every variable is a root dataset with a `MATLAB_class` attribute, stored
/// column-major, so HDF5 shows the dimensions **reversed** (a T × N MATLAB matrix reads as (N, T)); the
/// reader reverses them back. Version 5 and older (scipy.io.savemat's default, Suite2p's Fall.mat) are not
/// HDF5 and are rejected with the advice to re-save.
public enum MATFile {
    /// True for a v7.3 (HDF5) MAT file; throws `.unsupported` for v4/v5 MAT files.
    static func requireV73(_ path: String) throws(RecordingError) {
        let head = FileSignature.head(path, count: 128) ?? []
        let text = String(decoding: head.prefix(20), as: UTF8.self)
        if text.hasPrefix("MATLAB 5.0") || (head.count >= 128 && !text.hasPrefix("MATLAB 7.3") && (try? FileSignature.require(path, is: .hdf5)) == nil) {
            throw RecordingError(.unsupported, file: path, "MATLAB v5 (or older) MAT-file: not HDF5, cannot be read without MATLAB or scipy",
                                 hint: "re-save as .npz (numeric arrays only), or in MATLAB with save(..., '-v7.3')")
        }
        try FileSignature.require(path, is: .hdf5)
    }

    /// Variable names (root datasets), in name order.
    public static func variables(_ path: String) throws(RecordingError) -> [String] {
        try requireV73(path)
        return try HDF5File.open(path).children().filter { $0.target == .dataset }.map(\.name)
    }

    /// Reads variable `name` (default: the first numeric root dataset) with MATLAB's dimension order.
    public static func read(_ path: String, variable name: String? = nil) throws(RecordingError) -> (name: String, array: NumericArray) {
        try requireV73(path)
        let file = try HDF5File.open(path)
        let candidates = try file.children().filter { $0.target == .dataset }.map(\.name)
        let chosen: String
        if let name {
            guard candidates.contains(name) else {
                throw RecordingError(.missingObject, file: path, object: name, "no variable '\(name)' in the MAT-file",
                                     hint: "variables: " + candidates.joined(separator: ", "))
            }
            chosen = name
        } else {
            let numeric: (String) -> Bool = { name in
                guard let d = try? file.dataset(name), (try? d.elementType().isNumeric) == true else { return false }
                let c = (try? d.stringAttribute("MATLAB_class")) ?? nil
                return c != "char" && c != "cell" && c != "struct"
            }
            guard let first = candidates.first(where: numeric) else {
                throw RecordingError(.empty, file: path, "the MAT-file holds no numeric variable",
                                     hint: candidates.isEmpty ? "it is empty" : "variables: " + candidates.joined(separator: ", "))
            }
            chosen = first
        }
        let d = try file.dataset(chosen)
        let matlabClass = try d.stringAttribute("MATLAB_class") ?? "?"
        let numericClasses: Set<String> = ["double", "single", "int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64",
                                           "logical", "?"]
        guard try d.elementType().isNumeric, numericClasses.contains(matlabClass) else {
            throw RecordingError(.wrongType, file: path, object: chosen, "variable of MATLAB class '\(matlabClass)' is not a numeric matrix",
                                 hint: "store numeric matrices (double, single, integer, logical)")
        }
        let a = try d.readDoubles()
        return (chosen, NumericArray(shape: a.shape.reversed(), values: reverseAxes(a.values, shape: a.shape), dtype: "matlab:\(matlabClass)"))
    }

    /// Row-major values of `shape` re-laid out as row-major for the reversed shape (a full transpose).
    static func reverseAxes(_ values: [Double], shape: [Int]) -> [Double] {
        guard shape.count > 1 else { return values }
        // Row-major storage of `shape` is column-major storage of `shape.reversed()`.
        return NPY.fortranToRowMajor(values, shape: shape.reversed())
    }
}
