/// Reads an NWB 2.x file into `RecordingContents`: the neural data (see `read`), the default behaviour
/// series, all intervals, and the ground-truth table of simulations (`NWBGroundTruthTable`).
public enum NWBReader {
    /// Neural data: what `neural` names (a Units table, a RoiResponseSeries or any other TimeSeries, by path
    /// or name); by default a Units table when present, else the default calcium series, else the only
    /// (2-D) TimeSeries in /acquisition as `.continuous`.
    /// - Parameters:
    ///   - neural: path or name of the neural object (`--neural`).
    ///   - behaviour: names or paths of behaviour series to read instead of the defaults.
    public static func read(_ path: String, neural: String? = nil, behaviour: [String]? = nil) throws(RecordingError) -> RecordingContents {
        let nwb = try NWBFile.open(path)
        var warnings: [String] = []
        var parameters: [String: String] = ["nwb_version": nwb.version]
        var dropped: [String: [Int64]] = [:]
        let unitsTables = nwb.objects(ofType: ["Units"]).map(\.path)
        let calcium = nwb.calciumCandidates.map(\.path)
        func names(_ p: String) -> Bool { p == neural || NWBFile.lastComponent(p) == neural || p.hasSuffix("/" + (neural ?? "")) }
        let neuralData: NeuralData
        if let neural, let table = unitsTables.first(where: { $0 == neural || NWBFile.lastComponent($0) == neural }) {
            neuralData = .spikes(try nwb.readUnits(tablePath: table))
            parameters["neural_path"] = table
        } else if neural == nil, !unitsTables.isEmpty {
            let spikes = try nwb.readUnits()
            neuralData = .spikes(spikes)
            parameters["neural_path"] = spikes.sourcePath
        } else if neural.map({ _ in calcium.contains(where: names) }) ?? !calcium.isEmpty {
            let traces = try nwb.readCalcium(series: neural)
            neuralData = .calcium(traces)
            parameters["neural_path"] = traces.path
            parameters["neural_choice"] = traces.choice
            if !traces.droppedNotCells.isEmpty { dropped["iscell_0"] = traces.droppedNotCells }
        } else {
            let (data, reason) = try nwb.readContinuous(series: neural)
            neuralData = data
            if case let .continuous(_, _, _, p) = data { parameters["neural_path"] = p }
            parameters["neural_choice"] = reason
        }
        let series = try nwb.readBehaviour(select: behaviour, warnings: &warnings)
        let identifier = (try? nwb.hdf5.dataset("/identifier").readString()) ?? NWBFile.lastComponent(path)
        return RecordingContents(source: path, reader: "nwb", identifier: identifier, neural: neuralData, behaviour: series,
                                 intervals: try nwb.readIntervals(), parameters: parameters, warnings: warnings, dropped: dropped,
                                 groundTruth: try nwb.readGroundTruth())
    }
}
