import Foundation
@testable import Recordings

/// Builders of small broken inputs, each in a fresh scratch directory.
enum Broken {
    static func dir() -> URL { (try? Fixtures.scratchDirectory()) ?? URL(fileURLWithPath: NSTemporaryDirectory()) }

    /// An NWB-typed root; `body` adds the rest.
    static func nwb(_ body: (HDF5File) throws -> Void) throws -> String {
        let path = dir().appendingPathComponent("broken.nwb").path
        let f = try HDF5File.create(path)
        try f.setAttribute("neurodata_type", string: "NWBFile")
        try f.setAttribute("namespace", string: "core")
        try f.setAttribute("nwb_version", string: "2.8.0")
        try body(f)
        try f.flush()
        return path
    }

    /// A Units table with the given pieces (nil = omitted).
    static func units(ids: [Int64] = [0, 1], times: [Double] = [0.1, 0.2, 0.3], index: [Int64]? = [1, 3],
                      obsShape: [Int]? = nil, stringTimes: Bool = false) throws -> String {
        try nwb { f in
            let g = try f.createGroup("units")
            try g.setAttribute("neurodata_type", string: "Units")
            try g.setAttribute("namespace", string: "core")
            try g.setAttribute("colnames", strings: ["spike_times"])
            try g.write("id", int64s: ids, shape: [ids.count])
            if stringTimes { try g.write("spike_times", strings: times.map { "\($0)" }) } else { try g.write("spike_times", doubles: times, shape: [times.count]) }
            if let index { try g.write("spike_times_index", int64s: index, shape: [index.count]) }
            if let obsShape {
                try g.write("obs_intervals", doubles: [Double](repeating: 0, count: obsShape.reduce(1, *)), shape: obsShape)
                try g.write("obs_intervals_index", int64s: [Int64(obsShape[0]), Int64(obsShape[0])], shape: [2])
            }
        }
    }

    /// A behaviour TimeSeries (plus a valid Units table so the file has neural data).
    static func series(data: [Double] = [1, 2, 3], shape: [Int] = [3], timestamps: [Double]? = [0, 1, 2], startingTime: Double? = nil,
                       rate: Double? = nil) throws -> String {
        try nwb { f in
            let p = try f.createGroup("processing")
            let m = try p.createGroup("behavior")
            let c = try m.createGroup("BehavioralTimeSeries")
            try c.setAttribute("neurodata_type", string: "BehavioralTimeSeries")
            try c.setAttribute("namespace", string: "core")
            let s = try c.createGroup("speed")
            try s.setAttribute("neurodata_type", string: "TimeSeries")
            try s.setAttribute("namespace", string: "core")
            try s.write("data", doubles: data, shape: shape).setAttribute("unit", string: "m/s")
            if let timestamps { try s.write("timestamps", doubles: timestamps, shape: [timestamps.count]) }
            if let startingTime {
                let d = try s.write("starting_time", doubles: [startingTime], shape: [])
                if let rate { try d.setAttribute("rate", double: rate) }
            }
        }
    }

    /// A RoiResponseSeries with a PlaneSegmentation.
    static func roiSeries(values: [Float], rois: [Int64], tableRows: Int) throws -> String {
        try nwb { f in
            let p = try f.createGroup("processing")
            let m = try p.createGroup("ophys")
            let seg = try m.createGroup("PlaneSegmentation")
            try seg.setAttribute("neurodata_type", string: "PlaneSegmentation")
            try seg.setAttribute("namespace", string: "core")
            try seg.write("id", int64s: (0..<Int64(tableRows)).map { $0 }, shape: [tableRows])
            let fl = try m.createGroup("DfOverF")
            try fl.setAttribute("neurodata_type", string: "DfOverF")
            try fl.setAttribute("namespace", string: "core")
            let s = try fl.createGroup("RoiResponseSeries")
            try s.setAttribute("neurodata_type", string: "RoiResponseSeries")
            try s.setAttribute("namespace", string: "core")
            try s.write("data", floats: values, shape: [values.count / rois.count, rois.count])
            try s.write("rois", int64s: rois, shape: [rois.count])
            try s.write("starting_time", doubles: [0], shape: []).setAttribute("rate", double: 10)
        }
    }

    static func file(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = dir().appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func truncated(_ source: String, to count: Int, name: String) throws -> String {
        let data = try Data(contentsOf: URL(fileURLWithPath: source))
        return try file(name, [UInt8](data.prefix(count)))
    }

    /// A folder holding the named files (contents as text or bytes).
    static func folder(_ files: [String: [UInt8]]) throws -> String {
        let d = dir()
        for (name, bytes) in files { try Data(bytes).write(to: d.appendingPathComponent(name)) }
        return d.path
    }

    static func npy(_ values: [Double], shape: [Int], dtype: String = "<f8") -> [UInt8] { NPY.encode(values, shape: shape, dtype: dtype) }
    static func text(_ s: String) -> [UInt8] { Array(s.utf8) }
    static func fixture(_ name: String) -> [UInt8] { [UInt8]((try? Data(contentsOf: URL(fileURLWithPath: Fixtures.path(name)))) ?? Data()) }
}
