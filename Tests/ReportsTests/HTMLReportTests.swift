import Foundation
import Reports
import Testing

@Suite struct HTMLReportTests {
    @Test func samplePageIsSelfContained() throws {
        let html = SamplePage.make().render()
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        // No URL of any kind: no scheme, no protocol-relative link, no external src/href/url()/@import.
        #expect(!html.contains("http:") && !html.contains("https:"))
        let external = try NSRegularExpression(pattern: "(?i)(src\\s*=|@import|url\\((?!#)|href=\"(?!#)|//[a-z0-9.-]+\\.[a-z]{2,})")
        #expect(external.firstMatch(in: html, range: NSRange(html.startIndex..., in: html)) == nil)
        #expect(html.contains("@media print"))
        let svgs = svgFragments(html)
        #expect(svgs.count == 11)
        var ids: [String] = []
        for svg in svgs {
            #expect(xmlError(svg) == nil, "\(xmlError(svg) ?? "")")
            ids += XMLCollector.collect(svg)?.ids ?? []
        }
        #expect(Set(ids).count == ids.count)
        #expect(!containsNonFiniteToken(html.replacingOccurrences(of: "<script>", with: "")
            .components(separatedBy: "<script>").first!))
    }

    @Test func duplicateFiguresGetUniqueIDs() throws {
        let svg = SampleCharts.loss().svg()
        var s = ReportSection("Twice")
        s.figure(svg, caption: "one")
        s.figure(svg, caption: "two")
        let html = HTMLReport(title: "t", sections: [s]).render()
        let fragments = svgFragments(html)
        #expect(fragments.count == 2)
        let first = try #require(XMLCollector.collect(fragments[0])), second = try #require(XMLCollector.collect(fragments[1]))
        #expect(!first.ids.isEmpty && Set(first.ids).isDisjoint(with: second.ids))
        // Every url(#id) reference inside each figure points at an id defined in that figure.
        for (f, c) in zip(fragments, [first, second]) {
            let refs = try NSRegularExpression(pattern: "url\\(#([^)]+)\\)").matches(in: f, range: NSRange(f.startIndex..., in: f))
                .map { String(f[Range($0.range(at: 1), in: f)!]) }
            #expect(!refs.isEmpty && refs.allSatisfy(c.ids.contains))
        }
        #expect(!html.contains("xmlns="))
    }

    @Test func sectionAnchorsAreUniqueAndLinked() {
        let html = HTMLReport(title: "t", sections: [ReportSection("Results"), ReportSection("Results"), ReportSection("2nd: R² & more")]).render()
        #expect(html.contains("id=\"results\"") && html.contains("id=\"results-2\"") && html.contains("id=\"s-2nd-r-more\""))
        #expect(html.contains("href=\"#results-2\""))
        #expect(HTMLReport.slug("") == "section")
    }

    @Test func tablesMarkNumericColumnsAndSortKeys() {
        var t = HTMLTable(columns: [.init("name"), .init("score", numeric: true)])
        t.append([.text("a"), .number(0.5, digits: 2)])
        t.append([.text("b")])
        let html = t.html()
        #expect(html.contains("<td class=\"num\" data-v=\"0.5\">0.50</td>"))
        #expect(html.contains("<td class=\"num\"></td>"))
        #expect(html.contains("class=\"sortable\""))
    }

    @Test func writesAtomicallyAndCreatesDirectories() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("reports-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("sub/index.html")
        let report = HTMLReport(title: "written")
        try report.write(to: url)
        #expect(try String(contentsOf: url, encoding: .utf8) == report.render())
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path)
        #expect(leftovers == ["index.html"])
        #expect(throws: ReportError.self) { try report.write(to: URL(fileURLWithPath: "/proc/nonexistent/dir/index.html")) }
    }

    /// Writes the sample page to $XCEBRA_REPORT_SAMPLE_DIR/index.html (for looking at it in a browser).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["XCEBRA_REPORT_SAMPLE_DIR"] != nil))
    func writeSamplePage() throws {
        let dir = ProcessInfo.processInfo.environment["XCEBRA_REPORT_SAMPLE_DIR"]!
        try SamplePage.make().write(to: URL(fileURLWithPath: dir).appendingPathComponent("index.html"))
        for (name, svg) in SampleCharts.all() {
            try HTMLReport.writeAtomically(svg, to: URL(fileURLWithPath: dir).appendingPathComponent("figures/\(name).svg"))
        }
    }
}
