/// Path data (`d` attribute) built from absolute move/line commands.
///
/// Points with a non-finite coordinate are never written: they break the path, and the next finite point
/// starts a new sub-path (a gap in a line chart, not a line to the origin).
public struct SVGPath: Sendable, Equatable {
    public private(set) var data = ""
    /// Points dropped because a coordinate was not finite.
    public private(set) var skippedPoints = 0
    private var needsMove = true

    public init() {}

    public var isEmpty: Bool { data.isEmpty }

    public mutating func move(to x: Double, _ y: Double) {
        guard let xs = NumberFormat.coordinate(x), let ys = NumberFormat.coordinate(y) else {
            skippedPoints += 1
            needsMove = true
            return
        }
        data += (data.isEmpty ? "M" : " M") + xs + " " + ys
        needsMove = false
    }

    public mutating func line(to x: Double, _ y: Double) {
        if needsMove { move(to: x, y); return }
        guard let xs = NumberFormat.coordinate(x), let ys = NumberFormat.coordinate(y) else {
            skippedPoints += 1
            needsMove = true
            return
        }
        data += " L" + xs + " " + ys
    }

    /// A vertical stroke from (x, y) down by `length` as its own sub-path (`M x y v length`): the compact form
    /// used for spike rasters.
    public mutating func verticalTick(x: Double, y: Double, length: Double) {
        guard let xs = NumberFormat.coordinate(x), let ys = NumberFormat.coordinate(y),
              let ls = NumberFormat.coordinate(length) else {
            skippedPoints += 1
            return
        }
        data += "M" + xs + " " + ys + "v" + ls
        needsMove = true
    }

    /// Breaks the current sub-path; the next `line(to:)` starts a new one.
    public mutating func breakLine() { needsMove = true }

    public mutating func close() {
        guard !data.isEmpty else { return }
        data += " Z"
        needsMove = true
    }

    /// A polyline through `points`, broken at non-finite points.
    public init(points: [(x: Double, y: Double)]) {
        self.init()
        for p in points { line(to: p.x, p.y) }
    }
}
