import Tensors

/// `embedding.h5`: an embedding with what is needed to use it without xcebra (data-formats §5).
/// Readable by h5py and by `cebra.load_data(file, key)`.
///
///     /embedding   float32 (T, d)  attributes: model, slices (JSON), xcebra
///     /timestamps  float64 (T,)
///     /valid       uint8 (T,)
///     /behavior    float64 (T, K)  attribute: columns (JSON list of "name[col]")
public enum EmbeddingFile {
    public static func write(embedding: Tensor, session: Session, model: String, slicesJSON: String, to path: String,
                             extra: [HDF5ArrayWriter.Item] = []) throws(RecordingError) {
        let t = session.sampleCount
        guard embedding.rank == 2, embedding.shape[0] == t else {
            throw RecordingError(.invalidArgument, file: path, object: "/embedding",
                                 "embedding \(embedding.shape) does not match the session's \(t) samples")
        }
        var items = [
            HDF5ArrayWriter.Item(path: "/embedding", shape: embedding.shape, values: embedding.scalars,
                                 stringAttributes: ["model": model, "slices": slicesJSON, "xcebra": ToolkitVersion.string]),
            HDF5ArrayWriter.Item(path: "/timestamps", shape: [t], data: .float64(session.timestamps)),
            HDF5ArrayWriter.Item(path: "/valid", shape: [t], data: .uint8(session.valid.map { $0 ? 1 : 0 })),
        ]
        let k = session.behaviour.reduce(0) { $0 + $1.columns }
        if k > 0 {
            var values = [Double](repeating: 0, count: t * k)
            var names: [String] = []
            var offset = 0
            for v in session.behaviour {
                for c in 0..<v.columns {
                    names.append(v.columns == 1 ? v.name : "\(v.name)[\(c)]")
                    for i in 0..<t { values[i * k + offset + c] = v[i, c] }
                }
                offset += v.columns
            }
            let columns = "[" + names.map { "\"\($0.replacingOccurrences(of: "\"", with: "\\\""))\"" }.joined(separator: ",") + "]"
            items.append(HDF5ArrayWriter.Item(path: "/behavior", shape: [t, k], data: .float64(values), stringAttributes: ["columns": columns]))
        }
        try HDF5ArrayWriter.write(items + extra, to: path)
    }
}
