extension NWBFile {
    /// Reads a `Units` table (data-formats §1.3): ragged `spike_times` split by `spike_times_index`
    /// (exclusive end offsets, any integer type), each unit's times sorted ascending; `obs_intervals`
    /// when present; 1-D string columns of length N (quality, cell_type, ...); `location` of each unit's
    /// first electrode when the `electrodes` column and electrodes table exist.
    /// - Parameter tablePath: a specific Units table; default: `/units`, else the first Units found.
    public func readUnits(tablePath: String? = nil) throws(RecordingError) -> SpikeTrains {
        let tables = objects(ofType: ["Units"]).map(\.path)
        guard let table = tablePath ?? (tables.contains("/units") ? "/units" : tables.first) else {
            throw error(.noNeuralData, "/units", "no Units table found",
                        hint: "typed objects: " + typedObjectList.prefix(20).joined(separator: ", "))
        }
        let g = try hdf5.group(table)
        let ids = try g.dataset("id").readInt64s()
        let n = ids.values.count
        guard n > 0 else { throw error(.empty, table + "/id", "the Units table has no units") }
        let spikes = try g.dataset("spike_times").readDoubles()
        guard spikes.shape.count == 1 else {
            throw error(.wrongShape, table + "/spike_times", "spike_times has shape \(spikes.shape), expected (n_spikes,)")
        }
        try Validation.requireFinite(spikes.values, file: path, object: table + "/spike_times", what: "spike times")
        guard g.exists("spike_times_index") else {
            throw error(.missingObject, table + "/spike_times_index", "spike_times has no index column",
                        hint: "a Units table stores spike_times with a spike_times_index (VectorIndex)")
        }
        let index = try g.dataset("spike_times_index").readInt64s().values
        guard index.count == n else {
            throw error(.inconsistentIndex, table + "/spike_times_index", "index has \(index.count) rows for \(n) units")
        }
        try Validation.requireRaggedIndex(index, dataCount: spikes.values.count, file: path, object: table + "/spike_times_index")
        let times = Validation.ragged(spikes.values, index: index).map { Array($0).sorted() }

        var observed: [IntervalSet]?
        if g.exists("obs_intervals") {
            let obs = try g.dataset("obs_intervals").readDoubles()
            guard obs.shape.count == 2, obs.shape[1] == 2 else {
                throw error(.wrongShape, table + "/obs_intervals", "obs_intervals has shape \(obs.shape), expected (m, 2)")
            }
            guard g.exists("obs_intervals_index") else {
                throw error(.missingObject, table + "/obs_intervals_index", "obs_intervals has no index column")
            }
            let obsIndex = try g.dataset("obs_intervals_index").readInt64s().values
            guard obsIndex.count == n else {
                throw error(.inconsistentIndex, table + "/obs_intervals_index", "index has \(obsIndex.count) rows for \(n) units")
            }
            try Validation.requireRaggedIndex(obsIndex, dataCount: obs.shape[0], file: path, object: table + "/obs_intervals_index")
            observed = Validation.ragged(obs.values, index: obsIndex, rowWidth: 2).map { row in
                let flat = Array(row)
                return IntervalSet(starts: stride(from: 0, to: flat.count, by: 2).map { flat[$0] },
                                   stops: stride(from: 1, to: flat.count, by: 2).map { flat[$0] })
            }
        }

        var columns: [String: [String]] = [:]
        for name in (try g.stringsAttribute("colnames")) ?? [] where g.kind(of: name) == .dataset && !g.exists(name + "_index") {
            let d = try g.dataset(name)
            guard case .string = try d.elementType(), try d.shape() == [n] else { continue }
            columns[name] = try d.readStrings()
        }
        if columns["location"] == nil, let locations = try unitLocations(table: g, unitCount: n) {
            columns["location"] = locations
        }
        return SpikeTrains(ids: ids.values, times: times, observed: observed, columns: columns, sourcePath: table)
    }

    /// `location` of each unit's first electrode, via the `electrodes` DynamicTableRegion; nil when unavailable.
    private func unitLocations(table g: HDF5Group, unitCount n: Int) throws(RecordingError) -> [String]? {
        guard g.exists("electrodes"), g.exists("electrodes_index") else { return nil }
        let region = try g.dataset("electrodes")
        let electrodesPath = region.referenceAttributePath("table") ?? "/general/extracellular_ephys/electrodes"
        guard hdf5.exists(electrodesPath + "/location") else { return nil }
        let locations = try hdf5.dataset(electrodesPath + "/location").readStrings()
        let rows = try region.readInt64s().values
        let index = try g.dataset("electrodes_index").readInt64s().values
        guard index.count == n else {
            throw error(.inconsistentIndex, g.path + "/electrodes_index", "index has \(index.count) rows for \(n) units")
        }
        try Validation.requireRaggedIndex(index, dataCount: rows.count, file: path, object: g.path + "/electrodes_index")
        return try Validation.ragged(rows, index: index).map { (unitRows: ArraySlice<Int64>) throws(RecordingError) -> String in
            guard let first = unitRows.first else { return "" }
            guard first >= 0, Int(first) < locations.count else {
                throw error(.inconsistentIndex, g.path + "/electrodes", "electrode row \(first) outside the \(locations.count)-row electrodes table")
            }
            return locations[Int(first)]
        }
    }
}
