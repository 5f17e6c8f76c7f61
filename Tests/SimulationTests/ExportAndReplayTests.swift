import Foundation
import Recordings
import Tensors
import Testing
@testable import Simulation

@Suite struct ExportAndReplayTests {
    func tempDir() throws -> URL {
        let u = FileManager.default.temporaryDirectory.appendingPathComponent("simtests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: u, withIntermediateDirectories: true)
        return u
    }

    @Test func sessionCSVHasOneRowPerSampleAndANeuronTable() throws {
        var c = FourCellTypesDemo.Configuration()
        c.duration = 10
        c.cellsPerType = 2
        c.binWidth = 0.01
        let s = try FourCellTypesDemo.generate(c)
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("arena.csv").path
        try writeSessionCSV(s, to: path)
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 1 + 1_000)
        #expect(lines[0] == "t,position_x,position_y,head_direction,speed,n0_grid,n1_grid,n2_head_direction,n3_head_direction,n4_place,n5_place,n6_speed,n7_speed")
        #expect(lines[1].split(separator: ",").count == 13)
        let neurons = try String(contentsOfFile: dir.appendingPathComponent("arena.neurons.csv").path, encoding: .utf8).split(separator: "\n")
        #expect(neurons.count == 9 && neurons[5].hasPrefix("4,place,position,"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["arena.csv", "arena.neurons.csv"])
        #expect(throws: SimulationError.self) { try writeSessionCSV(s, to: dir.appendingPathComponent("x.nwb").path) }
        #expect(throws: SimulationError.self) { try writeSessionCSV(s, to: "/nonexistent-dir/x.csv") }
    }

    @Test func replayReproducesAKnownPath() throws {
        let env = try Environment()
        // A circle of radius 0.3 m at 0.1 m/s (ω = 1/3 rad/s), sampled at 20 Hz.
        let times = (0..<2_000).map { Double($0) * 0.05 }
        let positions = times.map { SIMD2(0.5 + 0.3 * cos($0 / 3), 0.5 + 0.3 * sin($0 / 3)) }
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("path.csv").path
        try ("time,x,y\n" + zip(times, positions).map { "\($0),\($1.x),\($1.y)" }.joined(separator: "\n")).write(toFile: path, atomically: true, encoding: .utf8)
        let read = try Trajectory.readCSV(path: path)
        let tr = try Trajectory.replay(times: read.times, positions: read.positions, dt: 0.01, environment: env)
        #expect(tr.count == 9_995)
        let speeds = tr.speed.dropFirst()
        #expect(speeds.allSatisfy { abs($0 - 0.1) < 1e-3 })
        let w = tr.rotationalVelocity.dropFirst(2)
        let meanTurn: Double = w.reduce(0, +) / Double(w.count)
        #expect(abs(meanTurn - 1.0 / 3) < 0.01)
        // Head direction follows the tangent (lagging by the 0.15 s smoothing: ω·τ = 0.05 rad).
        let k = 5_000, t = tr.time[k]
        var err = tr.headDirection[k] - (t / 3 + Double.pi / 2 - 0.05)
        err = atan2(sin(err), cos(err))
        #expect(abs(err) < 0.02)
        try "t,x\n0,0.1\n1,abc\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: SimulationError.badFile(path: path, location: "line 3", expected: "2 numeric fields")) {
            try Trajectory.readCSV(path: path)
        }
    }
}
