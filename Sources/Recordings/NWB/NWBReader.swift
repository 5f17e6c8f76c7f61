/// Reads an NWB 2.x file into `RecordingContents`: a Units table when present (unless `neural` names a
/// RoiResponseSeries), else the default calcium series; the default behaviour series; all intervals.
public enum NWBReader {
    /// - Parameters:
    ///   - neural: path or name of the neural object (`--neural`): a Units table or a RoiResponseSeries.
    ///   - behaviour: names or paths of behaviour series to read instead of the defaults.
    public static func read(_ path: String, neural: String? = nil, behaviour: [String]? = nil) throws(RecordingError) -> RecordingContents {
        let nwb = try NWBFile.open(path)
        var warnings: [String] = []
        var parameters: [String: String] = ["nwb_version": nwb.version]
        var dropped: [String: [Int64]] = [:]
        let unitsTables = nwb.objects(ofType: ["Units"]).map(\.path)
        let neuralData: NeuralData
        if let neural, let table = unitsTables.first(where: { $0 == neural || NWBFile.lastComponent($0) == neural }) {
            neuralData = .spikes(try nwb.readUnits(tablePath: table))
            parameters["neural_path"] = table
        } else if neural == nil, !unitsTables.isEmpty {
            let spikes = try nwb.readUnits()
            neuralData = .spikes(spikes)
            parameters["neural_path"] = spikes.sourcePath
        } else {
            let traces = try nwb.readCalcium(series: neural)
            neuralData = .calcium(traces)
            parameters["neural_path"] = traces.path
            parameters["neural_choice"] = traces.choice
            if !traces.droppedNotCells.isEmpty { dropped["iscell_0"] = traces.droppedNotCells }
        }
        let series = try nwb.readBehaviour(select: behaviour, warnings: &warnings)
        let identifier = (try? nwb.hdf5.dataset("/identifier").readString()) ?? NWBFile.lastComponent(path)
        return RecordingContents(source: path, reader: "nwb", identifier: identifier, neural: neuralData, behaviour: series,
                                 intervals: try nwb.readIntervals(), parameters: parameters, warnings: warnings, dropped: dropped)
    }
}
