import Foundation
import Testing

/// Executes every ```sh block of the tutorials in `notebooks-md/`, in order, in a fresh folder per
/// tutorial (with `datasets/` linked in and the freshly built `xcebra` first on PATH), so the
/// tutorials cannot go stale. A block fails the test when it exits non-zero; an HTML comment
/// `<!-- expect: TEXT -->` after a block requires TEXT in that block's output.
@Suite(.serialized) struct NotebookLongTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var notebooks: [String] {
        let dir = root.appendingPathComponent("notebooks-md")
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(".md") && $0 != "README.md" }.sorted()
    }

    struct Block {
        var code: String
        var expectations: [String]
    }

    static func blocks(in text: String) -> [Block] {
        var blocks: [Block] = []
        var current: [String]?
        for line in text.components(separatedBy: "\n") {
            if current != nil {
                if line.hasPrefix("```") {
                    blocks.append(Block(code: current!.joined(separator: "\n"), expectations: []))
                    current = nil
                } else { current!.append(line) }
            } else if line.trimmingCharacters(in: .whitespaces) == "```sh" {
                current = []
            } else if let r = line.range(of: "<!-- expect: "), let end = line.range(of: " -->"), !blocks.isEmpty {
                blocks[blocks.count - 1].expectations.append(String(line[r.upperBound..<end.lowerBound]))
            }
        }
        return blocks
    }

    /// The folder holding the built `xcebra` (next to the test bundle).
    static var binaryFolder: URL {
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        while url.path != "/" && !FileManager.default.fileExists(atPath: url.appendingPathComponent("xcebra").path) {
            url = url.deletingLastPathComponent()
        }
        return url
    }

    @Test(arguments: notebooks)
    func tutorialRuns(_ name: String) throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent("notebooks-md").appendingPathComponent(name), encoding: .utf8)
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("xcebra-notebook-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        try FileManager.default.createSymbolicLink(at: work.appendingPathComponent("datasets"), withDestinationURL: Self.root.appendingPathComponent("datasets"))
        let bin = Self.binaryFolder
        #expect(FileManager.default.fileExists(atPath: bin.appendingPathComponent("xcebra").path), "xcebra executable not found near \(CommandLine.arguments[0])")
        for (i, block) in Self.blocks(in: text).enumerated() {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/bash")
            p.arguments = ["-euo", "pipefail", "-c", block.code]
            p.currentDirectoryURL = work
            var env = ProcessInfo.processInfo.environment
            env["PATH"] = bin.path + ":" + (env["PATH"] ?? "/usr/bin:/bin")
            env["XCEBRA_ROOT"] = Self.root.path
            p.environment = env
            let pipe = Pipe()
            p.standardOutput = pipe
            p.standardError = pipe
            try p.run()
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            #expect(p.terminationStatus == 0, "\(name) block \(i + 1) exited \(p.terminationStatus):\n\(block.code)\n--- output ---\n\(output.suffix(3000))")
            for e in block.expectations {
                #expect(output.contains(e), "\(name) block \(i + 1): output lacks '\(e)'\n--- output ---\n\(output.suffix(3000))")
            }
            if p.terminationStatus != 0 { return }
        }
    }
}
