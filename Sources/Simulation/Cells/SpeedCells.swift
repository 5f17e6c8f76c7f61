/// Speed cells: f_i = s / s_i with s the agent's measured speed and s_i the cell's normalising
/// speed (RatInABox `SpeedCell`: s_i = speedMean + speedStd = 0.16 m/s, unclipped, so f can
/// exceed 1). With `saturating`, f_i = min(1, s/s_i). Unlike RatInABox's single cell (whose
/// history holds n identical columns, a bug not reproduced), a population may spread s_i.
public struct SpeedCells: CellPopulation {
    public let normalisingSpeeds: [Double]
    public let saturating: Bool
    public let scaling: RateScaling

    public init(normalisingSpeeds: [Double], saturating: Bool = false, scaling: RateScaling = RateScaling()) throws {
        try require(!normalisingSpeeds.isEmpty && normalisingSpeeds.allSatisfy { $0 > 0 && $0.isFinite }, "speed.normalisingSpeeds",
                    normalisingSpeeds.min() ?? 0, "at least one positive speed in m/s")
        try scaling.validate("speed")
        self.normalisingSpeeds = normalisingSpeeds
        self.saturating = saturating
        self.scaling = scaling
    }

    /// n identical cells with RatInABox's normalisation speedMean + speedStd.
    public init(count: Int = 1, agent: AgentParameters = AgentParameters(), scaling: RateScaling = RateScaling()) throws {
        try require(count > 0, "speed.count", count, "at least one cell")
        try self.init(normalisingSpeeds: Array(repeating: agent.speedMean + agent.speedStd, count: count), scaling: scaling)
    }

    public var count: Int { normalisingSpeeds.count }

    public var truth: [CellTruth] {
        normalisingSpeeds.map {
            CellTruth(cellType: "speed", encodes: ["speed"], parameters: ["normalising_speed": $0, "saturating": saturating ? 1 : 0])
        }
    }

    public func tuning(_ trajectory: Trajectory, steps: Range<Int>, into out: inout [Float]) {
        let n = count
        let inv = normalisingSpeeds.map { Float(1 / $0) }
        out.withUnsafeMutableBufferPointer { o in
            for (row, t) in steps.enumerated() {
                let v = trajectory.velocity[t]
                let s = Float((v * v).sum().squareRoot())
                if saturating {
                    for i in 0..<n { o[row * n + i] = min(1, s * inv[i]) }
                } else {
                    for i in 0..<n { o[row * n + i] = s * inv[i] }
                }
            }
        }
    }
}
