import Foundation
import JXModel
import XCTest
@testable import JXReport

final class SARIFReporterTests: XCTestCase {
    /// Checks what SARIF 2.1.0 and code-scanning uploads require; returns the results.
    @discardableResult
    private func validate(_ data: Data, file: StaticString = #filePath, line: UInt = #line) throws -> (rules: [[String: Any]], results: [[String: Any]]) {
        let root = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertEqual(root["version"] as? String, "2.1.0", file: file, line: line)
        XCTAssertEqual(root["$schema"] as? String, "https://json.schemastore.org/sarif-2.1.0.json", file: file, line: line)
        let runs = try XCTUnwrap(root["runs"] as? [[String: Any]])
        XCTAssertEqual(runs.count, 1)
        let run = try XCTUnwrap(runs.first)
        let driver = try XCTUnwrap((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        XCTAssertEqual(driver["name"] as? String, "jxlint")
        XCTAssertNotNil(driver["version"] as? String)
        let rules = try XCTUnwrap(driver["rules"] as? [[String: Any]])
        for rule in rules {
            XCTAssertNotNil(rule["id"] as? String)
            XCTAssertNotNil(rule["name"] as? String)
            for key in ["shortDescription", "fullDescription", "help"] {
                XCTAssertNotNil((rule[key] as? [String: Any])?["text"] as? String, key)
            }
            let level = (rule["defaultConfiguration"] as? [String: Any])?["level"] as? String
            XCTAssertTrue(["error", "warning", "note"].contains(level ?? ""))
        }
        let results = try XCTUnwrap(run["results"] as? [[String: Any]])
        for result in results {
            let ruleID = try XCTUnwrap(result["ruleId"] as? String)
            let index = try XCTUnwrap(result["ruleIndex"] as? Int)
            XCTAssertEqual(rules[index]["id"] as? String, ruleID, "ruleIndex points at its rule")
            XCTAssertTrue(["error", "warning", "note"].contains(result["level"] as? String ?? ""))
            XCTAssertNotNil((result["message"] as? [String: Any])?["text"] as? String)
            let location = try XCTUnwrap((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
            let uri = try XCTUnwrap((location["artifactLocation"] as? [String: Any])?["uri"] as? String)
            XCTAssertNotNil(URL(string: uri), "valid URI: \(uri)")
            let startLine = try XCTUnwrap((location["region"] as? [String: Any])?["startLine"] as? Int)
            XCTAssertGreaterThanOrEqual(startLine, 1)
        }
        return (rules, results)
    }

    func testSmallRun() throws {
        let report = Fixtures.smallRun()
        let (rules, results) = try validate(SARIFReporter().render(report).data)
        XCTAssertEqual(results.count, report.summary.findings)
        XCTAssertEqual(rules.first?["id"] as? String, "value-geq-100", "known rules first")
        XCTAssertEqual(rules.first?["name"] as? String, "ValueGeq100")
        XCTAssertEqual((rules.first?["shortDescription"] as? [String: Any])?["text"] as? String, "比率指标值≥100%")
        XCTAssertEqual(Set(rules.compactMap { $0["id"] as? String }),
                       ["value-geq-100", "basis-invalid", "missing-dimension", "goal-vague", "value-not-measurable",
                        "title-anomaly", "duplicate-table"], "rules seen only in findings are described too")
        let info = try XCTUnwrap(results.first { $0["ruleId"] as? String == "title-anomaly" })
        XCTAssertEqual(info["level"] as? String, "note")
    }

    func testEnglishDescriptions() throws {
        let (rules, _) = try validate(SARIFReporter(language: .en).render(Fixtures.smallRun()).data)
        XCTAssertEqual((rules.first?["shortDescription"] as? [String: Any])?["text"] as? String, "Rate target at or above 100%")
    }

    func testURIsArePercentEncoded() {
        XCTAssertEqual(SARIFReporter.uri(for: "Corpus/2023-平乡.txt"), "Corpus/2023-%E5%B9%B3%E4%B9%A1.txt")
        XCTAssertEqual(SARIFReporter.uri(for: "/tmp/a b.txt"), "file:///tmp/a%20b.txt")
    }

    func testCorpus() throws {
        let report = try CorpusFixture.run()
        let (_, results) = try validate(SARIFReporter().render(report).data)
        XCTAssertEqual(results.count, report.summary.findings)
    }
}
