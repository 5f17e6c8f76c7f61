extension NWBFile {
    /// A RoiResponseSeries that could serve as neural data, with its container type.
    public struct CalciumCandidate: Sendable, Equatable {
        public var path: String
        public var containerType: String?
    }

    /// Every RoiResponseSeries, anywhere under /processing or /acquisition.
    public var calciumCandidates: [CalciumCandidate] {
        objects(ofType: ["RoiResponseSeries"]).map { CalciumCandidate(path: $0.path, containerType: parentType(of: $0.path)) }
    }

    /// The default series and why (data-formats §1.4): a DfOverF series, else the Fluorescence series
    /// not named Neuropil/Deconvolved, else the first candidate.
    public func defaultCalciumSeries() -> (path: String, reason: String)? {
        let candidates = calciumCandidates
        guard !candidates.isEmpty else { return nil }
        let others = candidates.count > 1 ? " (of \(candidates.count) RoiResponseSeries; use --neural PATH to choose another)" : ""
        if let dff = candidates.first(where: { $0.containerType == "DfOverF" }) {
            return (dff.path, "DfOverF series preferred" + others)
        }
        let excluded: Set<String> = ["neuropil", "deconvolved"]
        if let f = candidates.first(where: { $0.containerType == "Fluorescence" && !excluded.contains(NWBFile.lastComponent($0.path).lowercased()) }) {
            return (f.path, "Fluorescence series (no DfOverF; Neuropil/Deconvolved skipped)" + others)
        }
        return (candidates[0].path, "first RoiResponseSeries" + others)
    }

    /// Reads calcium traces `[T, n]` as Float32 (data × conversion + offset), keeping ROIs with
    /// `iscell[:,0] == 1` when the PlaneSegmentation has `iscell`.
    /// - Parameter series: path or name of the series (`--neural`); default per `defaultCalciumSeries()`.
    public func readCalcium(series: String? = nil) throws(RecordingError) -> CalciumTraces {
        let candidates = calciumCandidates
        let chosen: (path: String, reason: String)
        if let series {
            guard let c = candidates.first(where: { $0.path == series || $0.path.hasSuffix("/" + series) }) else {
                throw error(.missingObject, series, "RoiResponseSeries '\(series)' not found",
                            hint: "candidates: " + candidates.map(\.path).joined(separator: ", "))
            }
            chosen = (c.path, "chosen by --neural")
        } else {
            guard let d = defaultCalciumSeries() else {
                throw error(.noNeuralData, "/", "no RoiResponseSeries found",
                            hint: "typed objects: " + typedObjectList.prefix(20).joined(separator: ", ") + "; use --neural /path")
            }
            chosen = d
        }
        let group = try hdf5.group(chosen.path)
        let dataset = try group.dataset("data")
        var data = try dataset.readFloats()
        if data.shape.count == 1 { data.shape.append(1) }
        guard data.shape.count == 2, data.shape[0] > 0, data.shape[1] > 0 else {
            throw error(.wrongShape, chosen.path + "/data", "data has shape \(data.shape), expected (T, n_rois) with T, n > 0")
        }
        let (frames, rois) = (data.shape[0], data.shape[1])
        let conversion = Float(try dataset.doubleAttribute("conversion") ?? 1)
        let offset = Float(try dataset.doubleAttribute("offset") ?? 0)
        if conversion != 1 || offset != 0 {
            data.values.withUnsafeMutableBufferPointer { b in for i in b.indices { b[i] = b[i] * conversion + offset } }
        }
        try Validation.requireFinite(data.values, columns: rois, file: path, object: chosen.path + "/data")
        let timestamps = try timestamps(ofSeries: chosen.path, count: frames)

        var rows = Array(0..<rois)
        var ids = rows.map(Int64.init)
        var iscell: [Double]?
        if group.exists("rois") {
            let region = try group.dataset("rois")
            let r = try region.readInt64s().values
            guard r.count == rois else {
                throw error(.wrongShape, chosen.path + "/rois", "rois has \(r.count) entries for \(rois) data columns")
            }
            rows = r.map { Int($0) }
            let tablePath = region.referenceAttributePath("table")
                ?? objects(ofType: ["PlaneSegmentation"]).first?.path
            if let tablePath {
                let table = try hdf5.group(tablePath)
                let tableIds = try table.dataset("id").readInt64s().values
                if let bad = rows.first(where: { $0 < 0 || $0 >= tableIds.count }) {
                    throw error(.inconsistentIndex, chosen.path + "/rois", "ROI row \(bad) outside the \(tableIds.count)-row table \(tablePath)")
                }
                ids = rows.map { tableIds[$0] }
                if table.exists("iscell") {
                    let a = try table.dataset("iscell").readDoubles()
                    let width = a.shape.count == 2 ? a.shape[1] : 1
                    guard a.shape.first == tableIds.count, width > 0 else {
                        throw error(.wrongShape, tablePath + "/iscell", "iscell has shape \(a.shape), expected (\(tableIds.count), 2)")
                    }
                    iscell = stride(from: 0, to: a.values.count, by: width).map { a.values[$0] }
                }
            }
        }
        return try finishCalcium(chosen, data: data.values, frames: frames, rows: rows, ids: ids, iscell: iscell,
                                 timestamps: timestamps, unit: try dataset.stringAttribute("unit") ?? "unknown")
    }

    private func finishCalcium(_ chosen: (path: String, reason: String), data: [Float], frames: Int, rows: [Int], ids: [Int64],
                               iscell: [Double]?, timestamps: [Double], unit: String) throws(RecordingError) -> CalciumTraces {
        let n = ids.count
        var keep = Array(0..<n)
        var dropped: [Int64] = []
        if let iscell {
            keep = (0..<n).filter { iscell[rows[$0]] == 1 }
            dropped = (0..<n).filter { iscell[rows[$0]] != 1 }.map { ids[$0] }
        }
        guard !keep.isEmpty else { throw error(.empty, chosen.path, "no ROI has iscell == 1") }
        var values = data
        if keep.count != n {
            values = [Float](repeating: 0, count: frames * keep.count)
            for t in 0..<frames { for (j, c) in keep.enumerated() { values[t * keep.count + j] = data[t * n + c] } }
        }
        let container = parentType(of: chosen.path)
        let name = NWBFile.lastComponent(chosen.path).lowercased()
        let signal: NeuralKind.CalciumSignal = container == "DfOverF" ? .dff : (name == "deconvolved" ? .deconvolved : .fluorescence)
        return CalciumTraces(path: chosen.path, timestamps: timestamps, values: values, roiIds: keep.map { ids[$0] }, signal: signal,
                             unit: unit, droppedNotCells: dropped, choice: chosen.reason)
    }
}
