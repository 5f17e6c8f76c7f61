/// Calcium imaging data for `NWBWriter`: ROI traces `[T, n]` on one clock, written as
/// /processing/ophys/ImageSegmentation/PlaneSegmentation (one `image_mask` per ROI) with
/// `Fluorescence/RoiResponseSeries` and/or `DfOverF/RoiResponseSeries`, whose `rois` region points at the
/// PlaneSegmentation; the ImagingPlane (indicator, rate, location) and its Device in /general.
public struct NWBOphysData: Sendable {
    /// ROI ids (PlaneSegmentation `id`), length n.
    public var roiIds: [Int64]
    public var clock: NWBWriter.Clock
    /// Raw fluorescence `[T, n]` (unit `fluorescenceUnit`), if any.
    public var fluorescence: [Float]?
    /// ΔF/F `[T, n]` (unit "dF/F"), if any. The NWB reader prefers this series.
    public var dff: [Float]?
    public var fluorescenceUnit: String
    /// Indicator name, e.g. "GCaMP6f".
    public var indicator: String
    /// Frames per second.
    public var imagingRate: Double
    public var location: String
    /// Side in pixels of the square field of view of the ROI masks; each ROI is a 3 × 3 block on a lattice
    /// (the masks only place the ROIs; simulations have no images).
    public var maskSide: Int { 4 * Int(Double(max(roiIds.count, 1)).squareRoot().rounded(.up)) }

    public init(roiIds: [Int64], clock: NWBWriter.Clock, fluorescence: [Float]? = nil, dff: [Float]? = nil,
                fluorescenceUnit: String = "a.u.", indicator: String, imagingRate: Double, location: String = "unknown") {
        self.roiIds = roiIds
        self.clock = clock
        self.fluorescence = fluorescence
        self.dff = dff
        self.fluorescenceUnit = fluorescenceUnit
        self.indicator = indicator
        self.imagingRate = imagingRate
        self.location = location
    }
}

extension NWBWriter {
    static func writeOphys(_ o: NWBOphysData, into file: HDF5File) throws(RecordingError) {
        let n = o.roiIds.count
        let series = [("Fluorescence", o.fluorescence, o.fluorescenceUnit), ("DfOverF", o.dff, "dF/F")].compactMap { name, values, unit in
            values.map { (name, $0, unit) }
        }
        let frames = n > 0 ? (series.first?.1.count ?? 0) / n : 0
        guard n > 0, !series.isEmpty, frames > 0, series.allSatisfy({ $0.1.count == frames * n }) else {
            throw RecordingError(.invalidArgument, file: file.filePath, object: "/processing/ophys",
                                 "ophys data needs n > 0 ROIs and fluorescence or ΔF/F arrays of [T, n] with T > 0")
        }
        if case let .timestamps(t) = o.clock, t.count != frames {
            throw RecordingError(.invalidArgument, file: file.filePath, object: "/processing/ophys", "\(t.count) timestamps for \(frames) frames")
        }
        // Device and imaging plane.
        let general = try file.group("general")
        let devices = try general.createGroup("devices")
        let device = try devices.createGroup("Microscope")
        try typed(device, "Device", "core")
        try device.setAttribute("description", string: "simulated two-photon microscope")
        let optophysiology = try general.createGroup("optophysiology")
        let plane = try optophysiology.createGroup("ImagingPlane")
        try typed(plane, "ImagingPlane", "core")
        try plane.write("description", strings: ["imaging plane"], scalar: true)
        try plane.write("excitation_lambda", floats: [920], shape: [])
        try plane.write("imaging_rate", floats: [Float(o.imagingRate)], shape: [])
        try plane.write("indicator", strings: [o.indicator], scalar: true)
        try plane.write("location", strings: [o.location], scalar: true)
        let channel = try plane.createGroup("OpticalChannel")
        try typed(channel, "OpticalChannel", "core")
        try channel.write("description", strings: ["green channel"], scalar: true)
        try channel.write("emission_lambda", floats: [510], shape: [])
        try plane.createSoftLink("device", to: "/general/devices/Microscope")

        // Segmentation: one image mask per ROI.
        let module = try file.group("processing").createGroup("ophys")
        try typed(module, "ProcessingModule", "core")
        try module.setAttribute("description", string: "optical physiology")
        let segmentation = try module.createGroup("ImageSegmentation")
        try typed(segmentation, "ImageSegmentation", "core")
        let table = try segmentation.createGroup("PlaneSegmentation")
        let tablePath = "/processing/ophys/ImageSegmentation/PlaneSegmentation"
        try typed(table, "PlaneSegmentation", "core")
        try table.setAttribute("description", string: "ROIs")
        try table.setAttribute("colnames", strings: ["image_mask"])
        try typed(try table.write("id", int64s: o.roiIds, shape: [n]), "ElementIdentifiers", "hdmf-common")
        let side = o.maskSide, perRow = side / 4
        var masks = [Float](repeating: 0, count: n * side * side)
        for r in 0..<n {
            let (y0, x0) = (4 * (r / perRow), 4 * (r % perRow))
            for y in y0..<(y0 + 3) { for x in x0..<(x0 + 3) { masks[r * side * side + y * side + x] = 1 } }
        }
        try column(try table.write("image_mask", floats: masks, shape: [n, side, side]), "ROI image masks")
        try table.createGroup("reference_images")
        try table.createSoftLink("imaging_plane", to: "/general/optophysiology/ImagingPlane")

        for (container, values, unit) in series {
            let c = try module.createGroup(container)
            try typed(c, container, "core")
            let g = try c.createGroup("RoiResponseSeries")
            try typed(g, "RoiResponseSeries", "core")
            try writeSeriesBody(g, data: { (g: HDF5Group) throws(RecordingError) in
                try g.write("data", floats: values, shape: [frames, n], chunkRows: max(1, min(frames, (1 << 18) / n)), gzip: 4)
            }, unit: unit, clock: o.clock, description: container == "DfOverF" ? "ΔF/F" : "raw fluorescence")
            let rois = try g.write("rois", int64s: (0..<Int64(n)).map { $0 }, shape: [n])
            try column(rois, "all ROIs", type: "DynamicTableRegion")
            try rois.setReferenceAttribute("table", to: tablePath)
        }
    }
}
