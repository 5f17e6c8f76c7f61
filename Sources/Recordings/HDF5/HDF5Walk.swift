import CHDF5

/// One object met while walking a file: where it is and what NWB type it declares.
public struct HDF5Node: Sendable, Equatable {
    public var path: String
    public var target: HDF5LinkTarget
    /// The `neurodata_type` attribute (NWB, hdmf-common), when present.
    public var neurodataType: String?
    /// The `namespace` attribute ("core", "hdmf-common", "ndx-…"), when present.
    public var namespace: String?
}

extension HDF5Group {
    /// Depth-first walk of every object below this group, in name order.
    ///
    /// Soft links are recorded (with their target) but not followed, so linked objects are visited once;
    /// hard links reaching an already visited object (by file address) are not descended again.
    /// - Parameter skipping: absolute paths of groups not to enter (e.g. "/specifications").
    public func walk(skipping: Set<String> = []) throws(RecordingError) -> [HDF5Node] {
        var nodes: [HDF5Node] = []
        var visited: Set<UInt64> = []
        try walk(into: &nodes, visited: &visited, skipping: skipping)
        return nodes
    }

    private func walk(into nodes: inout [HDF5Node], visited: inout Set<UInt64>, skipping: Set<String>) throws(RecordingError) {
        for link in try children() {
            switch link.target {
            case .group:
                guard !skipping.contains(link.path), let address = objectAddress(link.name), visited.insert(address).inserted else { continue }
                let g = try group(link.name)
                nodes.append(HDF5Node(path: link.path, target: .group, neurodataType: try g.stringAttribute("neurodata_type"),
                                      namespace: try g.stringAttribute("namespace")))
                try g.walk(into: &nodes, visited: &visited, skipping: skipping)
            case .dataset:
                let d = try dataset(link.name)
                nodes.append(HDF5Node(path: link.path, target: .dataset, neurodataType: try d.stringAttribute("neurodata_type"),
                                      namespace: try d.stringAttribute("namespace")))
            default:
                nodes.append(HDF5Node(path: link.path, target: link.target, neurodataType: nil, namespace: nil))
            }
        }
    }

    private func objectAddress(_ name: String) -> UInt64? {
        var info = H5O_info_t()
        guard H5Oget_info_by_name2(id, name, &info, UInt32(H5O_INFO_BASIC), ch5_p_default()) >= 0 else {
            _ = HDF5Library.takeErrorStack()
            return nil
        }
        return UInt64(info.addr)
    }
}
