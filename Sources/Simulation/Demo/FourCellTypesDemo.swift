import Recordings
import Tensors

/// The "four cell types" population of the xCEBRA RatInABox experiment: grid, head-direction,
/// place and speed cells in a 1 m × 1 m solid box, foraging with RatInABox's default motion.
///
/// Populations (in column order), with rates chosen to look like rodent recordings:
/// - grid: 3 modules, gridscale 0.5, 0.7, 0.98 m (×1.4; fields 1.155× that apart), orientations
///   0, 0.1, 0.2 rad, rectified cosines, 0.1–10 Hz;
/// - head_direction: evenly spread preferred directions, 45° spread, 0.5–15 Hz;
/// - place: Gaussian fields of width 0.12 m on a jittered lattice, 0.1–15 Hz;
/// - speed: normalising speeds evenly spread over 0.15–0.35 m/s, saturating, 2–12 Hz.
public enum FourCellTypesDemo {
    public struct Configuration: Sendable, Equatable {
        public var cellsPerType: Int = 25
        public var duration: Double = 2_000
        public var dt: Double = 0.01
        /// Width of the output bins; must be a whole number of steps.
        public var binWidth: Double = 0.1
        public var spikeModel: SpikeModel = .poisson
        public var agent = AgentParameters()
        /// When set, the session's neural data is calcium ΔF/F from the spikes (indicator, frame rate, noise)
        /// instead of binned spike counts.
        public var calcium: CalciumImaging? = nil
        public var seed: UInt64 = 0
        public init() {}
    }

    /// Everything one run produced: the session plus the raw material NWB export needs.
    public struct Recording: Sendable {
        /// Spike counts per bin (`.spikeCounts`), or ΔF/F at frame times (`.calcium(.dff)`) with `calcium`.
        public var session: Session
        public var trajectory: Trajectory
        /// Spike counts, spike times (always kept) and per-cell truth.
        public var activity: NeuralActivity
        /// Fluorescence and ΔF/F traces when `Configuration.calcium` is set.
        public var calcium: CalciumImaging.Traces?
        public var configuration: Configuration
    }

    /// The four populations in `environment`, drawn from `rng`.
    public static func populations(environment: Environment, cellsPerType n: Int,
                                   rng: inout Xoshiro256) throws -> [any CellPopulation] {
        let modules = [GridCells.Module(gridscale: 0.5, orientation: 0), GridCells.Module(gridscale: 0.7, orientation: 0.1),
                       GridCells.Module(gridscale: 0.98, orientation: 0.2)]
        let grid = try GridCells(environment: environment, count: n, modules: modules,
                                 scaling: RateScaling(minRate: 0.1, maxRate: 10), rng: &rng)
        let hd = try HeadDirectionCells(count: n, angularSpreadDegrees: 45, scaling: RateScaling(minRate: 0.5, maxRate: 15))
        let place = try PlaceCells(environment: environment, count: n, description: .gaussian, width: 0.12,
                                   scaling: RateScaling(minRate: 0.1, maxRate: 15), rng: &rng)
        let speeds = (0..<n).map { 0.15 + 0.2 * Double($0) / Double(max(n - 1, 1)) }
        let speed = try SpeedCells(normalisingSpeeds: speeds, saturating: true, scaling: RateScaling(minRate: 2, maxRate: 12))
        return [grid, hd, place, speed]
    }

    /// The session of `simulate(c)`.
    public static func generate(_ c: Configuration) throws -> Session { try simulate(c).session }

    /// Trajectory (stream 0), populations (stream 1), spikes (stream 2), calcium (stream 3).
    ///
    /// Spikes: the session holds counts per bin with bin-centre times (`arenaSession`). Calcium: the session
    /// holds ΔF/F `[frames, N]` at frame times f / frameRate, behaviour (position, head_direction, speed at
    /// every step, `Trajectory.behaviourSeries`) linearly interpolated onto them (circular for head
    /// direction) by `SessionAssembler`; frames before the first step (t < dt) are dropped, as the assembler
    /// never extrapolates. Either way the ground truth is position / head_direction / speed × neurons.
    public static func simulate(_ c: Configuration) throws -> Recording {
        try require(c.cellsPerType > 0, "cellsPerType", c.cellsPerType, "≥ 1")
        var agent = c.agent
        agent.dt = c.dt
        let binSteps = Int((c.binWidth / c.dt).rounded())
        try require(binSteps >= 1 && abs(Double(binSteps) * c.dt - c.binWidth) < 1e-9 * c.binWidth, "binWidth", c.binWidth,
                    "a whole multiple of dt = \(c.dt) s")
        let env = try Environment()
        let base = Xoshiro256(seed: c.seed)
        let trajectory = try Agent.simulate(environment: env, parameters: agent, duration: c.duration, rng: base.stream(0))
        var popRNG = base.stream(1)
        let pops = try populations(environment: env, cellsPerType: c.cellsPerType, rng: &popRNG)
        let activity = try SpikeSimulator.simulate(populations: pops, trajectory: trajectory, model: c.spikeModel,
                                                   binSteps: binSteps, keepSpikeTimes: true, rng: base.stream(2))
        var parameters = ["seed": "\(c.seed)", "duration": "\(c.duration)", "dt": "\(c.dt)",
                          "binWidth": "\(c.binWidth)", "cellsPerType": "\(c.cellsPerType)",
                          "spikeModel": c.spikeModel.rawValue, "environment": "1 m x 1 m solid box",
                          "populations": "grid(0.5,0.7,0.98 m; 0.1-10 Hz), head_direction(45 deg; 0.5-15 Hz), "
                              + "place(gaussian 0.12 m; 0.1-15 Hz), speed(0.15-0.35 m/s saturating; 2-12 Hz)"]
        let id = "four-cell-types-seed\(c.seed)"
        guard let imaging = c.calcium else {
            let session = arenaSession(id: id, trajectory: trajectory, activity: activity, environment: env, parameters: parameters)
            return Recording(session: session, trajectory: trajectory, activity: activity, calcium: nil, configuration: c)
        }
        let traces = try imaging.simulate(spikeTimes: activity.spikeTimes ?? [], duration: Double(trajectory.count) * c.dt,
                                          rng: base.stream(3))
        parameters["calcium"] = "rise \(imaging.indicator.riseTime) s, decay \(imaging.indicator.decayTime) s, peak ΔF/F "
            + "\(imaging.indicator.peakDFF), \(imaging.frameRate) Hz, SNR \(imaging.snr)"
        let session = try calciumSession(id: id, trajectory: trajectory, activity: activity, traces: traces, parameters: parameters)
        return Recording(session: session, trajectory: trajectory, activity: activity, calcium: traces, configuration: c)
    }

    static func calciumSession(id: String, trajectory: Trajectory, activity: NeuralActivity, traces: CalciumImaging.Traces,
                               parameters: [String: String]) throws -> Session {
        let n = activity.truth.count
        let ids = (0..<Int64(n)).map { $0 }
        let contents = RecordingContents(
            source: "simulation:\(id)", reader: "Simulation", identifier: id,
            neural: .calcium(CalciumTraces(path: "simulation", timestamps: traces.frameTimes, values: traces.dff.scalars, roiIds: ids,
                                           signal: .dff, unit: "dF/F", choice: "simulated ΔF/F")),
            behaviour: trajectory.behaviourSeries(), parameters: parameters,
            groundTruth: NeuronGroundTruth(neuronIds: ids, truth: activity.groundTruth))
        var session = try SessionAssembler.assemble(contents)
        session.neurons = activity.truth.enumerated().map { i, t in
            NeuronInfo(id: Int64(i), kind: .synthetic, cellType: t.cellType,
                       extra: t.parameters.mapValues { "\($0)" }.merging(["encodes": t.encodes.joined(separator: ",")]) { a, _ in a })
        }
        return session
    }
}
