extension NWBFile {
    /// TimeSeries directly in /acquisition (candidates for continuous neural data such as rates or
    /// generic traces when the file has neither Units nor RoiResponseSeries).
    public var acquisitionSeriesPaths: [String] {
        timeSeriesPaths.filter { NWBFile.parent(of: $0) == "/acquisition" }
    }

    /// The default continuous series and why: the only TimeSeries in /acquisition, else the only one with
    /// 2-D data; nil when there is none or the choice is ambiguous (then `--neural` must name one).
    public func defaultAcquisitionSeries() -> (path: String, reason: String)? {
        let all = acquisitionSeriesPaths
        if all.count == 1 { return (all[0], "the only TimeSeries in /acquisition") }
        let matrices = all.filter { p in ((try? hdf5.dataset(p + "/data").shape())?.count ?? 0) == 2 }
        if matrices.count == 1 {
            return (matrices[0], "the only 2-D TimeSeries in /acquisition (of \(all.count); use --neural PATH to choose another)")
        }
        return nil
    }

    /// Reads a TimeSeries as continuous neural data `[T, n]` Float32 (data × conversion + offset); columns
    /// get ids 0..<n. NaN/Inf are rejected like all neural data.
    /// - Parameter series: path or name; default per `defaultAcquisitionSeries()`.
    public func readContinuous(series: String? = nil) throws(RecordingError) -> (data: NeuralData, reason: String) {
        let chosen: (path: String, reason: String)
        if let series {
            guard let p = timeSeriesPaths.first(where: { $0 == series || $0.hasSuffix("/" + series) }) else {
                throw error(.missingObject, series, "no TimeSeries, Units table or RoiResponseSeries named '\(series)'",
                            hint: "typed objects: " + typedObjectList.prefix(20).joined(separator: ", "))
            }
            chosen = (p, "chosen by --neural")
        } else {
            guard let d = defaultAcquisitionSeries() else {
                let candidates = acquisitionSeriesPaths
                throw error(.noNeuralData, "/", candidates.isEmpty
                                ? "no Units table, RoiResponseSeries or TimeSeries in /acquisition found"
                                : "no Units table or RoiResponseSeries, and \(candidates.count) TimeSeries in /acquisition",
                            hint: "typed objects: " + typedObjectList.prefix(20).joined(separator: ", ") + "; use --neural /path")
            }
            chosen = d
        }
        let dataset = try hdf5.dataset(chosen.path + "/data")
        var data = try dataset.readFloats()
        if data.shape.count == 1 { data.shape.append(1) }
        guard data.shape.count == 2, data.shape[0] > 0, data.shape[1] > 0 else {
            throw error(.wrongShape, chosen.path + "/data", "data has shape \(data.shape), expected (T, n) with T, n > 0")
        }
        let conversion = Float(try dataset.doubleAttribute("conversion") ?? 1)
        let offset = Float(try dataset.doubleAttribute("offset") ?? 0)
        if conversion != 1 || offset != 0 {
            data.values.withUnsafeMutableBufferPointer { b in for i in b.indices { b[i] = b[i] * conversion + offset } }
        }
        try Validation.requireFinite(data.values, columns: data.shape[1], file: path, object: chosen.path + "/data")
        let times = try timestamps(ofSeries: chosen.path, count: data.shape[0])
        return (.continuous(timestamps: times, values: data.values, ids: (0..<Int64(data.shape[1])).map { $0 }, path: chosen.path),
                chosen.reason)
    }
}
