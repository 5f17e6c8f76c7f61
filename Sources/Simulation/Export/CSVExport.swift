import Foundation
import Recordings

/// Tidy CSV export of a simulated session (RatInABox issue #120: trajectories and cells, one row
/// per time step).
///
/// `<path>`: header `t,<behaviour columns>,<neuron columns>`, one row per sample. A k-column
/// behaviour variable v gives `v` (k = 1) or `v_x,v_y` (k = 2) or `v_0 … v_{k−1}`; neuron n
/// gives `n<n>_<cellType>`. `<path minus .csv>.neurons.csv`: one row per neuron with its id, cell
/// type, the ground-truth variables it encodes (`;`-separated) and its tuning parameters.
/// Both files are written to a temporary file in the same folder and renamed into place.
public func writeSessionCSV(_ session: Session, to path: String) throws {
    let url = URL(fileURLWithPath: path)
    guard url.pathExtension.lowercased() == "csv" else {
        throw SimulationError.badFile(path: path, location: "file name", expected: "a .csv output path")
    }
    var header = ["t"]
    for b in session.behaviour {
        switch b.columns {
        case 1: header.append(b.name)
        case 2: header += ["\(b.name)_x", "\(b.name)_y"]
        default: header += (0..<b.columns).map { "\(b.name)_\($0)" }
        }
    }
    header += session.neurons.enumerated().map { i, n in "n\(i)_\(n.cellType ?? "unit")" }
    let N = session.neuronCount
    let integral = { if case .spikeCounts = session.neuralKind { return true } else { return false } }()
    try atomicWrite(to: url) { emit in
        emit(header.joined(separator: ",") + "\n")
        var line = ""
        for t in 0..<session.sampleCount {
            line.removeAll(keepingCapacity: true)
            line += "\(session.timestamps[t])"
            for b in session.behaviour {
                for c in 0..<b.columns { line += ",\(b[t, c])" }
            }
            session.neural.scalars.withUnsafeBufferPointer { x in
                for n in 0..<N {
                    let v = x[t * N + n]
                    line += integral ? ",\(Int(v))" : ",\(v)"
                }
            }
            line += "\n"
            emit(line)
        }
    }
    let neuronsURL = url.deletingPathExtension().appendingPathExtension("neurons.csv")
    let gt = session.groundTruth
    let keys = Array(Set(session.neurons.flatMap { $0.extra.keys }).subtracting(["encodes"])).sorted()
    try atomicWrite(to: neuronsURL) { emit in
        emit((["neuron", "cell_type", "encodes"] + keys).joined(separator: ",") + "\n")
        for (i, n) in session.neurons.enumerated() {
            let enc = gt.map { g in g.variables.indices.filter { g.encodes[$0][i] }.map { g.variables[$0] } } ?? []
            let fields = ["\(n.id)", n.cellType ?? "", enc.joined(separator: ";")] + keys.map { n.extra[$0] ?? "" }
            emit(fields.map { $0.contains(",") ? "\"\($0)\"" : $0 }.joined(separator: ",") + "\n")
        }
    }
}

/// Streams text into `<folder>/.<name>.tmp-<pid>` and renames it over `url` when complete.
func atomicWrite(to url: URL, _ body: (_ emit: (String) -> Void) throws -> Void) throws {
    let tmp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
    guard FileManager.default.createFile(atPath: tmp.path, contents: nil),
          let handle = try? FileHandle(forWritingTo: tmp) else {
        throw SimulationError.writeFailed(path: url.path, reason: "cannot create \(tmp.path)")
    }
    var buffer = Data()
    var failure: Error?
    do {
        try body { s in
            buffer.append(contentsOf: s.utf8)
            if buffer.count > 1 << 20, failure == nil {
                do { try handle.write(contentsOf: buffer) } catch { failure = error }
                buffer.removeAll(keepingCapacity: true)
            }
        }
        if failure == nil { try handle.write(contentsOf: buffer) }
        try handle.close()
    } catch {
        failure = error
    }
    if let failure {
        try? FileManager.default.removeItem(at: tmp)
        throw SimulationError.writeFailed(path: url.path, reason: "\(failure)")
    }
    do {
        if FileManager.default.fileExists(atPath: url.path) { try FileManager.default.removeItem(at: url) }
        try FileManager.default.moveItem(at: tmp, to: url)
    } catch {
        try? FileManager.default.removeItem(at: tmp)
        throw SimulationError.writeFailed(path: url.path, reason: "rename failed: \(error)")
    }
}
