import Recordings

/// NWB export of simulations with their ground truth (`NWBGroundTruthTable` at /analysis/ground_truth),
/// so that `SessionLoader.load` gives back the same `Session.groundTruth`.
public enum SimulationNWB {
    /// The arena run: spikes as a Units table (spike times, `cell_type` column) or, with calcium, ophys
    /// (raw fluorescence and ΔF/F RoiResponseSeries at the frame rate, one PlaneSegmentation ROI per cell);
    /// behaviour position / head_direction / speed at every step (`Trajectory.behaviourSeries`); ground
    /// truth position / head_direction / speed × neurons with cell types.
    public static func write(_ r: FourCellTypesDemo.Recording, to path: String) throws {
        let n = r.activity.truth.count
        let ids = (0..<Int64(n)).map { $0 }
        let neural: NWBWriter.Neural
        if let traces = r.calcium, let imaging = r.configuration.calcium {
            neural = .ophys(NWBOphysData(roiIds: ids, clock: clock(for: traces.frameTimes, rate: imaging.frameRate),
                                         fluorescence: traces.fluorescence.scalars, dff: traces.dff.scalars,
                                         indicator: indicatorName(imaging.indicator), imagingRate: imaging.frameRate,
                                         location: "simulated arena"))
        } else {
            guard let times = r.activity.spikeTimes else {
                throw SimulationError.invalidParameter(name: "activity.spikeTimes", value: "nil", expected: "spike times kept for NWB export")
            }
            neural = .units(SpikeTrains(ids: ids, times: times, columns: ["cell_type": r.activity.truth.map(\.cellType)],
                                        sourcePath: "/units"))
        }
        try NWBWriter.write(to: path, metadata: .init(identifier: r.session.id, sessionDescription: "xcebra simulate arena: "
                                + "grid, head-direction, place and speed cells (seed \(r.configuration.seed))"),
                            neural: neural, behaviour: r.trajectory.behaviourSeries(),
                            groundTruth: NeuronGroundTruth(neuronIds: ids, truth: r.activity.groundTruth))
    }

    /// The synthetic benchmark: the continuous activity `[T, N]` as the TimeSeries /acquisition/activity
    /// (unit "a.u."), latents z1, z2, … as TimeSeries (BehavioralTimeSeries), ground truth per latent
    /// dimension ("z1[0]", …) × neurons with the group names g1, g2, … as cell types.
    public static func write(_ r: SyntheticBenchmark.Result, to path: String) throws {
        let s = r.session
        let rate = 1 / r.configuration.sampleInterval
        let behaviour = s.behaviour.map {
            TimeSeriesData(name: $0.name, path: "simulation/" + $0.name, neurodataType: "TimeSeries", containerType: "BehavioralTimeSeries",
                           timestamps: s.timestamps, values: $0.values, columns: $0.columns, unit: $0.unit)
        }
        let truth = s.groundTruth ?? GroundTruth(variables: r.latentNames, encodes: r.groundTruth)
        try NWBWriter.write(to: path, metadata: .init(identifier: s.id, sessionDescription: "xcebra synthetic benchmark (seed \(r.configuration.seed))"),
                            neural: .acquisition(.init(name: "activity", clock: clock(for: s.timestamps, rate: rate), values: s.neural.scalars,
                                                       columns: s.neuronCount, unit: "a.u.",
                                                       description: "synthetic benchmark activity x = g(z), one column per neuron")),
                            behaviour: behaviour,
                            groundTruth: NeuronGroundTruth(neuronIds: s.neurons.map(\.id), truth: truth))
    }

    /// `.regular(start, rate)` when the reader's t_i = start + i / rate reproduces `times` exactly, else the
    /// timestamps themselves.
    static func clock(for times: [Double], rate: Double) -> NWBWriter.Clock {
        guard let start = times.first else { return .timestamps(times) }
        let regular = NWBWriter.Clock.regular(start: start, rate: rate)
        return regular.times(count: times.count) == times ? regular : .timestamps(times)
    }

    static func indicatorName(_ i: CalciumIndicator) -> String {
        if i == .gcamp6f { return "GCaMP6f" }
        if i == .gcamp6s { return "GCaMP6s" }
        return "custom (rise \(i.riseTime) s, decay \(i.decayTime) s)"
    }
}
