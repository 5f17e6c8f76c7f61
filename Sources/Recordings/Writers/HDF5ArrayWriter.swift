/// Writes numeric arrays (float32, float64, int64, uint8) with string/number attributes to an HDF5
/// file (embeddings, attribution maps), with the default (earliest) format bounds, through a temporary
/// file renamed into place.
public enum HDF5ArrayWriter {
    /// Element type and values of one dataset.
    public enum Values: Sendable, Equatable {
        case float32([Float])
        case float64([Double])
        case int64([Int64])
        case uint8([UInt8])

        var count: Int {
            switch self {
            case .float32(let v): v.count
            case .float64(let v): v.count
            case .int64(let v): v.count
            case .uint8(let v): v.count
            }
        }
    }

    /// One dataset to write.
    public struct Item: Sendable {
        /// Absolute path inside the file, e.g. "/attribution/map"; parent groups are created.
        public var path: String
        public var shape: [Int]
        public var data: Values
        public var stringAttributes: [String: String]
        public var numberAttributes: [String: Double]

        public init(path: String, shape: [Int], data: Values, stringAttributes: [String: String] = [:], numberAttributes: [String: Double] = [:]) {
            self.path = path
            self.shape = shape
            self.data = data
            self.stringAttributes = stringAttributes
            self.numberAttributes = numberAttributes
        }

        /// A float32 dataset.
        public init(path: String, shape: [Int], values: [Float], stringAttributes: [String: String] = [:], numberAttributes: [String: Double] = [:]) {
            self.init(path: path, shape: shape, data: .float32(values), stringAttributes: stringAttributes, numberAttributes: numberAttributes)
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
                guard item.data.count == item.shape.reduce(1, *) else {
                    throw RecordingError(.invalidArgument, file: path, object: item.path,
                                         "\(item.data.count) values for shape \(item.shape)")
                }
                let d: HDF5Dataset
                switch item.data {
                case .float32(let v): d = try group.write(name, floats: v, shape: item.shape)
                case .float64(let v): d = try group.write(name, doubles: v, shape: item.shape)
                case .int64(let v): d = try group.write(name, int64s: v, shape: item.shape)
                case .uint8(let v): d = try group.write(name, uint8s: v, shape: item.shape)
                }
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
