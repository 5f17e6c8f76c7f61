/// Checks shared by every reader, each throwing the typed error data-formats §4 asks for.
enum Validation {
    /// Timestamps must be finite and strictly increasing; names the first offending index and value.
    static func requireIncreasing(_ t: [Double], file: String, object: String) throws(RecordingError) {
        for i in t.indices {
            guard t[i].isFinite else {
                throw RecordingError(.nonFinite, file: file, object: object, "timestamp \(i) is \(t[i])",
                                     hint: "timestamps must be finite seconds")
            }
            if i > 0 && !(t[i] > t[i - 1]) {
                throw RecordingError(.nonMonotonicTimestamps, file: file, object: object,
                                     "timestamps not increasing at index \(i): \(t[i]) after \(t[i - 1])",
                                     hint: "timestamps must be strictly increasing seconds")
            }
        }
    }

    /// Neural values must be finite (policy: NaN/Inf in neural data are rejected, never imputed).
    static func requireFinite(_ values: [Float], columns: Int, file: String, object: String) throws(RecordingError) {
        var count = 0, first = -1
        values.withUnsafeBufferPointer { b in
            for i in b.indices where !b[i].isFinite {
                if first < 0 { first = i }
                count += 1
            }
        }
        if count > 0 {
            let row = first / max(columns, 1), col = first % max(columns, 1)
            throw RecordingError(.nonFinite, file: file, object: object,
                                 "\(count) NaN/Inf values in neural data, first at [\(row), \(col)]",
                                 hint: "neural data must be finite; fill or cut the affected samples before loading")
        }
    }

    static func requireFinite(_ values: [Double], file: String, object: String, what: String) throws(RecordingError) {
        if let i = values.firstIndex(where: { !$0.isFinite }) {
            let count = values.reduce(0) { $0 + ($1.isFinite ? 0 : 1) }
            throw RecordingError(.nonFinite, file: file, object: object, "\(count) NaN/Inf values in \(what), first at index \(i)",
                                 hint: "\(what) must be finite")
        }
    }

    /// A ragged index column (exclusive end offsets) must be non-negative, non-decreasing and end at `dataCount`.
    static func requireRaggedIndex(_ index: [Int64], dataCount: Int, file: String, object: String) throws(RecordingError) {
        var previous: Int64 = 0
        for (i, v) in index.enumerated() {
            guard v >= previous else {
                throw RecordingError(.inconsistentIndex, file: file, object: object,
                                     "index decreases at row \(i): \(v) after \(previous)",
                                     hint: "the index column must hold cumulative exclusive end offsets")
            }
            guard v <= Int64(dataCount) else {
                throw RecordingError(.inconsistentIndex, file: file, object: object,
                                     "index row \(i) = \(v) exceeds the \(dataCount) values of the data column",
                                     hint: "the index column must end at the data length")
            }
            previous = v
        }
        if let last = index.last, last != Int64(dataCount) {
            throw RecordingError(.inconsistentIndex, file: file, object: object,
                                 "index ends at \(last) but the data column has \(dataCount) values",
                                 hint: "the index column must end at the data length")
        }
    }

    /// Splits `data` by exclusive end offsets into rows (index already validated).
    static func ragged<T>(_ data: [T], index: [Int64], rowWidth: Int = 1) -> [ArraySlice<T>] {
        var start = 0
        return index.map { end in
            defer { start = Int(end) }
            return data[(start * rowWidth)..<(Int(end) * rowWidth)]
        }
    }
}
