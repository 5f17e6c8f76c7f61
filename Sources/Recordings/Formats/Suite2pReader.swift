import Foundation

/// Suite2p `plane<k>` folders (data-formats §2): F.npy, Fneu.npy, spks.npy float32 (n_rois, n_frames),
/// iscell.npy (n_rois, 2); the frame rate `fs` is scanned from the ops.npy/settings.npy pickle (never
/// executed), else must be given.
public enum Suite2pReader {
    public enum Trace: String, Sendable {
        /// F − 0.7·Fneu (Suite2p's neuropil convention).
        case neuropilCorrected
        /// Deconvolved activity (spks.npy).
        case spks
    }

    /// Frame rate from ops.npy or settings.npy, or nil.
    public static func frameRate(in folder: String) -> Double? {
        for name in ["ops.npy", "settings.npy"] {
            if let data = FileManager.default.contents(atPath: folder + "/" + name),
               let fs = PickleScanner.number(forKey: "fs", in: [UInt8](data)), fs > 0, fs.isFinite {
                return fs
            }
        }
        return nil
    }

    public static func read(_ folder: String, fs: Double? = nil, trace: Trace = .neuropilCorrected) throws(RecordingError) -> RecordingContents {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw RecordingError(.fileNotFound, file: folder, "Suite2p plane folder not found")
        }
        func array(_ name: String) throws(RecordingError) -> NumericArray {
            let path = folder + "/" + name
            guard FileManager.default.fileExists(atPath: path) else {
                throw RecordingError(.missingObject, file: folder, object: name, "\(name) not found in the plane folder",
                                     hint: "a Suite2p plane folder holds F.npy, Fneu.npy, spks.npy and iscell.npy")
            }
            return try NPY.read(path)
        }
        guard let rate = fs ?? frameRate(in: folder) else {
            throw RecordingError(.missingParameter, file: folder, object: "ops.npy",
                                 "frame rate not found in ops.npy/settings.npy (key 'fs'); pass --fs")
        }
        let main = try array(trace == .spks ? "spks.npy" : "F.npy")
        guard main.shape.count == 2, main.shape[0] > 0, main.shape[1] > 0 else {
            throw RecordingError(.wrongShape, file: folder, object: trace == .spks ? "spks.npy" : "F.npy",
                                 "shape \(main.shape), expected (n_rois, n_frames) with both > 0")
        }
        let (rois, frames) = (main.shape[0], main.shape[1])
        var values = main.values
        if trace == .neuropilCorrected {
            let neuropil = try array("Fneu.npy")
            guard neuropil.shape == main.shape else {
                throw RecordingError(.wrongShape, file: folder, object: "Fneu.npy", "shape \(neuropil.shape), expected \(main.shape) like F.npy")
            }
            for i in values.indices { values[i] -= 0.7 * neuropil.values[i] }
        }
        var keep = Array(0..<rois)
        var dropped: [Int64] = []
        if FileManager.default.fileExists(atPath: folder + "/iscell.npy") {
            let iscell = try array("iscell.npy")
            let width = iscell.shape.count == 2 ? iscell.shape[1] : 1
            guard iscell.shape.first == rois, width >= 1 else {
                throw RecordingError(.wrongShape, file: folder, object: "iscell.npy", "shape \(iscell.shape), expected (\(rois), 2)")
            }
            keep = (0..<rois).filter { iscell.values[$0 * width] == 1 }
            dropped = (0..<rois).filter { iscell.values[$0 * width] != 1 }.map(Int64.init)
        }
        guard !keep.isEmpty else { throw RecordingError(.empty, file: folder, object: "iscell.npy", "no ROI has iscell == 1") }
        // (n_rois, n_frames) → (n_frames, kept)
        var traces = [Float](repeating: 0, count: frames * keep.count)
        for (j, r) in keep.enumerated() { for t in 0..<frames { traces[t * keep.count + j] = Float(values[r * frames + t]) } }
        try Validation.requireFinite(traces, columns: keep.count, file: folder, object: trace == .spks ? "spks.npy" : "F.npy")
        let calcium = CalciumTraces(path: folder, timestamps: (0..<frames).map { Double($0) / rate }, values: traces,
                                    roiIds: keep.map(Int64.init), signal: trace == .spks ? .deconvolved : .fluorescence,
                                    unit: "a.u.", droppedNotCells: dropped, choice: trace == .spks ? "spks.npy" : "F − 0.7·Fneu")
        return RecordingContents(source: folder, reader: "suite2p", identifier: URL(fileURLWithPath: folder).lastPathComponent,
                                 neural: .calcium(calcium), parameters: ["fs": "\(rate)", "trace": trace.rawValue],
                                 dropped: dropped.isEmpty ? [:] : ["iscell_0": dropped])
    }
}
