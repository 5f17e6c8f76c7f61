import Tensors

/// Builds a `Session` from `RecordingContents` (data-formats §3):
/// 1. neural matrix on its sample times (spikes binned into [t₀+kΔ, t₀+(k+1)Δ) with bin-centre times,
///    calcium frames as is, raw fluorescence → ΔF/F); units with too few spikes dropped;
/// 2. behaviour gaps ≤ `maxBehaviourGap` filled, then interpolated onto those times (linear; circular:
///    unwrap → interpolate → wrap; discrete: nearest neighbour, see `BehaviourAlignment`); samples
///    outside any series' time range dropped and counted (no extrapolation);
/// 3. optional restriction to a named interval set;
/// 4. valid mask = inside every kept unit's `obs_intervals`, outside `invalid_times`, and not next to a
///    behaviour gap longer than `maxBehaviourGap` (`BehaviourAlignment`); the masked fraction and its
///    causes go into provenance (parameters `masked_fraction`, `masked_by_*`, and a warning);
/// 5. optional Gaussian smoothing (FFT, renormalised edges) and z-scoring;
/// 6. ground truth: the file's table (`RecordingContents.groundTruth`) restricted to the kept neurons by id,
///    else derived from `cell_type` labels.
public enum SessionAssembler {
    public static func assemble(_ contents: RecordingContents, options: PreprocessingOptions = PreprocessingOptions()) throws(RecordingError) -> Session {
        var provenance = Provenance(source: contents.source, reader: contents.reader, parameters: contents.parameters,
                                    warnings: contents.warnings, dropped: contents.dropped)
        for (k, v) in options.asParameters { provenance.parameters[k] = v }
        guard options.maxBehaviourGap >= 0, !options.maxBehaviourGap.isNaN else {
            throw RecordingError(.invalidArgument, file: contents.source, "maximum behaviour gap \(options.maxBehaviourGap) s; expected ≥ 0")
        }
        var behaviourSeries: [TimeSeriesData] = []
        for s in contents.behaviour {
            let (filled, report) = BehaviourAlignment.fillShortGaps(s, maxGap: options.maxBehaviourGap)
            behaviourSeries.append(filled)
            if report.interpolatedRows + report.remainingRows > 0 {
                provenance.warnings.append("warning: behaviour '\(s.name)' has \(report.interpolatedRows + report.remainingRows) NaN/Inf samples: "
                    + "\(report.interpolatedRows) in gaps ≤ \(options.maxBehaviourGap) s interpolated, \(report.remainingRows) in "
                    + "\(report.longGaps.count) longer gaps (\(String(format: "%.3g", report.longGaps.totalDuration)) s) masked")
            }
        }
        addDerivedBehaviour(&behaviourSeries, options: options)
        let behaviourRange = overlap(of: behaviourSeries)

        var times: [Double]
        var neural: Tensor
        var neurons: [NeuronInfo]
        var kind: NeuralKind
        var observed: [IntervalSet]?
        switch contents.neural {
        case let .spikes(trains):
            guard options.binWidth > 0, options.binWidth.isFinite else {
                throw RecordingError(.invalidArgument, file: contents.source, "bin width \(options.binWidth) s; expected a positive number")
            }
            guard let spikeRange = trains.timeRange else {
                throw RecordingError(.empty, file: contents.source, object: trains.sourcePath, "no unit has any spike")
            }
            // Grid: the observed range when obs_intervals exist, else spikes ∪ behaviour.
            var (lower, upper) = (spikeRange.lowerBound, spikeRange.upperBound.nextUp)
            if let obs = trains.observed, let lo = obs.flatMap(\.starts).min(), let hi = obs.flatMap(\.stops).max() {
                (lower, upper) = (lo, max(lo, hi))
            } else if let b = behaviourRange {
                (lower, upper) = (min(lower, b.lowerBound), max(upper, b.upperBound.nextUp))
            }
            let grid = SpikeBinning.grid(from: lower, to: upper, binWidth: options.binWidth)
            var keep: [Int] = [], tooFew: [Int64] = []
            let end = grid.start + Double(grid.count) * options.binWidth
            for i in 0..<trains.unitCount {
                let inRange = trains.times[i].reduce(0) { $0 + ($1 >= grid.start && $1 < end ? 1 : 0) }
                if inRange >= options.minimumSpikes { keep.append(i) } else { tooFew.append(trains.ids[i]) }
            }
            if !tooFew.isEmpty {
                provenance.dropped["too_few_spikes", default: []] += tooFew
                provenance.warnings.append("warning: dropped \(tooFew.count) units with fewer than \(options.minimumSpikes) spikes")
            }
            guard !keep.isEmpty else {
                throw RecordingError(.empty, file: contents.source, object: trains.sourcePath,
                                     "no unit has at least \(options.minimumSpikes) spikes", hint: "lower --min-spikes")
            }
            neural = SpikeBinning.counts(keep.map { trains.times[$0] }, start: grid.start, binWidth: options.binWidth, binCount: grid.count)
            times = SpikeBinning.centres(start: grid.start, binWidth: options.binWidth, binCount: grid.count)
            neurons = keep.map { trains.neuronInfo($0) }
            kind = .spikeCounts(binWidth: options.binWidth)
            observed = trains.observed.map { o in keep.map { o[$0] } }
            provenance.parameters["bin_start_s"] = "\(grid.start)"
        case let .calcium(traces):
            times = traces.timestamps
            neural = Tensor(shape: [traces.frameCount, traces.roiCount], scalars: traces.values)
            neurons = traces.roiIds.map { NeuronInfo(id: $0, kind: .roi) }
            kind = .calcium(traces.signal)
            if traces.signal == .fluorescence && options.deltaFOverF {
                let rate = Double(max(times.count - 1, 1)) / max(times.last! - times.first!, 1e-12)
                let (dff, bad) = DeltaFOverF.compute(neural, windowFrames: Int(options.dffWindowSeconds * rate), percentile: options.dffPercentile)
                neural = dff
                kind = .calcium(.dff)
                if bad > 0 { provenance.warnings.append("warning: \(bad) frames had a baseline ≤ 0; their ΔF/F is set to 0") }
            }
        case let .continuous(ts, values, ids, _):
            times = ts
            neural = Tensor(shape: [ts.count, ids.count], scalars: values)
            neurons = ids.map { NeuronInfo(id: $0, kind: .unit) }
            kind = .continuous
        }

        // Behaviour on the neural time base; drop samples outside any series (no extrapolation).
        var keepSample = [Bool](repeating: true, count: times.count)
        var gapMasked = [Bool](repeating: false, count: times.count)
        var resampled: [(TimeSeriesData, [Double])] = []
        var discrete: Set<String> = []
        for s in behaviourSeries {
            let isDiscrete = options.discreteBehaviour.contains(s.name)
                || (options.detectDiscrete && BehaviourAlignment.looksDiscrete(s, maxLevels: options.discreteMaxLevels))
            if isDiscrete { discrete.insert(s.path) }
            let (values, inside, gap) = BehaviourAlignment.resample(s, at: times, discrete: isDiscrete)
            if let i = times.indices.first(where: { inside[$0] }), times.indices.allSatisfy({ !inside[$0] || gap[$0] }) {
                throw RecordingError(.nonFinite, file: contents.source, object: s.path,
                                     "behaviour '\(s.name)' has no finite value where it overlaps the neural data (from \(times[i]) s)",
                                     hint: "drop the variable or fix its NaN/Inf values")
            }
            for i in keepSample.indices where !inside[i] { keepSample[i] = false }
            for i in gapMasked.indices where gap[i] { gapMasked[i] = true }
            resampled.append((s, values))
        }
        let unknownDiscrete = options.discreteBehaviour.filter { name in !behaviourSeries.contains { $0.name == name } }
        if !unknownDiscrete.isEmpty {
            throw RecordingError(.missingObject, file: contents.source, object: unknownDiscrete[0], "discrete behaviour '\(unknownDiscrete[0])' not found",
                                 hint: "available: " + behaviourSeries.map(\.name).joined(separator: ", "))
        }
        if let restrictTo = options.restrictTo {
            guard let set = contents.intervals[restrictTo] else {
                throw RecordingError(.missingObject, file: contents.source, object: restrictTo, "interval set '\(restrictTo)' not found",
                                     hint: "available: " + contents.intervals.keys.sorted().joined(separator: ", "))
            }
            for i in keepSample.indices where !set.contains(times[i]) { keepSample[i] = false }
        }
        let kept = keepSample.indices.filter { keepSample[$0] }
        guard !kept.isEmpty else {
            let n = "\(times.first ?? 0)…\(times.last ?? 0) s"
            let b = behaviourRange.map { "\($0.lowerBound)…\($0.upperBound) s" } ?? "none"
            throw RecordingError(.noOverlap, file: contents.source, "neural samples (\(n)) and behaviour (\(b)) do not overlap",
                                 hint: "check that both use the same clock")
        }
        let droppedSamples = times.count - kept.count
        provenance.parameters["samples_dropped_outside_behaviour"] = "\(droppedSamples)"
        if droppedSamples > 0 && kept.count < times.count {
            neural = selectRows(neural, kept)
            times = kept.map { times[$0] }
            gapMasked = kept.map { gapMasked[$0] }
        }
        let behaviour = uniqueNames(resampled).map { (name, s, values) in
            BehaviourVariable(name: name, values: kept.count == keepSample.count ? values : kept.flatMap { i in values[(i * s.columns)..<((i + 1) * s.columns)] },
                              columns: s.columns, unit: s.unit, isCircular: s.isCircular, isDiscrete: discrete.contains(s.path), sourcePath: s.path)
        }

        // Valid mask: inside every kept unit's obs_intervals, outside invalid_times, not in a behaviour gap.
        var valid = [Bool](repeating: true, count: times.count)
        var maskedBy: [(String, Int)] = []
        if let observed {
            let out = times.indices.filter { i in !observed.allSatisfy { $0.contains(times[i]) } }
            for i in out { valid[i] = false }
            maskedBy.append(("obs_intervals", out.count))
        }
        if let invalid = contents.intervals["invalid_times"] {
            let inside = times.indices.filter { invalid.contains(times[$0]) }
            for i in inside { valid[i] = false }
            maskedBy.append(("invalid_times", inside.count))
        }
        let gaps = gapMasked.reduce(0) { $0 + ($1 ? 1 : 0) }
        if gaps > 0 { maskedBy.append(("behaviour_gaps", gaps)) }
        for i in gapMasked.indices where gapMasked[i] { valid[i] = false }
        let masked = valid.reduce(0) { $0 + ($1 ? 0 : 1) }
        let fraction = Double(masked) / Double(max(valid.count, 1))
        provenance.parameters["masked_fraction"] = "\(fraction)"
        for (name, count) in maskedBy { provenance.parameters["masked_by_\(name)"] = "\(count)" }
        if masked > 0 {
            provenance.warnings.append(String(format: "warning: %.2f %% of samples masked (%d of %d; ", 100 * fraction, masked, valid.count)
                + maskedBy.filter { $0.1 > 0 }.map { "\($0.0): \($0.1)" }.joined(separator: ", ") + ")")
        }

        if let sigma = options.smoothingSigma {
            // σ in samples from the median sample spacing of the (possibly restricted) time base.
            let gaps = zip(times.dropFirst(), times).map { $0 - $1 }.sorted()
            let dt = gaps.isEmpty ? 1 : gaps[gaps.count / 2]
            neural = try Smoothing.gaussian(neural, sigmaSamples: sigma / dt, file: contents.source)
        }
        if options.zScore { neural = Normalisation.zScore(neural) }

        var intervals = contents.intervals
        if let observed, observed.count > 0 {
            intervals["obs_intervals"] = observed.reduce(IntervalSet(starts: [], stops: [])) { acc, o in
                IntervalSet(starts: acc.starts + o.starts, stops: acc.stops + o.stops)
            }
        }
        return Session(id: contents.identifier, timestamps: times, neural: neural, neuralKind: kind, neurons: neurons,
                       behaviour: behaviour, intervals: intervals, valid: valid,
                       groundTruth: contents.groundTruth?.restricted(to: neurons.map(\.id)) ?? groundTruth(neurons, behaviour),
                       provenance: provenance)
    }

    /// Common time range of all series, nil when there are none.
    static func overlap(of series: [TimeSeriesData]) -> ClosedRange<Double>? {
        let ranges = series.compactMap { s in s.timestamps.first.map { $0...s.timestamps.last! } }
        guard let lo = ranges.map(\.lowerBound).max(), let hi = ranges.map(\.upperBound).min() else { return nil }
        return lo...max(lo, hi)
    }

    static func addDerivedBehaviour(_ series: inout [TimeSeriesData], options: PreprocessingOptions) {
        guard let position = series.first(where: { $0.containerType == "Position" || $0.name.lowercased().contains("position") }),
              position.columns >= 2 else { return }
        if options.deriveSpeed && !series.contains(where: { $0.name.lowercased() == "speed" }) {
            series.append(DerivedBehaviour.speed(from: position))
        }
        if options.deriveHeadDirection && !series.contains(where: \.isCircular), let d = DerivedBehaviour.movementDirection(from: position) {
            series.append(d)
        }
    }

    static func selectRows(_ x: Tensor, _ rows: [Int]) -> Tensor {
        let n = x.shape[1]
        return Tensor(shape: [rows.count, n]) { out in
            x.scalars.withUnsafeBufferPointer { v in
                for (r, src) in rows.enumerated() { for c in 0..<n { out[r * n + c] = v[src * n + c] } }
            }
        }
    }

    /// Series names made unique by prefixing the container type on a clash.
    static func uniqueNames(_ items: [(TimeSeriesData, [Double])]) -> [(String, TimeSeriesData, [Double])] {
        let counts = Dictionary(grouping: items.map(\.0.name), by: { $0 }).mapValues(\.count)
        return items.map { s, v in
            let name = counts[s.name, default: 0] > 1 ? "\(s.containerType ?? s.neurodataType).\(s.name)" : s.name
            return (name, s, v)
        }
    }

    /// Ground truth from a `cell_type` column with place / head_direction / speed labels (NWB fixtures,
    /// simulations): place → position, head_direction → the circular variable, speed → speed.
    static func groundTruth(_ neurons: [NeuronInfo], _ behaviour: [BehaviourVariable]) -> GroundTruth? {
        let types = neurons.map { $0.cellType?.lowercased().replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_") }
        guard types.allSatisfy({ $0 != nil }), !types.isEmpty else { return nil }
        let targets: [(String, String?)] = [
            ("place", behaviour.first { $0.name.lowercased().contains("position") }?.name),
            ("head_direction", behaviour.first { $0.isCircular }?.name),
            ("speed", behaviour.first { $0.name.lowercased() == "speed" }?.name),
        ]
        var variables: [String] = [], encodes: [[Bool]] = []
        for (type, variable) in targets {
            guard let variable, types.contains(type) else { continue }
            variables.append(variable)
            encodes.append(types.map { $0 == type })
        }
        guard !variables.isEmpty else { return nil }
        return GroundTruth(variables: variables, encodes: encodes, cellTypes: types.map { $0! })
    }
}
