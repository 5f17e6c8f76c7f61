import Foundation
import Recordings
import Tensors

extension Trajectory {
    /// Behaviour averaged over bins of `binSteps` steps (bin b = steps b·binSteps ..< (b+1)·binSteps):
    /// "position" `[B, 2]` m (1-D: `[B, 1]`; component-wise circular mean under periodic
    /// boundaries), "head_direction" `[B, 1]` rad in (−π, π] (circular mean, `isCircular`),
    /// "speed" `[B, 1]` m/s (mean measured speed).
    public func binnedBehaviour(binSteps: Int, environment: Environment) -> [BehaviourVariable] {
        let B = count / binSteps
        let twoD = environment.dimensionality == .two
        let periodic = environment.boundaryConditions == .periodic
        var pos = [Double](), hd = [Double](), spd = [Double]()
        pos.reserveCapacity(B * 2); hd.reserveCapacity(B); spd.reserveCapacity(B)
        let ext = [environment.width, environment.height]
        for b in 0..<B {
            let r = (b * binSteps)..<((b + 1) * binSteps)
            for axis in 0..<(twoD ? 2 : 1) {
                if periodic {
                    var (c, s) = (0.0, 0.0)
                    for t in r { let a = 2 * Double.pi * position[t][axis] / ext[axis]; c += cos(a); s += sin(a) }
                    var a = atan2(s, c); if a < 0 { a += 2 * Double.pi }
                    pos.append(a * ext[axis] / (2 * Double.pi))
                } else {
                    pos.append(r.reduce(0.0) { $0 + position[$1][axis] } / Double(binSteps))
                }
            }
            var (c, s) = (0.0, 0.0)
            for t in r { c += cos(headDirection[t]); s += sin(headDirection[t]) }
            hd.append(atan2(s, c))
            spd.append(r.reduce(0.0) { let v = velocity[$1]; return $0 + (v * v).sum().squareRoot() } / Double(binSteps))
        }
        return [BehaviourVariable(name: "position", values: pos, columns: twoD ? 2 : 1, unit: "m"),
                BehaviourVariable(name: "head_direction", values: hd, columns: 1, unit: "rad", isCircular: true),
                BehaviourVariable(name: "speed", values: spd, columns: 1, unit: "m/s")]
    }
}

/// Packs a simulated arena recording as a `Session`: neural = spike counts per bin
/// (`.spikeCounts(binWidth:)`), behaviour from `Trajectory.binnedBehaviour`, timestamps at bin
/// centres (b + ½)·binWidth, ground truth variables position / head_direction / speed × neurons
/// with each cell's type, and tuning parameters in `NeuronInfo.extra`.
public func arenaSession(id: String, trajectory: Trajectory, activity: NeuralActivity, environment: Environment,
                         parameters: [String: String]) -> Session {
    let B = activity.spikeCounts.shape[0]
    let w = activity.binWidth
    let behaviour = trajectory.binnedBehaviour(binSteps: activity.binSteps, environment: environment)
    let truth = activity.groundTruth
    let neurons = activity.truth.enumerated().map { i, t in
        NeuronInfo(id: Int64(i), kind: .synthetic, cellType: t.cellType,
                   extra: t.parameters.mapValues { "\($0)" }.merging(["encodes": t.encodes.joined(separator: ",")]) { a, _ in a })
    }
    return Session(id: id, timestamps: (0..<B).map { (Double($0) + 0.5) * w }, neural: activity.spikeCounts,
                   neuralKind: .spikeCounts(binWidth: w), neurons: neurons, behaviour: behaviour,
                   groundTruth: truth,
                   provenance: Provenance(source: "simulation:\(id)", reader: "Simulation", parameters: parameters))
}

extension NeuralActivity {
    /// Variables position / head_direction / speed × neurons, with each cell's type.
    public var groundTruth: GroundTruth {
        let variables = ["position", "head_direction", "speed"]
        return GroundTruth(variables: variables, encodes: variables.map { v in truth.map { $0.encodes.contains(v) } },
                           cellTypes: truth.map(\.cellType))
    }
}

extension Trajectory {
    /// Behaviour at every step time `time[k]`, as series NWB export and `SessionAssembler` take:
    /// "position" `[T, 2]` m (container Position; 1-D: `[T, 1]`), "head_direction" `[T, 1]` radians
    /// (circular, CompassDirection), "speed" `[T, 1]` m/s (|measured velocity|).
    public func behaviourSeries(twoDimensional: Bool = true) -> [TimeSeriesData] {
        let k = twoDimensional ? 2 : 1
        var pos = [Double]()
        pos.reserveCapacity(count * k)
        for p in position { pos.append(p.x); if k == 2 { pos.append(p.y) } }
        return [TimeSeriesData(name: "position", path: "simulation/position", neurodataType: "SpatialSeries", containerType: "Position",
                               timestamps: time, values: pos, columns: k, unit: "meters"),
                TimeSeriesData(name: "head_direction", path: "simulation/head_direction", neurodataType: "SpatialSeries",
                               containerType: "CompassDirection", timestamps: time, values: headDirection, columns: 1, unit: "radians",
                               isCircular: true),
                TimeSeriesData(name: "speed", path: "simulation/speed", neurodataType: "TimeSeries", containerType: "BehavioralTimeSeries",
                               timestamps: time, values: speed, columns: 1, unit: "m/s")]
    }
}
