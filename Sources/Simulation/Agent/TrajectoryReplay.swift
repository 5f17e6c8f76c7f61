import Foundation

extension Trajectory {
    /// Replays a recorded path (RatInABox `import_trajectory`, but with linear instead of cubic
    /// interpolation): positions sampled at strictly increasing `times` (s) are interpolated at
    /// t_k = times[0] + (k + 1)·dt for every t_k ≤ times.last. Velocity is the finite difference
    /// from the previous sample (minimum image under periodic boundaries; the first step uses
    /// the second), head direction is smoothed from the velocity direction as for the agent,
    /// rotational velocity is the wrapped change of velocity angle per second.
    public static func replay(times: [Double], positions: [SIMD2<Double>], dt: Double, environment: Environment,
                              headDirectionSmoothingTimescale tau: Double = 0.15) throws -> Trajectory {
        try require(times.count >= 2 && times.count == positions.count, "replay.times", times.count,
                    "at least two samples and one position per time")
        try require(zip(times, times.dropFirst()).allSatisfy { $0 < $1 } && times.allSatisfy(\.isFinite), "replay.times",
                    "non-monotonic", "strictly increasing finite times")
        try require(positions.allSatisfy { $0.x.isFinite && $0.y.isFinite }, "replay.positions", "non-finite", "finite positions")
        try require(dt > 0, "replay.dt", dt, "> 0 s")
        let steps = Int(((times.last! - times[0]) / dt).rounded(.down))
        try require(steps >= 2, "replay.dt", dt, "a step shorter than half the recording")
        var pos = [SIMD2<Double>](), vel = [SIMD2<Double>](), hd = [Double](), rot = [Double](), ts = [Double]()
        var j = 0
        for k in 0..<steps {
            let t = times[0] + Double(k + 1) * dt
            while j + 2 < times.count && times[j + 1] < t { j += 1 }
            let w = min(max((t - times[j]) / (times[j + 1] - times[j]), 0), 1)
            let d = environment.displacement(from: positions[j], to: positions[j + 1])
            pos.append(environment.confine(positions[j] + w * d))
            ts.append(Double(k + 1) * dt)
        }
        var h = SIMD2<Double>(1, 0)
        for k in 0..<steps {
            var v = environment.displacement(from: pos[max(k - 1, 0)], to: pos[max(k, 1)]) / dt
            if v == .zero { v = k > 0 ? vel[k - 1] * 1e-8 : SIMD2(1e-8, 0) }
            let m = v / (v * v).sum().squareRoot()
            if k == 0 || tau <= dt { h = m } else {
                let x = (1 - dt / tau) * h + (dt / tau) * m
                h = x / (x * x).sum().squareRoot()
            }
            var dA = k == 0 ? 0 : atan2(v.y, v.x) - atan2(vel[k - 1].y, vel[k - 1].x)
            if dA > Double.pi { dA -= 2 * Double.pi } else if dA <= -Double.pi { dA += 2 * Double.pi }
            vel.append(v)
            hd.append(atan2(h.y, h.x))
            rot.append(dA / dt)
        }
        return Trajectory(dt: dt, time: ts, position: pos, velocity: vel, headDirection: hd, rotationalVelocity: rot)
    }

    /// Reads a trajectory CSV: a header naming `t` (or `time`), `x` and optionally `y`, then one
    /// numeric row per sample. Throws `SimulationError.badFile` naming the line that is wrong.
    public static func readCSV(path: String) throws -> (times: [Double], positions: [SIMD2<Double>]) {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw SimulationError.badFile(path: path, location: "file", expected: "a readable UTF-8 CSV file")
        }
        var lines = text.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        guard !lines.isEmpty else { throw SimulationError.badFile(path: path, location: "line 1", expected: "a header t,x[,y]") }
        let header = lines.removeFirst().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let it = header.firstIndex(where: { $0 == "t" || $0 == "time" }), let ix = header.firstIndex(of: "x") else {
            throw SimulationError.badFile(path: path, location: "line 1", expected: "a header naming columns t (or time) and x, optionally y")
        }
        let iy = header.firstIndex(of: "y")
        var times = [Double](), positions = [SIMD2<Double>]()
        for (n, line) in lines.enumerated() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard f.count == header.count, let t = f[it], let x = f[ix], iy.map({ f[$0] != nil }) ?? true else {
                throw SimulationError.badFile(path: path, location: "line \(n + 2)", expected: "\(header.count) numeric fields")
            }
            times.append(t)
            positions.append(SIMD2(x, iy.map { f[$0]! } ?? 0))
        }
        return (times, positions)
    }
}
