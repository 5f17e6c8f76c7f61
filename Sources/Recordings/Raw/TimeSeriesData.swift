/// One time series `[T, k]` as read from a file, on its own clock, in physical units.
public struct TimeSeriesData: Sendable, Equatable {
    /// Variable name (the NWB series name, e.g. "position", "head_direction", or a CSV column).
    public var name: String
    /// Object path in the file (or file path / key for flat formats).
    public var path: String
    /// The NWB type (SpatialSeries, TimeSeries, …) or the format name.
    public var neurodataType: String
    /// NWB type of the containing group (Position, CompassDirection, BehavioralTimeSeries, …), if any.
    public var containerType: String?
    /// Sample times in seconds, strictly increasing, length T.
    public var timestamps: [Double]
    /// Row-major `[T, k]` values: stored × conversion + offset (angles converted to radians).
    public var values: [Double]
    /// Number of columns k.
    public var columns: Int
    /// Physical unit after conversion ("meters", "radians", ...).
    public var unit: String
    /// True for angles in radians (interpolated on the circle).
    public var isCircular: Bool

    public init(name: String, path: String, neurodataType: String, containerType: String? = nil, timestamps: [Double],
                values: [Double], columns: Int, unit: String, isCircular: Bool = false) {
        self.name = name
        self.path = path
        self.neurodataType = neurodataType
        self.containerType = containerType
        self.timestamps = timestamps
        self.values = values
        self.columns = columns
        self.unit = unit
        self.isCircular = isCircular
    }

    public var sampleCount: Int { timestamps.count }
    public var shape: [Int] { [sampleCount, columns] }
}

/// Calcium traces `[T, n]` of n ROIs (NWB RoiResponseSeries, Suite2p F), before preprocessing.
public struct CalciumTraces: Sendable, Equatable {
    /// Object path of the series.
    public var path: String
    /// Frame times in seconds, length T.
    public var timestamps: [Double]
    /// Row-major `[T, n]` traces (conversion and offset applied).
    public var values: [Float]
    /// ROI identifiers (PlaneSegmentation `id` or Suite2p index), length n.
    public var roiIds: [Int64]
    /// What the traces are (DfOverF → .dff, Deconvolved → .deconvolved, else .fluorescence).
    public var signal: NeuralKind.CalciumSignal
    /// Unit of the values.
    public var unit: String
    /// ROI ids removed because `iscell[:,0] == 0`.
    public var droppedNotCells: [Int64]
    /// Why this series was chosen among the candidates (printed and recorded).
    public var choice: String

    public init(path: String, timestamps: [Double], values: [Float], roiIds: [Int64], signal: NeuralKind.CalciumSignal,
                unit: String, droppedNotCells: [Int64] = [], choice: String = "") {
        self.path = path
        self.timestamps = timestamps
        self.values = values
        self.roiIds = roiIds
        self.signal = signal
        self.unit = unit
        self.droppedNotCells = droppedNotCells
        self.choice = choice
    }

    public var frameCount: Int { timestamps.count }
    public var roiCount: Int { roiIds.count }
}
