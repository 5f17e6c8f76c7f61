/// An open NWB 2.x file: the HDF5 file plus the typed objects found by walking it (data-formats §1.1).
///
/// Objects are found by their `neurodata_type`, never by name.
public struct NWBFile: @unchecked Sendable {
    public let hdf5: HDF5File
    public var path: String { hdf5.filePath }
    /// `nwb_version` of the root (2.x).
    public let version: String
    /// Every object below the root except `/specifications`, in walk order.
    public let nodes: [HDF5Node]

    /// Opens and walks the file; rejects NWB 1.x and non-NWB HDF5 files.
    public static func open(_ path: String) throws(RecordingError) -> NWBFile {
        let file = try HDF5File.open(path)
        let type = try file.stringAttribute("neurodata_type")
        let rootVersion = try? file.stringAttribute("nwb_version")
        let datasetVersion = file.kind(of: "/nwb_version") == .dataset ? try? file.dataset("/nwb_version").readString() : nil
        if type == nil || (rootVersion ?? datasetVersion ?? "").hasPrefix("1.") || (rootVersion == nil && datasetVersion != nil) {
            if rootVersion != nil || datasetVersion != nil {
                throw RecordingError(.unsupported, file: path, object: "/",
                                     "NWB 1.x is not supported; convert to NWB 2 (pynwb ≥ 2 cannot read 1.x either)")
            }
            throw RecordingError(.unrecognisedFormat, file: path, object: "/",
                                 "not an NWB file: the root group has no neurodata_type attribute",
                                 hint: "for a plain HDF5 file name the datasets (--neural FILE:DATASET)")
        }
        let nodes = try file.walk(skipping: ["/specifications"])
        if let external = nodes.first(where: { $0.target == .externalLink }) {
            throw RecordingError(.unsupported, file: path, object: external.path, "external links are not supported",
                                 hint: "copy the linked data into this file")
        }
        return NWBFile(hdf5: file, version: rootVersion ?? "?", nodes: nodes)
    }

    /// Typed objects whose `neurodata_type` is one of `types`, in walk order.
    public func objects(ofType types: Set<String>) -> [HDF5Node] {
        nodes.filter { $0.neurodataType.map(types.contains) ?? false }
    }

    /// Typed objects other than hdmf-common table columns, as "type @ path" (for "no neural data" errors
    /// and inspect).
    public var typedObjectList: [String] {
        nodes.compactMap { n in
            guard let type = n.neurodataType, n.namespace != "hdmf-common" else { return nil }
            return "\(type) @ \(n.path)"
        }
    }

    /// The `neurodata_type` of the group containing `path`, if typed.
    public func parentType(of path: String) -> String? {
        let parent = NWBFile.parent(of: path)
        return nodes.first { $0.path == parent }?.neurodataType
    }

    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
        return String(path[..<slash])
    }

    static func lastComponent(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    func error(_ kind: RecordingError.Kind, _ object: String, _ message: String, hint: String? = nil) -> RecordingError {
        RecordingError(kind, file: path, object: object, message, hint: hint)
    }
}
