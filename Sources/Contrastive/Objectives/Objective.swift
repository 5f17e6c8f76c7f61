/// One objective of a multi-objective xCEBRA model: an InfoNCE loss on the embedding columns
/// `start..<stop`, with positives from `positives`.
public struct Objective: Codable, Sendable, Equatable {
    public var start: Int
    public var stop: Int
    public var criterion: InfoNCE
    public var positives: PositiveDistribution
    /// Constant weight of this loss in the total (default 1).
    public var weight: Double

    public init(slice: Range<Int>, criterion: InfoNCE = InfoNCE(), positives: PositiveDistribution, weight: Double = 1) {
        start = slice.lowerBound
        stop = slice.upperBound
        self.criterion = criterion
        self.positives = positives
        self.weight = weight
    }

    public var slice: Range<Int> { start..<stop }
    public var isTimeContrastive: Bool { if case .time = positives { return true } else { return false } }
    public var name: String { "(\(start),\(stop)) \(positives.summary)" }
}

extension InfoNCE: Codable {
    enum CodingKeys: String, CodingKey { case similarity, temperature }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(similarity: try c.decode(Similarity.self, forKey: .similarity),
                  temperature: try c.decode(Temperature.self, forKey: .temperature))
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(similarity, forKey: .similarity)
        try c.encode(temperature, forKey: .temperature)
    }
}
