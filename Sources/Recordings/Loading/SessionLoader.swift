import Foundation

/// One entry point from a path on disk to a `Session`: picks the reader from what the path is,
/// then assembles (bins, aligns, preprocesses) with `PreprocessingOptions`.
///
/// | path | reader |
/// |---|---|
/// | folder with `spike_times.npy` and `params.py` | Kilosort/Phy |
/// | folder with `F.npy` (a Suite2p `plane<k>` folder) or `suite2p/plane0/F.npy` below it | Suite2p |
/// | file starting with the HDF5 signature and an NWB root | NWB 2.x |
/// | `.npy`, `.npz`, `.csv`, `.mat`, plain HDF5, or `FILE:KEY` | CEBRA-style arrays (`ArrayReader`, `Options.arrays`) |
/// | `.pkl`, `.p`, `.jl`, `.pt`, `.pth` | rejected: "re-save as .npz" |
public enum SessionLoader {
    /// Options that choose what to read; everything is recorded in the session's provenance.
    public struct Options: Sendable, Equatable {
        /// NWB: path or name of the neural series to use instead of the default choice.
        public var neural: String?
        /// NWB: behaviour series to keep (by path or name); nil keeps all.
        public var behaviour: [String]?
        /// Suite2p: frame rate when `ops.npy` has none; trace choice.
        public var frameRate: Double?
        public var suite2pTrace: Suite2pReader.Trace = .neuropilCorrected
        /// Kilosort: which clusters to keep.
        public var quality: KilosortReader.QualityFilter = .notNoise
        /// Array inputs: behaviour file/key, columns, names, sample rate or timestamps, time axis.
        public var arrays = ArrayReader.Options()
        public var preprocessing = PreprocessingOptions()

        public init() {}
    }

    public static func load(_ path: String, options: Options = Options()) throws(RecordingError) -> Session {
        try SessionAssembler.assemble(try read(path, options: options), options: options.preprocessing)
    }

    /// The raw contents, before assembly.
    public static func read(_ path: String, options: Options = Options()) throws(RecordingError) -> RecordingContents {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            if let spec = try? ArraySpec(parsing: path), spec.key != nil { return try ArrayReader.read(neural: path, options: options.arrays) }
            throw RecordingError(.fileNotFound, file: path, "no such file or folder", hint: "check the path")
        }
        if isDirectory.boolValue {
            let fm = FileManager.default
            func has(_ name: String) -> Bool { fm.fileExists(atPath: (path as NSString).appendingPathComponent(name)) }
            if has("spike_times.npy") { return try KilosortReader.read(path, quality: options.quality) }
            if has("F.npy") { return try Suite2pReader.read(path, fs: options.frameRate, trace: options.suite2pTrace) }
            if has("suite2p/plane0/F.npy") {
                return try Suite2pReader.read((path as NSString).appendingPathComponent("suite2p/plane0"), fs: options.frameRate,
                                              trace: options.suite2pTrace)
            }
            throw RecordingError(.unrecognisedFormat, file: path,
                                 "folder is neither a Kilosort/Phy output (spike_times.npy, params.py) nor a Suite2p plane (F.npy, iscell.npy)",
                                 hint: "pass the Kilosort output folder or a suite2p/plane<k> folder")
        }
        if isArrayInput(path) { return try ArrayReader.read(neural: path, options: options.arrays) }
        try FileSignature.require(path, is: .hdf5)
        return try NWBReader.read(path, neural: options.neural, behaviour: options.behaviour)
    }

    /// True for files read as CEBRA-style arrays: by extension, or HDF5 files whose root is not NWB.
    static func isArrayInput(_ path: String) -> Bool {
        let ext = URL(fileURLWithPath: path).pathExtension.lowercased()
        if ["npy", "npz", "csv", "tsv", "txt", "mat"].contains(ext) || ArrayFile.pickleExtensions.contains(ext) { return true }
        if ext == "nwb" { return false }
        let head = FileSignature.head(path, count: 8) ?? []
        if FileSignature.matches(head, .npy) || FileSignature.matches(head, .zip) || head.first == 0x80 { return true }
        guard let file = try? HDF5File.open(path) else { return false }
        return (try? file.stringAttribute("neurodata_type")) == nil && !file.exists("/nwb_version")
    }
}
