import Contrastive
import Foundation
import Recordings
import Tensors

/// `summary.json` of a training run: provenance, every resolved parameter, versions, timings.
struct RunSummary: Encodable {
    let schemaVersion = 1
    let xcebra = ToolkitVersion.string
    let blas = NumericRuntime.blasDescription
    let threads: Int
    let session: SessionInfo
    let configuration: TrainingConfiguration
    let timings: [String: Double]
    let finalRecord: TrainingRecord?
    let decoding: BlockDecoding?

    struct SessionInfo: Encodable {
        let id: String
        let source: String
        let reader: String
        let samples: Int
        let neurons: Int
        let behaviour: [String]
        let parameters: [String: String]
        let warnings: [String]
        let dropped: [String: [Int64]]
    }

    init(session s: Session, configuration: TrainingConfiguration, threads: Int, timings: [String: Double], finalRecord: TrainingRecord?,
         decoding: BlockDecoding?) {
        self.decoding = decoding
        self.threads = threads
        self.configuration = configuration
        self.timings = timings
        self.finalRecord = finalRecord
        session = SessionInfo(id: s.id, source: s.provenance.source, reader: s.provenance.reader, samples: s.sampleCount,
                              neurons: s.neuronCount, behaviour: s.behaviour.map { "\($0.name) [\($0.columns) col, \($0.unit)]" },
                              parameters: s.provenance.parameters, warnings: s.provenance.warnings, dropped: s.provenance.dropped)
    }

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version", xcebra, blas, threads, session, configuration, timings, finalRecord = "final_record", decoding
    }
}
