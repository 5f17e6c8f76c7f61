/// The ground-truth table xcebra writes into NWB files of simulations: a DynamicTable at
/// `/analysis/ground_truth` with one row per neuron and columns
/// - `neuron_id` int64: the unit id (/units), ROI id (PlaneSegmentation) or column index (acquisition);
/// - `encodes_<variable>` boolean (HDF5 enum {FALSE 0, TRUE 1} over int8, as h5py writes numpy bools),
///   one per ground-truth variable, in order; the variable name is also the column's `variable` attribute;
/// - `cell_type` string, when cell types are known.
public enum NWBGroundTruthTable {
    public static let path = "/analysis/ground_truth"

    static func write(_ truth: NeuronGroundTruth, into analysis: HDF5Group) throws(RecordingError) {
        let g = try analysis.createGroup("ground_truth")
        let n = truth.neuronIds.count
        try NWBWriter.typed(g, "DynamicTable", "hdmf-common")
        try g.setAttribute("description", string: "simulation ground truth: which neuron encodes which behaviour variable")
        var names = ["neuron_id"]
        try NWBWriter.typed(try g.write("id", int64s: (0..<Int64(n)).map { $0 }, shape: [n]), "ElementIdentifiers", "hdmf-common")
        try NWBWriter.column(try g.write("neuron_id", int64s: truth.neuronIds, shape: [n]), "id of the neuron (unit id, ROI id or column index)")
        for (v, row) in zip(truth.truth.variables, truth.truth.encodes) {
            let name = "encodes_" + v
            guard !names.contains(name) else {
                throw RecordingError(.invalidArgument, file: analysis.filePath, object: path, "ground-truth variable '\(v)' appears twice")
            }
            names.append(name)
            let d = try g.write(name, bools: row)
            try NWBWriter.column(d, "true when the neuron encodes \(v)")
            try d.setAttribute("variable", string: v)
        }
        if let types = truth.truth.cellTypes {
            names.append("cell_type")
            try NWBWriter.column(try g.write("cell_type", strings: types), "cell type")
        }
        try g.setAttribute("colnames", strings: names)
    }
}

extension NWBFile {
    /// The table written by `NWBGroundTruthTable` (nil when the file has none). Boolean columns may also be
    /// stored as integers (non-zero = true).
    public func readGroundTruth() throws(RecordingError) -> NeuronGroundTruth? {
        let tablePath = NWBGroundTruthTable.path
        guard hdf5.exists(tablePath) else { return nil }
        let g = try hdf5.group(tablePath)
        guard g.exists("neuron_id") else {
            throw error(.missingObject, tablePath + "/neuron_id", "ground-truth table has no neuron_id column")
        }
        let ids = try g.dataset("neuron_id").readInt64s().values
        var variables: [String] = [], encodes: [[Bool]] = []
        for name in try g.stringsAttribute("colnames") ?? [] where name.hasPrefix("encodes_") {
            let d = try g.dataset(name)
            let row = try d.readBools().values
            guard row.count == ids.count else {
                throw error(.wrongShape, tablePath + "/" + name, "\(row.count) rows, expected \(ids.count) like neuron_id")
            }
            variables.append(try d.stringAttribute("variable") ?? String(name.dropFirst("encodes_".count)))
            encodes.append(row)
        }
        var types: [String]?
        if g.exists("cell_type") {
            types = try g.dataset("cell_type").readStrings()
            guard types?.count == ids.count else {
                throw error(.wrongShape, tablePath + "/cell_type", "\(types?.count ?? 0) rows, expected \(ids.count) like neuron_id")
            }
        }
        return NeuronGroundTruth(neuronIds: ids, truth: GroundTruth(variables: variables, encodes: encodes, cellTypes: types))
    }
}
