import Foundation

/// Head-direction cells (RatInABox `HeadDirectionCells`): von Mises tuning normalised to peak 1,
/// f = exp(κ (cos(h − μ_i) − 1)), κ = 1/σ² with σ = `angularSpreadDegrees` in radians (default
/// 45°, κ ≈ 1.62: f = 0.622 at ±45°, 0.198 at 90°, 0.039 at 180°). h is the agent's smoothed head
/// direction. Preferred directions μ_i = 2πi/n anticlockwise from +x (or given explicitly).
public struct HeadDirectionCells: CellPopulation {
    public let preferredDirections: [Double]
    public let angularSpreadDegrees: Double
    public let scaling: RateScaling

    public init(count: Int = 10, angularSpreadDegrees: Double = 45, scaling: RateScaling = RateScaling()) throws {
        try require(count > 0, "head_direction.count", count, "at least one cell")
        try self.init(preferredDirections: (0..<count).map { 2 * Double.pi * Double($0) / Double(count) },
                      angularSpreadDegrees: angularSpreadDegrees, scaling: scaling)
    }

    public init(preferredDirections: [Double], angularSpreadDegrees: Double = 45, scaling: RateScaling = RateScaling()) throws {
        try require(!preferredDirections.isEmpty, "head_direction.preferredDirections", "[]", "at least one direction")
        try require(angularSpreadDegrees > 0 && angularSpreadDegrees.isFinite, "head_direction.angularSpreadDegrees",
                    angularSpreadDegrees, "a positive angle in degrees")
        try scaling.validate("head_direction")
        self.preferredDirections = preferredDirections
        self.angularSpreadDegrees = angularSpreadDegrees
        self.scaling = scaling
    }

    public var count: Int { preferredDirections.count }
    /// κ = 1/σ², σ in radians.
    public var kappa: Double { let s = angularSpreadDegrees * Double.pi / 180; return 1 / (s * s) }

    public var truth: [CellTruth] {
        preferredDirections.map {
            CellTruth(cellType: "head_direction", encodes: ["head_direction"],
                      parameters: ["preferred_direction": $0, "kappa": kappa])
        }
    }

    public func tuning(_ trajectory: Trajectory, steps: Range<Int>, into out: inout [Float]) {
        let n = count, k = Float(kappa)
        let cm = preferredDirections.map { Float(cos($0)) }, sm = preferredDirections.map { Float(sin($0)) }
        out.withUnsafeMutableBufferPointer { o in
            for (row, t) in steps.enumerated() {
                let h = trajectory.headDirection[t]
                let (ch, sh) = (Float(cos(h)), Float(sin(h)))
                for i in 0..<n { o[row * n + i] = expf(k * (ch * cm[i] + sh * sm[i] - 1)) }
            }
        }
    }
}
