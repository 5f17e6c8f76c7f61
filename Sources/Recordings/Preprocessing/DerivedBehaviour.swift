import Foundation

/// Variables derived from position (data-formats §3, issue 3 §4).
public enum DerivedBehaviour {
    /// Speed |dp/dt| from a `[T, k]` position series by central differences
    /// (one-sided at both ends): v_t = ‖p_{t+1} − p_{t−1}‖ / (t_{t+1} − t_{t−1}). Unit: `<position unit>/s`.
    public static func speed(from position: TimeSeriesData) -> TimeSeriesData {
        let (dx, _) = derivative(position)
        let k = position.columns
        let values = (0..<position.sampleCount).map { t in
            (0..<k).reduce(0.0) { $0 + dx[t * k + $1] * dx[t * k + $1] }.squareRoot()
        }
        return TimeSeriesData(name: "speed", path: position.path + "#speed", neurodataType: "derived", timestamps: position.timestamps,
                              values: values, columns: 1, unit: position.unit + "/s")
    }

    /// Movement direction atan2(dy/dt, dx/dt) in (−π, π] from a 2-D position series (the head direction
    /// proxy used when no CompassDirection exists). Where the animal is still (speed below `minimumSpeed`),
    /// the previous direction is carried forward.
    public static func movementDirection(from position: TimeSeriesData, minimumSpeed: Double = 0) -> TimeSeriesData? {
        guard position.columns >= 2 else { return nil }
        let (d, _) = derivative(position)
        let k = position.columns
        var values = [Double](repeating: 0, count: position.sampleCount)
        var last = 0.0
        for t in 0..<position.sampleCount {
            let vx = d[t * k], vy = d[t * k + 1]
            if (vx * vx + vy * vy).squareRoot() > minimumSpeed { last = atan2(vy, vx) }
            values[t] = last
        }
        return TimeSeriesData(name: "movement_direction", path: position.path + "#direction", neurodataType: "derived",
                              timestamps: position.timestamps, values: values, columns: 1, unit: "radians", isCircular: true)
    }

    /// Row-major `[T, k]` time derivative by central differences, and the timestamps.
    static func derivative(_ s: TimeSeriesData) -> ([Double], [Double]) {
        let n = s.sampleCount, k = s.columns, t = s.timestamps
        var d = [Double](repeating: 0, count: n * k)
        guard n > 1 else { return (d, t) }
        for i in 0..<n {
            let a = max(i - 1, 0), b = min(i + 1, n - 1)
            let dt = t[b] - t[a]
            for c in 0..<k { d[i * k + c] = (s.values[b * k + c] - s.values[a * k + c]) / dt }
        }
        return (d, t)
    }
}
