import Foundation
import Tensors

/// Grid cells (RatInABox `GridCells`, ratinabox-model.md §3).
///
/// Cell i belongs to a module with wavelength λ (`gridscale`) and orientation θ and has a phase
/// φ_i ∈ [0, 2π)². Wave vectors K_k = (2π/λ)·(cos(θ + (k−1)·60°), sin(θ + (k−1)·60°)), k = 1…3;
/// origin o_i = λ φ_i / 2π; g = (1/3) Σ_k cos(K_k·(x − o_i)) ∈ [−½, 1].
/// - three_rectified_cosines: f = max(0, (g − c)/(1 − c)), c = (1/3)(2 cos(√3 π·widthRatio/2) + 1);
///   the default widthRatio = 4/(3√3) gives c = 0, i.e. f = max(0, g).
/// - three_shifted_cosines (Solstad 2006): f = (2/3)(g + ½) ∈ [0, 1].
/// 1-D: f = cos(2πx/λ − φ), rectified at cos(π·widthRatio) or shifted to (f + 1)/2.
///
/// `gridscale` is RatInABox's: the **wavelength** of the cosines, so neighbouring fields are
/// 2λ/√3 ≈ 1.155 λ apart (RatInABox issue #127). `Module(spacing:)` sets the field spacing
/// directly (λ = spacing·√3/2). Default modules are RatInABox's: λ = 0.3, 0.5, 0.8 m with
/// orientations 0, 0.1, 0.2 rad, cells split evenly (remainder to the last module).
public struct GridCells: CellPopulation {
    public enum Description: String, Sendable {
        case rectifiedCosines = "three_rectified_cosines", shiftedCosines = "three_shifted_cosines"
    }

    public struct Module: Sendable, Equatable {
        /// Wavelength λ of the plane waves (RatInABox `gridscale`), metres.
        public var gridscale: Double
        public var orientation: Double
        public init(gridscale: Double, orientation: Double = 0) {
            self.gridscale = gridscale
            self.orientation = orientation
        }
        /// A module whose neighbouring fields are `spacing` metres apart (λ = spacing·√3/2).
        public init(spacing: Double, orientation: Double = 0) {
            self.init(gridscale: spacing * 3.0.squareRoot() / 2, orientation: orientation)
        }
        /// Distance between neighbouring firing fields, 2λ/√3.
        public var spacing: Double { 2 * gridscale / 3.0.squareRoot() }
    }

    public static let ratInABoxModules = [Module(gridscale: 0.3, orientation: 0), Module(gridscale: 0.5, orientation: 0.1),
                                          Module(gridscale: 0.8, orientation: 0.2)]

    public let environment: Environment
    public let description: Description
    public let modules: [Module]
    /// Module index of each cell.
    public let moduleOfCell: [Int]
    /// φ per cell (1-D: only x is used).
    public let phases: [SIMD2<Double>]
    public let widthRatio: Double
    public let scaling: RateScaling

    /// `count` cells split evenly over `modules` with phases U(0, 2π)².
    public init(environment: Environment, count: Int, modules: [Module] = GridCells.ratInABoxModules,
                description: Description = .rectifiedCosines, widthRatio: Double = 4 / (3 * 3.0.squareRoot()),
                scaling: RateScaling = RateScaling(), rng: inout Xoshiro256) throws {
        try require(count > 0, "grid.count", count, "at least one cell")
        try require(!modules.isEmpty && modules.allSatisfy { $0.gridscale > 0 && $0.gridscale.isFinite }, "grid.modules",
                    modules.map(\.gridscale), "at least one module with a positive gridscale")
        try require(widthRatio > 0 && widthRatio <= 1, "grid.widthRatio", widthRatio, "a value in (0, 1]")
        try scaling.validate("grid")
        let per = count / modules.count
        self.moduleOfCell = (0..<count).map { min($0 / max(per, 1), modules.count - 1) }
        self.phases = (0..<count).map { _ in SIMD2(rng.uniform(0, 2 * .pi), rng.uniform(0, 2 * .pi)) }
        self.environment = environment
        self.description = description
        self.modules = modules
        self.widthRatio = widthRatio
        self.scaling = scaling
    }

    public var count: Int { phases.count }

    public var truth: [CellTruth] {
        phases.indices.map {
            let m = modules[moduleOfCell[$0]]
            return CellTruth(cellType: "grid", encodes: ["position"],
                             parameters: ["gridscale": m.gridscale, "spacing": m.spacing, "orientation": m.orientation,
                                          "module": Double(moduleOfCell[$0]), "phase_x": phases[$0].x, "phase_y": phases[$0].y])
        }
    }

    /// Wave vectors K_k of module m.
    func waveVectors(_ m: Module) -> [SIMD2<Double>] {
        (0..<3).map {
            let a = m.orientation + Double($0) * Double.pi / 3
            return (2 * Double.pi / m.gridscale) * SIMD2(cos(a), sin(a))
        }
    }

    public func tuning(_ trajectory: Trajectory, steps: Range<Int>, into out: inout [Float]) {
        let n = count
        if environment.dimensionality == .one { tuning1D(trajectory, steps: steps, into: &out); return }
        // cos(K·x − K·o) = cos(K·x)cos(K·o) + sin(K·x)sin(K·o): three sincos per module and
        // step, and six multiply-adds per cell.
        let K = modules.map(waveVectors)
        var co = [Float](repeating: 0, count: 3 * n), so = [Float](repeating: 0, count: 3 * n)
        for i in 0..<n {
            let m = modules[moduleOfCell[i]]
            let o = (m.gridscale / (2 * Double.pi)) * phases[i]
            for k in 0..<3 {
                let ko = (K[moduleOfCell[i]][k] * o).sum()
                co[3 * i + k] = Float(cos(ko)); so[3 * i + k] = Float(sin(ko))
            }
        }
        let c = (2 * cos(3.0.squareRoot() * Double.pi * widthRatio / 2) + 1) / 3
        let (cf, inv) = (Float(c), Float(1 / (1 - c)))
        let shifted = description == .shiftedCosines
        var cx = [Float](repeating: 0, count: 3 * modules.count), sx = cx
        out.withUnsafeMutableBufferPointer { o in
            for (row, t) in steps.enumerated() {
                let p = trajectory.position[t]
                for (mi, kv) in K.enumerated() {
                    for k in 0..<3 {
                        let a = (kv[k] * p).sum()
                        cx[3 * mi + k] = Float(cos(a)); sx[3 * mi + k] = Float(sin(a))
                    }
                }
                let base = row * n
                for i in 0..<n {
                    let m = 3 * moduleOfCell[i], j = 3 * i
                    var g = cx[m] * co[j] + sx[m] * so[j]
                    g += cx[m + 1] * co[j + 1] + sx[m + 1] * so[j + 1]
                    g += cx[m + 2] * co[j + 2] + sx[m + 2] * so[j + 2]
                    g *= 1 / 3
                    o[base + i] = shifted ? (2 / 3) * (g + 0.5) : max(0, (g - cf) * inv)
                }
            }
        }
    }

    func tuning1D(_ trajectory: Trajectory, steps: Range<Int>, into out: inout [Float]) {
        let n = count
        let threshold = cos(Double.pi * widthRatio)
        for (row, t) in steps.enumerated() {
            let x = trajectory.position[t].x
            for i in 0..<n {
                let f = cos(2 * Double.pi * x / modules[moduleOfCell[i]].gridscale - phases[i].x)
                out[row * n + i] = Float(description == .shiftedCosines ? (f + 1) / 2 : max(0, (f - threshold) / (1 - threshold)))
            }
        }
    }
}
