import Foundation
import JXModel
import XCTest
@testable import JXReport

#if canImport(FoundationXML)
import FoundationXML
#endif

/// HTML, Markdown and text reports, and the rank views.
final class DocumentReporterTests: XCTestCase {
    /// Parses output as XML: proves the page is well-formed (every tag closed, attributes quoted, entities legal).
    private func xml(_ buffer: ByteBuffer) throws -> XMLDocument {
        try XMLDocument(data: buffer.data, options: [])
    }

    private func nodes(_ document: XMLDocument, _ xpath: String) throws -> [XMLNode] {
        try document.nodes(forXPath: xpath)
    }

    /// XPath on XHTML needs the namespace; local-name() avoids registering a prefix.
    private func elements(_ document: XMLDocument, _ name: String, attribute: String? = nil, contains value: String? = nil) throws -> [XMLElement] {
        var xpath = "//*[local-name()='\(name)']"
        if let attribute, let value { xpath = "//*[local-name()='\(name)' and contains(concat(' ', @\(attribute), ' '), ' \(value) ')]" }
        return try nodes(document, xpath).compactMap { $0 as? XMLElement }
    }

    /// Writes reports to $JXREPORT_DUMP (when set) for looking at them in a browser.
    private func dump(_ buffer: ByteBuffer, _ name: String) {
        guard let folder = ProcessInfo.processInfo.environment["JXREPORT_DUMP"] else { return }
        try? buffer.data.write(to: URL(fileURLWithPath: folder).appendingPathComponent(name))
    }

    // MARK: - HTML

    func testSmallRunHTML() throws {
        let report = Fixtures.smallRun()
        let output = HTMLReporter().render(report)
        let page = try xml(output)
        XCTAssertEqual(page.rootElement()?.attributeValue("lang"), "zh-CN")
        XCTAssertEqual(try elements(page, "svg").count, 2, "ranking chart and rule chart")
        XCTAssertEqual(try elements(page, "svg", attribute: "class", contains: "ranking").count, 1)
        XCTAssertEqual(try elements(page, "article", attribute: "class", contains: "goal-table").count, report.summary.tables)
        XCTAssertEqual(try elements(page, "script").count, 1)
        XCTAssertTrue(try elements(page, "link").isEmpty && elements(page, "img").isEmpty, "no external assets")
        // The "≥100%" cell of 验收合格率 is highlighted as an error, and the message sits beside the row.
        let highlighted = try elements(page, "td", attribute: "class", contains: "hl-error")
        XCTAssertTrue(highlighted.contains { $0.stringValue == "≥100%" })
        let row = try XCTUnwrap(try elements(page, "tr").first { $0.attributeValue("id") == "doc-1-t1-r2" })
        // Markup in document text arrives as text (control characters become U+FFFD, which XML allows).
        XCTAssertTrue(row.stringValue?.contains("控制\u{FFFD}\u{FFFD}<script>&amp;]]>,逗号 =SUM(A1)") ?? false)
        // Goal findings highlight the goal cell.
        XCTAssertTrue(try elements(page, "td", attribute: "class", contains: "hl-warning").contains { $0.stringValue == "完成设备购置，保障工作" })
        XCTAssertTrue(output.text.contains("<option value=\"value-geq-100\">"), "rule filter")
        for document in report.documents {
            for table in document.tables {
                XCTAssertTrue(output.text.contains(table.table.title.text), table.table.title.text)
            }
        }
    }

    func testCorpusHTML() throws {
        let report = try CorpusFixture.run()
        let output = HTMLReporter().render(report)
        dump(output, "corpus.html")
        let page = try xml(output)
        XCTAssertEqual(try elements(page, "svg").count, 2)
        let articles = try elements(page, "article", attribute: "class", contains: "goal-table")
        XCTAssertEqual(articles.count, report.summary.tables)
        let titles = Set(articles.compactMap { ($0.elements(forName: "h3").first?.stringValue) })
        for document in report.documents {
            for table in document.tables {
                let title = table.table.title.text.isEmpty ? table.table.project : table.table.title.text
                XCTAssertTrue(titles.contains { $0.hasSuffix(title) }, "table \(table.table.index) of \(document.path)")
            }
        }
        XCTAssertEqual(try elements(page, "rect").count > 5, true, "bars drawn")
        dump(HTMLReporter(language: .en).render(report), "corpus-en.html")
        dump(RankHTMLReporter().render(report), "rank.html")
    }

    func testEnglishHTML() throws {
        let output = HTMLReporter(language: .en).render(Fixtures.smallRun())
        let page = try xml(output)
        XCTAssertEqual(page.rootElement()?.attributeValue("lang"), "en")
        let headings = try elements(page, "h2").compactMap(\.stringValue)
        XCTAssertTrue(headings.contains("Overview"))
        XCTAssertFalse(output.text.contains("总览"))
    }

    // MARK: - Text

    func testTextReport() {
        let report = Fixtures.smallRun()
        let text = TextReporter().render(report).text
        XCTAssertTrue(text.contains("a.txt:16: error[value-geq-100] 引号\"反斜杠\\换行 回车 制表"), "one line per finding")
        XCTAssertTrue(text.contains("a.txt:50: info[title-anomaly] 问题"))
        XCTAssertTrue(text.contains("  表 1「1、设备购置绩效目标表」第 10 行：得分 73（中），错误 1，警告 3"))
        XCTAssertTrue(text.contains("汇总：3 份文档，4 张绩效目标表，6 行指标；错误 2，警告 5，提示 1"))
        XCTAssertTrue(text.contains("得分最低的表：\n  1.    73 中"))
        XCTAssertFalse(text.contains("\u{1B}["), "no colour unless asked")
        let lines = text.split(separator: "\n")
        XCTAssertTrue(lines.allSatisfy { !$0.hasPrefix("回车") }, "line breaks inside messages are flattened")

        let colored = TextReporter(color: true).render(report).text
        XCTAssertTrue(colored.contains("\u{1B}[1;31merror[value-geq-100]\u{1B}[0m"))

        let english = TextReporter(language: .en).render(report).text
        XCTAssertTrue(english.contains("Summary: 3 documents, 4 goal tables, 6 indicator rows; 2 errors, 5 warnings, 1 info"))
        XCTAssertTrue(english.contains("  table 1 \"1、设备购置绩效目标表\" line 10: score 73 (Fair), 1 error, 3 warning"))
        XCTAssertTrue(english.contains("a.txt:16: error[value-geq-100] problem"))
        XCTAssertTrue(english.contains("Lowest-scoring tables:"))
    }

    func testCorpusText() throws {
        let report = try CorpusFixture.run()
        let text = TextReporter().render(report).text
        dump(TextReporter().render(report), "corpus.txt")
        let findingLines = text.split(separator: "\n").filter { $0.contains(": error[") || $0.contains(": warning[") || $0.contains(": info[") }
        XCTAssertEqual(findingLines.count, report.summary.findings)
    }

    // MARK: - Markdown

    /// The byte test for newlines answers as walking the characters does: on every Corpus cell and on
    /// every newline scalar, alone, doubled, at either end, after a combining mark and next to CJK text.
    func testNewlineByBytesAgreesWithCharacters() throws {
        var texts: [String] = ["", "a", "满意度", "e\u{301}", "\u{C285}", "\u{2027}", "\u{202A}", "\u{E280}", "¢", "…"]
        for scalar: UInt32 in [0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029] {
            guard let s = Unicode.Scalar(scalar) else { continue }
            texts += ["\(s)", "满意度\(s)", "\(s)率", "a\(s)\(s)b", "e\u{301}\(s)", "\(s)\u{301}", "\r\n\(s)"]
        }
        for document in try CorpusFixture.documents() {
            for table in document.tables {
                texts += [table.title.raw, table.goal.raw, table.goal.text]
                for row in table.rows { texts += [row.name.raw, row.description.raw, row.value.raw, row.basis.raw] }
            }
        }
        var withNewline = 0
        for text in texts {
            let expected = text.contains(where: \.isNewline)
            XCTAssertEqual(TextScan.containsNewline(text), expected, text.debugDescription)
            if expected { withNewline += 1 }
        }
        XCTAssertGreaterThan(withNewline, 50)
    }

    /// Inline code made from the bytes for one-line texts without backticks is what the character walk
    /// makes, on every Corpus cell and on texts with backticks and line breaks.
    func testMarkdownCodeFastPathAgreesWithCharacters() throws {
        var texts = ["", "`", "a`b", "``x", "x`", "≥95%", "a\nb", "a\u{2028}b", "e\u{301}", "`\n`"]
        for document in try CorpusFixture.documents() {
            for table in document.tables {
                texts += [table.goal.raw, table.title.raw]
                for row in table.rows { texts += [row.name.raw, row.value.raw, row.basis.raw, row.description.raw] }
            }
        }
        for text in texts { XCTAssertEqual(MarkdownReporter.code(text), MarkdownReporter.codeByCharacters(text), text.debugDescription) }
    }

    func testMarkdown() {
        let text = MarkdownReporter().render(Fixtures.smallRun()).text
        XCTAssertTrue(text.hasPrefix("# jxlint 绩效目标表审核报告\n\n## 汇总\n"))
        XCTAssertTrue(text.contains("## 甲部门 2023\n"))
        XCTAssertTrue(text.contains("| 1 | 设备购置 | 10 | 73 | 中 | 1 | 3 | 0 |"))
        XCTAssertTrue(text.contains("### 1、设备购置绩效目标表"))
        XCTAssertTrue(text.contains("\\<script\\>"), "markup in document text is escaped")
        let english = MarkdownReporter(language: .en).render(Fixtures.smallRun()).text
        XCTAssertTrue(english.hasPrefix("# jxlint performance-goal table review\n\n## Summary\n"))
        XCTAssertEqual(MarkdownReporter.cell("a|b\nc"), "a\\|b c")
        XCTAssertEqual(MarkdownReporter.code("a`b"), "``a`b``")
    }

    // MARK: - Rank

    func testRankText() throws {
        let text = RankTextReporter().render(Fixtures.smallRun()).text
        let lines = text.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 4, "header, rule, two departments")
        XCTAssertTrue(lines[0].hasPrefix("排名  部门"))
        XCTAssertTrue(lines[2].hasPrefix("   1  乙部门"))
        // Columns line up by display width: the grade column starts at the same column on every line.
        let gradeColumn = lines.map { TextWidth.width($0) - TextWidth.width(String($0.split(separator: " ").last ?? "")) }
        XCTAssertEqual(Set(gradeColumn).count, 1, text)
        XCTAssertTrue(lines[3].contains("basis-invalid×2, goal-vague×1, missing-dimension×1"))
        let english = RankTextReporter(language: .en).render(Fixtures.smallRun()).text
        XCTAssertTrue(english.hasPrefix("rank  department"))
    }

    func testWideCharactersCountTwice() {
        XCTAssertEqual(TextWidth.width("abc"), 3)
        XCTAssertEqual(TextWidth.width("甲部门"), 6)
        XCTAssertEqual(TextWidth.width("（中）"), 6)
        XCTAssertEqual(TextWidth.width("≥95%"), 4)
        XCTAssertEqual(TextWidth.padRight("甲", to: 4), "甲  ")
    }

    func testRankFormats() throws {
        let report = Fixtures.smallRun()
        let csv = try RFC4180.parseReport(RankCSVReporter().render(report))
        XCTAssertEqual(csv.count, 3)
        XCTAssertEqual(Set(csv.map(\.count)), [11])
        XCTAssertEqual(csv[1][1], "乙部门")

        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: RankJSONReporter().render(report).data) as? [String: Any])
        let departments = try XCTUnwrap(json["departments"] as? [[String: Any]])
        XCTAssertEqual(departments.map { $0["department"] as? String }, ["乙部门", "甲部门"])
        XCTAssertEqual(departments.last?["score"] as? Double, 86.7)
        XCTAssertEqual(departments.last?["paths"] as? [String], ["a.txt", "a-2.txt"])
        XCTAssertEqual(Set(departments.first?.keys ?? [:].keys),
                       ["rank", "department", "year", "paths", "tables", "rows", "findings", "topRules", "score", "grade"])

        let markdown = RankMarkdownReporter().render(report).text
        XCTAssertTrue(markdown.contains("| 1 | 乙部门 | 2023 | 1 | 1 | 1 | 0 | 0 | `duplicate-table`×1 | 88 | 良 |"))

        let page = try xml(RankHTMLReporter().render(report))
        XCTAssertEqual(try elements(page, "svg").count, 1)
        XCTAssertEqual(try elements(page, "tr").count, 3)
    }

    func testCorpusRank() throws {
        let report = try CorpusFixture.run()
        let ranking = DepartmentRanking.build(report)
        XCTAssertEqual(ranking.count, 5, "five departments")
        XCTAssertTrue(ranking.allSatisfy { $0.department != nil && $0.score != nil })
        dump(RankTextReporter().render(report), "rank.txt")
    }

    // MARK: - Factory

    func testFactoryCoversEveryViewAndFormat() {
        for view in ReportView.allCases {
            for format in ReportFormat.allCases {
                let writer = Reporter.make(format: format, view: view)
                XCTAssertEqual(writer != nil, Reporter.formats(for: view).contains(format), "\(view) \(format)")
                guard let writer else { continue }
                var sink = ByteBuffer()
                writer.write(Fixtures.smallRun(), to: &sink)
                XCTAssertFalse(sink.bytes.isEmpty)
            }
        }
    }
}

extension XMLElement {
    /// `attribute(forName:)` misses attributes of elements in a default namespace (XHTML) in
    /// swift-corelibs-foundation, so look through the attribute list instead.
    func attributeValue(_ name: String) -> String? {
        attributes?.first { $0.name == name }?.stringValue
    }
}
