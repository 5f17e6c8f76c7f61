import Foundation
import Testing
@testable import Pipeline

@Suite struct BatchTests {
    private func tempDir() -> URL {
        let u = FileManager.default.temporaryDirectory.appendingPathComponent("xcebra-batch-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: u, withIntermediateDirectories: true)
        return u
    }

    @Test func manifestParsesQuotesCommentsAndRelativePaths() throws {
        let m = try BatchManifest.parse("""
            # sessions of mouse 3
            session,id,behaviour,steps
            data/a.nwb,,position;speed,100
            "data/b, copy.nwb",b2,,
            arena,sim,,50
            """, source: "m.csv", baseDirectory: "/base")
        #expect(m.entries.map(\.id) == ["a", "b2", "sim"])
        #expect(m.entries[0].session == "/base/data/a.nwb")
        #expect(m.entries[1].session == "/base/data/b, copy.nwb")
        #expect(m.entries[2].session == "arena")
        #expect(m.entries[0].options == ["behaviour": "position;speed", "steps": "100"])
    }

    @Test(arguments: ["id,steps\nx,1", "session\n", "session,id\na.nwb,x\nb.nwb,x", "session,id\na.nwb,../up", "session,session\na,b"])
    func badManifestsAreRejected(_ text: String) {
        #expect(throws: BatchError.self) { _ = try BatchManifest.parse(text, source: "m.csv") }
    }

    @Test func shardsPartitionTheManifest() throws {
        let m = try BatchManifest.parse("session\n" + (0..<10).map { "s\($0).nwb" }.joined(separator: "\n"), source: "m")
        var seen: [String] = []
        for i in 1...3 {
            seen += BatchRunner(manifest: m, output: tempDir(), shard: try Shard("\(i)/3")).assigned.map(\.id)
        }
        #expect(seen.sorted() == m.entries.map(\.id).sorted())
        #expect(throws: BatchError.self) { _ = try Shard("4/3") }
        #expect(throws: BatchError.self) { _ = try Shard("0/3") }
    }

    /// Shards write into one folder; a failure is recorded and does not stop the others; a re-run
    /// skips finished sessions and retries failed ones.
    @Test func failuresAreRecordedAndRerunsSkipFinishedSessions() throws {
        let out = tempDir()
        let m = try BatchManifest.parse("session\na.nwb\nbad.nwb\nc.nwb\nd.nwb", source: "m")
        var calls: [String] = []
        func work(_ e: BatchManifest.Entry, _ dir: URL) throws {
            calls.append(e.id)
            if e.id == "bad" { throw BatchError.manifest("simulated failure") }
            try Data("{\"id\":\"\(e.id)\"}".utf8).write(to: dir.appendingPathComponent("summary.json"))
        }
        let r1 = try BatchRunner(manifest: m, output: out, shard: Shard("1/2")).run(work)
        let r2 = try BatchRunner(manifest: m, output: out, shard: Shard("2/2")).run(work)
        #expect(r1 == ["a": .done, "c": .done])
        #expect(r2 == ["bad": .failed("simulated failure"), "d": .done])
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("bad.failed.json").path))
        calls = []
        let again = try BatchRunner(manifest: m, output: out).run(work)
        #expect(calls == ["bad"])
        #expect(again["a"] == .skipped && again["c"] == .skipped && again["d"] == .skipped)
        let listing = try FileManager.default.contentsOfDirectory(atPath: out.path)
        #expect(!listing.contains { $0.contains(".partial-") })
    }

    /// A shard killed mid-session leaves only a partial folder, which the next run removes and redoes.
    @Test func staleParticalFoldersAreCleanedUp() throws {
        let out = tempDir()
        let m = try BatchManifest.parse("session\na.nwb", source: "m")
        let host = ProcessInfo.processInfo.hostName.filter { $0.isLetter || $0.isNumber || $0 == "-" }
        let stale = out.appendingPathComponent(".a.partial-\(host)-999999")
        try FileManager.default.createDirectory(at: stale, withIntermediateDirectories: true)
        try Data("half".utf8).write(to: stale.appendingPathComponent("summary.json"))
        let r = try BatchRunner(manifest: m, output: out).run { _, dir in
            try Data("{}".utf8).write(to: dir.appendingPathComponent("summary.json"))
        }
        #expect(r == ["a": .done])
        #expect(!FileManager.default.fileExists(atPath: stale.path))
        #expect(try String(contentsOf: out.appendingPathComponent("a/summary.json"), encoding: .utf8) == "{}")
    }
}
