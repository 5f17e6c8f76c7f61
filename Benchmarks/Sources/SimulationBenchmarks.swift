import Dispatch
import Simulation
import Tensors

/// Seconds for the issue-4 benchmark: 100 cells of each of the four types (place, grid, head
/// direction, speed) for 1 h of foraging at dt = 10 ms (360,000 steps) in a 1 m solid box with
/// RatInABox's default motion and cell parameters, spikes Poisson per step (counts kept as a
/// [T, 400] tensor), on one core. Also times the agent alone, the rates alone, RatInABox's
/// Bernoulli spikes, and the default xCEBRA synthetic benchmark (100,000 samples).
func runSimulationBenchmarks() -> [String: Double] {
    func seconds(_ body: () throws -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        do { try body() } catch { print("simulation benchmark failed: \(error)"); return .nan }
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
    var results = [String: Double]()
    do {
        let env = try Environment()
        let base = Xoshiro256(seed: 0)
        var trajectory: Trajectory!
        results["simulation.agent_1h_dt10ms_s"] = seconds {
            trajectory = try Agent.simulate(environment: env, duration: 3_600, rng: base.stream(0))
        }
        var rng = base.stream(1)
        let pops: [any CellPopulation] = [
            try PlaceCells(environment: env, count: 100, rng: &rng),
            try GridCells(environment: env, count: 100, rng: &rng),
            try HeadDirectionCells(count: 100),
            try SpeedCells(count: 100),
        ]
        results["simulation.rates_400cells_1h_s"] = seconds {
            for p in pops { _ = p.rates(trajectory) }
        }
        var poisson = 0.0
        results["simulation.spikes_poisson_400cells_1h_s"] = seconds {
            let a = try SpikeSimulator.simulate(populations: pops, trajectory: trajectory, model: .poisson, rng: base.stream(2))
            poisson = Double(a.spikeCounts.scalars.reduce(0, +))
        }
        results["simulation.spikes_bernoulli_400cells_1h_s"] = seconds {
            _ = try SpikeSimulator.simulate(populations: pops, trajectory: trajectory, model: .bernoulli, rng: base.stream(2))
        }
        results["simulation.total_spikes_poisson"] = poisson
        results["simulation.four_types_400cells_1h_total_s"] = results["simulation.agent_1h_dt10ms_s"]!
            + results["simulation.spikes_poisson_400cells_1h_s"]!
        results["simulation.xcebra_benchmark_100k_s"] = seconds { _ = try SyntheticBenchmark.generate(.init()) }
    } catch {
        print("simulation benchmark set-up failed: \(error)")
    }
    return results
}
