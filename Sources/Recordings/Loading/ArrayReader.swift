/// CEBRA-style inputs (data-formats §2): a neural array and optional behaviour arrays from `.npy`, `.npz`,
/// `.h5`, `.csv` or `.mat` files, put on one time base.
///
/// - Orientation: the neural array is `[T, N]` or `[N, T]` (1-D = one neuron). With `timeAxis` set, that
///   axis is time. Otherwise T is the neural axis whose length appears among the behaviour array's
///   dimensions, when exactly one does; without behaviour, rows are time when there are more rows than
///   columns. Anything else is `.ambiguousOrientation`, naming both shapes and the `--time-axis` hint.
///   The behaviour array's time axis is the one of length T (rows when both are).
/// - Time: `sampleRate` (t_i = i / rate), or a `timestamps` array (1-D seconds of length T, strictly
///   increasing), else sample indices as seconds (1 Hz) with a warning.
/// - Behaviour variables: one per name in `behaviourNames` when it has one name per kept column, else one
///   `[T, k]` variable named `behaviourNames[0]`, the CSV header names (one variable per column), or the key.
public enum ArrayReader {
    public struct Options: Sendable, Equatable {
        /// Behaviour array: `FILE[:KEY]`, or `:KEY` / `KEY` inside the neural file (npz, HDF5, MAT).
        public var behaviour: String?
        /// Behaviour columns to keep (0-based, after orientation); nil keeps all.
        public var behaviourColumns: [Int]?
        /// Variable names: one per kept column, or one for the whole `[T, k]` array.
        public var behaviourNames: [String]?
        /// Sample rate in Hz; exclusive with `timestamps`.
        public var sampleRate: Double?
        /// Timestamps array (seconds): `FILE[:KEY]`, or `:KEY` / `KEY` inside the neural file.
        public var timestamps: String?
        /// Axis of the neural array that is time (0 = rows, 1 = columns); nil infers it.
        public var timeAxis: Int?

        public init() {}
    }

    public static func read(neural text: String, options: Options = Options()) throws(RecordingError) -> RecordingContents {
        let neuralSpec = try ArraySpec(parsing: text)
        let neural = try ArrayFile.read(neuralSpec)
        let file = neuralSpec.description
        var behaviour: LoadedArray?
        if let b = options.behaviour { behaviour = try ArrayFile.read(try ArraySpec(parsing: b, defaultFile: neuralSpec.file)) }
        if let axis = options.timeAxis, !(0...1).contains(axis) {
            throw RecordingError(.invalidArgument, file: file, "time axis \(axis); expected 0 (rows are samples) or 1 (columns are samples)")
        }
        let (timeAxis, behaviourAxis) = try orientation(neural: neural.array.shape, behaviour: behaviour?.array.shape,
                                                        hint: options.timeAxis, file: file, behaviourFile: behaviour?.spec.description)
        // Neural [T, N] Float32.
        var shape = neural.array.shape
        if shape.count == 1 { shape.append(1) }
        let (t, n) = timeAxis == 0 ? (shape[0], shape[1]) : (shape[1], shape[0])
        guard t > 0, n > 0 else { throw RecordingError(.empty, file: file, "neural array has shape \(neural.array.shape); expected T, N > 0") }
        let source = neural.array.values
        var values = [Float](repeating: 0, count: t * n)
        values.withUnsafeMutableBufferPointer { out in
            source.withUnsafeBufferPointer { v in
                if timeAxis == 0 { for i in 0..<(t * n) { out[i] = Float(v[i]) } } else {
                    for r in 0..<n { for c in 0..<t { out[c * n + r] = Float(v[r * t + c]) } }
                }
            }
        }
        try Validation.requireFinite(values, columns: n, file: neuralSpec.file, object: neural.name)

        var warnings: [String] = []
        var parameters = ["neural": neuralSpec.description, "neural_key": neural.name, "neural_shape": "\(neural.array.shape)",
                          "time_axis": "\(timeAxis)"]
        let times = try timeBase(count: t, options: options, neuralFile: neuralSpec.file, warnings: &warnings, parameters: &parameters)
        var series: [TimeSeriesData] = []
        if let behaviour, let axis = behaviourAxis {
            parameters["behaviour"] = behaviour.spec.description
            series = try behaviourSeries(behaviour, timeAxis: axis, times: times, options: options)
        }
        return RecordingContents(source: neuralSpec.file, reader: "array", identifier: neural.name,
                                 neural: .continuous(timestamps: times, values: values, ids: (0..<Int64(n)).map { $0 }, path: neural.name),
                                 behaviour: series, parameters: parameters, warnings: warnings)
    }

    /// (time axis of the neural array, time axis of the behaviour array) — see the type's documentation.
    static func orientation(neural: [Int], behaviour: [Int]?, hint: Int?, file: String,
                            behaviourFile: String?) throws(RecordingError) -> (Int, Int?) {
        guard (1...2).contains(neural.count) else {
            throw RecordingError(.wrongShape, file: file, "neural array has shape \(neural); expected (T, N), (N, T) or (T,)")
        }
        if let behaviour, !(1...2).contains(behaviour.count) {
            throw RecordingError(.wrongShape, file: behaviourFile ?? file, "behaviour array has shape \(behaviour); expected (T, k), (k, T) or (T,)")
        }
        let hintText = "pass --time-axis 0 (rows are samples) or --time-axis 1 (columns are samples)"
        let axis: Int
        if neural.count == 1 {
            axis = 0
        } else if let hint {
            axis = hint
        } else if let behaviour {
            let matching = neural.indices.filter { behaviour.contains(neural[$0]) }
            guard matching.count == 1 else {
                throw RecordingError(.ambiguousOrientation, file: file,
                                     "cannot tell which axis is time: neural shape \(neural), behaviour shape \(behaviour) "
                                        + (matching.isEmpty ? "share no length" : "match on both axes"),
                                     hint: matching.isEmpty ? "neural and behaviour must have the same number of samples T" : hintText)
            }
            axis = matching[0]
        } else {
            guard neural[0] > neural[1] else {
                throw RecordingError(.ambiguousOrientation, file: file,
                                     "cannot tell which axis is time: neural shape \(neural) has \(neural[0] == neural[1] ? "as many" : "fewer") rows than columns and no behaviour to compare with",
                                     hint: hintText)
            }
            axis = 0
        }
        let t = neural.count == 1 ? neural[0] : neural[axis]
        guard let behaviour else { return (axis, nil) }
        if behaviour[0] == t { return (axis, 0) }
        if behaviour.count == 2 && behaviour[1] == t { return (axis, 1) }
        throw RecordingError(.wrongShape, file: behaviourFile ?? file,
                             "behaviour shape \(behaviour) has no axis of length T = \(t) (neural shape \(neural), time axis \(axis))",
                             hint: "neural and behaviour must have the same number of samples")
    }

    static func timeBase(count t: Int, options: Options, neuralFile: String, warnings: inout [String],
                         parameters: inout [String: String]) throws(RecordingError) -> [Double] {
        if options.sampleRate != nil && options.timestamps != nil {
            throw RecordingError(.invalidArgument, file: neuralFile, "both a sample rate and timestamps given", hint: "give one of them")
        }
        if let rate = options.sampleRate {
            guard rate > 0, rate.isFinite else {
                throw RecordingError(.invalidArgument, file: neuralFile, "sample rate \(rate) Hz; expected a positive number")
            }
            parameters["sample_rate_hz"] = "\(rate)"
            return (0..<t).map { Double($0) / rate }
        }
        if let spec = options.timestamps {
            let loaded = try ArrayFile.read(try ArraySpec(parsing: spec, defaultFile: neuralFile))
            guard loaded.array.values.count == t, loaded.array.shape.filter({ $0 != 1 }).count <= 1 else {
                throw RecordingError(.wrongShape, file: loaded.spec.file, object: loaded.name,
                                     "timestamps have shape \(loaded.array.shape); expected (\(t),) to match the neural samples")
            }
            try Validation.requireIncreasing(loaded.array.values, file: loaded.spec.file, object: loaded.name)
            parameters["timestamps"] = loaded.spec.description
            return loaded.array.values
        }
        warnings.append("warning: no sample rate or timestamps given; sample indices are used as seconds (1 Hz)")
        parameters["sample_rate_hz"] = "1 (assumed)"
        return (0..<t).map(Double.init)
    }

    static func behaviourSeries(_ b: LoadedArray, timeAxis: Int, times: [Double], options: Options) throws(RecordingError) -> [TimeSeriesData] {
        let t = times.count
        let shape = b.array.shape.count == 1 ? [b.array.shape[0], 1] : b.array.shape
        let k = timeAxis == 0 ? shape[1] : shape[0]
        let file = b.spec.description
        let columns = options.behaviourColumns ?? Array(0..<k)
        if let bad = columns.first(where: { !(0..<k).contains($0) }) {
            throw RecordingError(.invalidArgument, file: file, "behaviour column \(bad) does not exist; the array has \(k) columns (0…\(k - 1))")
        }
        guard !columns.isEmpty else { throw RecordingError(.invalidArgument, file: file, "no behaviour column selected") }
        func value(_ row: Int, _ col: Int) -> Double { timeAxis == 0 ? b.array.values[row * k + col] : b.array.values[col * t + row] }
        var names = options.behaviourNames ?? b.columnNames.map { header in columns.map { header[$0] } } ?? [b.name]
        if names.count != 1 && names.count != columns.count {
            throw RecordingError(.invalidArgument, file: file, "\(names.count) behaviour names for \(columns.count) columns",
                                 hint: "give one name per column, or one name for all")
        }
        if columns.count == 1 { names = [names[0]] }
        func series(_ name: String, _ cols: [Int]) -> TimeSeriesData {
            var v = [Double](repeating: 0, count: t * cols.count)
            for r in 0..<t { for (j, c) in cols.enumerated() { v[r * cols.count + j] = value(r, c) } }
            return TimeSeriesData(name: name, path: "\(file)[\(cols.map(String.init).joined(separator: ","))]", neurodataType: "array",
                                  timestamps: times, values: v, columns: cols.count, unit: "a.u.")
        }
        if names.count == columns.count && columns.count > 1 { return zip(names, columns).map { series($0, [$1]) } }
        return [series(names[0], columns)]
    }
}
