import Foundation
import JXModel
import JXRules
import XCTest
@testable import JXReport

#if canImport(FoundationXML)
import FoundationXML
#endif

/// The Corpus through the real rule set and every reporter: what a user of `jxlint check Corpus` gets.
final class EndToEndTests: XCTestCase {
    nonisolated(unsafe) private static var cached: RunReport?

    /// Parsed and checked once; the Corpus is a few megabytes and each test reads the same report.
    private func report() throws -> RunReport {
        if let cached = Self.cached { return cached }
        let rules = try RuleSet.loadDefault()
        let documents = try CorpusFixture.documents()
        let findings = RuleEngine(rules: rules).checkAll(documents)
        let report = RunReport.build(documents: documents, findings: findings, rules: rules.descriptions)
        Self.cached = report
        return report
    }

    func testEveryFormatIsValidOnTheCorpus() throws {
        let report = try report()
        XCTAssertGreaterThan(report.summary.findings, 0)

        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: JSONReporter().render(report).data) as? [String: Any])
        let summary = try XCTUnwrap(json["summary"] as? [String: Any])
        XCTAssertEqual(summary["tables"] as? Int, report.summary.tables)

        let sarif = try XCTUnwrap(try JSONSerialization.jsonObject(with: SARIFReporter().render(report).data) as? [String: Any])
        let run = try XCTUnwrap((sarif["runs"] as? [[String: Any]])?.first)
        let rules = try XCTUnwrap(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        XCTAssertGreaterThanOrEqual(rules.count, report.rules.count)
        XCTAssertEqual((run["results"] as? [Any])?.count, report.summary.findings)

        let csv = try RFC4180.parseReport(CSVReporter().render(report))
        XCTAssertEqual(csv.count, report.summary.findings + 1)
        XCTAssertEqual(Set(csv.map(\.count)), [14])

        let html = HTMLReporter().render(report)
        let page = try XMLDocument(data: html.data, options: [])
        XCTAssertEqual(try page.nodes(forXPath: "//*[local-name()='svg']").count, 2)
        XCTAssertEqual(try page.nodes(forXPath: "//*[local-name()='article']").count, report.summary.tables)

        XCTAssertFalse(MarkdownReporter().render(report).bytes.isEmpty)
        let text = TextReporter().render(report).text
        XCTAssertTrue(text.contains("汇总：\(report.summary.documents) 份文档"))

        let ranking = DepartmentRanking.build(report)
        XCTAssertEqual(ranking.count, 5)
        XCTAssertEqual(ranking.compactMap(\.rank).first, 1)

        if let folder = ProcessInfo.processInfo.environment["JXREPORT_DUMP"] {
            let url = URL(fileURLWithPath: folder)
            try html.data.write(to: url.appendingPathComponent("e2e.html"))
            try HTMLReporter(language: .en).render(report).data.write(to: url.appendingPathComponent("e2e-en.html"))
            try TextReporter().render(report).data.write(to: url.appendingPathComponent("e2e.txt"))
            try RankTextReporter().render(report).data.write(to: url.appendingPathComponent("e2e-rank.txt"))
            try MarkdownReporter().render(report).data.write(to: url.appendingPathComponent("e2e.md"))
        }
    }
}
