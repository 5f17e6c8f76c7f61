/// How `SessionAssembler` turns raw contents into a `Session`; every field is recorded in provenance.
public struct PreprocessingOptions: Sendable, Equatable {
    /// Spike bin width Δ in seconds (default 25 ms).
    public var binWidth: Double = 0.025
    /// Units with fewer spikes (in the binned range) are dropped and reported.
    public var minimumSpikes: Int = 1
    /// z-score every neuron after all other steps.
    public var zScore: Bool = false
    /// Convert raw fluorescence to ΔF/F (running-percentile baseline); ignored for ΔF/F or deconvolved input.
    public var deltaFOverF: Bool = true
    /// Baseline window (seconds) and percentile for ΔF/F.
    public var dffWindowSeconds: Double = 60
    public var dffPercentile: Double = 10
    /// Derive speed from the first 2-D/3-D position series when no series named "speed" exists.
    public var deriveSpeed: Bool = true
    /// Derive movement direction from position when no circular series exists.
    public var deriveHeadDirection: Bool = false
    /// Keep only samples inside this interval set (e.g. "trials", "epochs").
    public var restrictTo: String?

    /// Behaviour gaps (NaN/Inf rows) up to this long (seconds, between the bounding valid samples) are
    /// interpolated; longer ones are masked (`BehaviourAlignment`).
    public var maxBehaviourGap: Double = 0.5
    /// Behaviour variables resampled by nearest neighbour (labels), by name.
    public var discreteBehaviour: [String] = []
    /// Also treat as discrete any variable whose values are all integers with at most `discreteMaxLevels` levels.
    public var detectDiscrete: Bool = true
    public var discreteMaxLevels: Int = 16

    /// Gaussian smoothing σ in seconds applied to neural data after binning (nil: none).
    public var smoothingSigma: Double?

    public init() {}

    var asParameters: [String: String] {
        var p: [String: String] = [
            "bin_width_s": "\(binWidth)", "minimum_spikes": "\(minimumSpikes)", "z_score": "\(zScore)",
            "delta_f_over_f": "\(deltaFOverF)", "dff_window_s": "\(dffWindowSeconds)", "dff_percentile": "\(dffPercentile)",
            "derive_speed": "\(deriveSpeed)", "derive_head_direction": "\(deriveHeadDirection)",
        ]
        p["max_behaviour_gap_s"] = "\(maxBehaviourGap)"
        p["detect_discrete"] = detectDiscrete ? "≤ \(discreteMaxLevels) integer levels" : "false"
        if !discreteBehaviour.isEmpty { p["discrete_behaviour"] = discreteBehaviour.joined(separator: ",") }
        if let restrictTo { p["restrict_to"] = restrictTo }
        if let smoothingSigma { p["smoothing_sigma_s"] = "\(smoothingSigma)" }
        return p
    }
}
