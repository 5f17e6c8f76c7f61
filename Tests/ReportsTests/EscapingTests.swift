import Foundation
import Reports
import Testing

@Suite struct EscapingTests {
    static let nasty = "a<b & c>d \"q\" 'p' ]]> \u{1}\u{7F}"

    @Test func textAndAttributeEscaping() {
        #expect(XMLEscaping.text("<&>\"'") == "&lt;&amp;&gt;\"'")
        #expect(XMLEscaping.attribute("<&>\"'") == "&lt;&amp;&gt;&quot;&#39;")
        #expect(XMLEscaping.text("plain") == "plain")
        #expect(XMLEscaping.text("bell\u{7}") == "bell\u{FFFD}")
        #expect(XMLEscaping.attribute("a\nb") == "a&#10;b")
    }

    @Test func labelsRoundTripThroughSVG() throws {
        let label = "x<1 & y>\"2\" 'z'"
        let chart = LineChart(title: label, xAxis: Axis(label), yAxis: Axis("R² <&>"),
                              series: [.init(name: label, x: [0, 1], y: [0, 1]), .init(name: "b", x: [0, 1], y: [1, 0])])
        let svg = chart.svg()
        let c = try #require(XMLCollector.collect(svg))
        #expect(c.texts["title"]?.first == label)
        #expect(c.texts["text"]?.contains(label) == true)
        #expect(c.texts["text"]?.contains("R² <&>") == true)
    }

    @Test func controlCharactersDoNotBreakXML() {
        let chart = BarChart(title: EscapingTests.nasty, categories: [EscapingTests.nasty], series: [.init(name: EscapingTests.nasty, values: [1])],
                             yAxis: Axis(EscapingTests.nasty))
        #expect(xmlError(chart.svg()) == nil)
    }

    @Test func htmlEscapesEverywhere() {
        var report = HTMLReport(title: "<script>alert(1)</script>", subtitle: "a & b")
        report.addHeader("<k>", "\"v\" & 'w'")
        report.addWarning("<b>not bold</b>")
        var s = ReportSection("<h2>")
        s.paragraph("1 < 2 && 3 > 2")
        var t = HTMLTable(caption: "<cap>", columns: [.init("<col>"), .init("n", numeric: true)])
        t.append([.text("</td><td>"), .number(.nan, digits: 2)])
        s.table(t)
        s.figure(LineChart(title: "t", xAxis: Axis(), yAxis: Axis(), series: []).svg(), caption: "<fig> & \"cap\"")
        report.addSection(s)
        let html = report.render()
        #expect(!html.contains("<script>alert"))
        #expect(!html.contains("<b>not bold"))
        #expect(!html.contains("</td><td></td>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("&lt;fig&gt; &amp; \"cap\""))
        #expect(html.contains(NumberFormat.missing))
        #expect(occurrences(of: "<script>", in: html) == 1)  // only the sorting script
    }
}
