/// Writes float32 arrays with string/number attributes to an HDF5 file (embeddings, attribution maps),
/// with the default (earliest) format bounds, through a temporary file renamed into place.
public enum HDF5ArrayWriter {
    /// One dataset to write.
    public struct Item: Sendable {
        /// Absolute path inside the file, e.g. "/attribution/map"; parent groups are created.
        public var path: String
        public var shape: [Int]
        public var values: [Float]
        public var stringAttributes: [String: String]
        public var numberAttributes: [String: Double]

        public init(path: String, shape: [Int], values: [Float], stringAttributes: [String: String] = [:], numberAttributes: [String: Double] = [:]) {
            self.path = path
            self.shape = shape
            self.values = values
            self.stringAttributes = stringAttributes
            self.numberAttributes = numberAttributes
        }
    }

    public static func write(_ items: [Item], to path: String) throws(RecordingError) {
        let tmp = AtomicFile.temporaryPath(for: path)
        do throws(RecordingError) {
            let file = try HDF5File.create(tmp)
            for item in items {
                let parts = item.path.split(separator: "/").map(String.init)
                guard let name = parts.last else {
                    throw RecordingError(.invalidArgument, file: path, object: item.path, "empty dataset path")
                }
                var group: HDF5Group = file
                for p in parts.dropLast() { group = group.exists(p) ? try group.group(p) : try group.createGroup(p) }
                let d = try group.write(name, floats: item.values, shape: item.shape)
                for (k, v) in item.stringAttributes.sorted(by: { $0.key < $1.key }) { try d.setAttribute(k, string: v) }
                for (k, v) in item.numberAttributes.sorted(by: { $0.key < $1.key }) { try d.setAttribute(k, double: v) }
            }
            try file.flush()
        } catch {
            unlinkQuietly(tmp)
            throw error
        }
        try AtomicFile.moveIntoPlace(tmp, path)
    }
}
