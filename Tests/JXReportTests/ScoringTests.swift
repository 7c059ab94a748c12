import Foundation
import JXModel
import XCTest
@testable import JXReport

final class ScoringTests: XCTestCase {
    private let policy = ScoringPolicy.standard

    private func findings(_ specs: [(String, Severity)]) -> [Finding] {
        specs.map { Fixtures.finding($0.0, $0.1) }
    }

    /// n warnings of n different rules: 5 points each, no cap involved.
    private func distinctWarnings(_ count: Int) -> [Finding] {
        (0..<count).map { Fixtures.finding("rule-\($0)", .warning) }
    }

    func testCleanTableScoresHundred() {
        XCTAssertEqual(policy.tableScore(findings: [Finding]()), 100)
        XCTAssertEqual(policy.grade(for: 100), .excellent)
    }

    func testPenaltiesBySeverity() {
        XCTAssertEqual(policy.tableScore(findings: findings([("a", .error), ("b", .warning), ("c", .info)])), 82)
    }

    func testEachRuleCountsAtMostThreeTimes() {
        let four = findings(Array(repeating: ("value-missing", .error), count: 4))
        XCTAssertEqual(policy.tableScore(findings: four), 64, "4 errors of one rule cost 3 × 12")
        let mixed = four + findings(Array(repeating: ("basis-invalid", .warning), count: 5))
        XCTAssertEqual(policy.tableScore(findings: mixed), 49, "100 − 36 − 15")
    }

    func testCapCountsTheMostSevereFindingsOfARule() {
        let specs: [(String, Severity)] = [("x", .info), ("x", .error), ("x", .error), ("x", .error)]
        XCTAssertEqual(policy.tableScore(findings: findings(specs)), 64)
    }

    /// The penalty counts findings rule by rule without a dictionary; it must add up exactly as summing
    /// each rule's most severe findings in rule order does (the floating-point total depends on the order).
    func testPenaltyEqualsRuleByRuleSum() {
        var generator = SystemRandomNumberGenerator()
        let rules = ["basis-invalid", "value-missing", "单位缺失", "a", "b"]
        let severities: [Severity] = [.info, .warning, .error]
        for trial in 0..<300 {
            let policy = ScoringPolicy(penalties: .init(error: 12.3, warning: 0.7, info: 0.1),
                                       maxCountPerRule: trial % 5)
            let specs = (0..<Int.random(in: 0...12, using: &generator)).map { _ in
                (rules.randomElement(using: &generator) ?? "a", severities.randomElement(using: &generator) ?? .info)
            }
            var byRule: [String: [Severity]] = [:]
            for (rule, severity) in specs { byRule[rule, default: []].append(severity) }
            var expected = 0.0
            for rule in byRule.keys.sorted() {
                for severity in (byRule[rule] ?? []).sorted(by: >).prefix(policy.maxCountPerRule) {
                    expected += policy.penalties.penalty(for: severity)
                }
            }
            XCTAssertEqual(policy.penalty(of: findings(specs)), expected, "\(specs)")
        }
    }

    /// A document's findings are put in reading order by sorting positions; the result must be that of a
    /// stable sort of the findings themselves.
    func testReadingOrderEqualsStableSort() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let all = (0..<Int.random(in: 0...15, using: &generator)).map { k in
                Fixtures.finding(["a", "b"].randomElement(using: &generator) ?? "a",
                                 [Severity.info, .warning, .error].randomElement(using: &generator) ?? .info,
                                 line: Int.random(in: 1...3, using: &generator), row: [nil, 1, 2].randomElement(using: &generator) ?? nil,
                                 evidence: ["x", "y"].randomElement(using: &generator) ?? "x",
                                 message: ["问题", "问题二"].randomElement(using: &generator) ?? "问题",
                                 english: "finding \(k)")
            }
            let positions = all.indices.filter { _ in Bool.random(using: &generator) }
            let expected = positions.map { all[$0] }.sorted(by: Finding.readingOrder)
            XCTAssertEqual(Finding.inReadingOrder(positions, of: all), expected)
        }
    }

    func testScoreNeverDropsBelowZero() {
        let many = (0..<12).map { Fixtures.finding("rule-\($0)", .error) }
        XCTAssertEqual(policy.tableScore(findings: many), 0)
        XCTAssertEqual(policy.grade(for: 0), .poor)
    }

    func testGradeBoundaries() {
        let cases: [(warnings: Int, score: Double, grade: Grade)] = [
            (2, 90, .excellent), (3, 85, .good), (5, 75, .good), (6, 70, .fair), (8, 60, .fair), (9, 55, .poor),
        ]
        for item in cases {
            let score = policy.tableScore(findings: distinctWarnings(item.warnings))
            XCTAssertEqual(score, item.score, "\(item.warnings) warnings")
            XCTAssertEqual(policy.grade(for: score), item.grade, "score \(score)")
        }
        XCTAssertEqual(policy.grade(for: 89.9), .good)
        XCTAssertEqual(policy.grade(for: 74.9), .fair)
        XCTAssertEqual(policy.grade(for: 59.9), .poor)
    }

    func testDocumentScoreIsMeanLessDocumentPenalties() {
        XCTAssertEqual(policy.documentScore(tableScores: [100, 64], documentFindings: [Finding]()), 82)
        XCTAssertEqual(policy.documentScore(tableScores: [100, 64], documentFindings: findings([("title-anomaly", .info)])), 81)
        XCTAssertEqual(policy.documentScore(tableScores: [100, 100, 95], documentFindings: [Finding]()), 98.3, "one decimal")
        let fourDuplicates = findings(Array(repeating: ("duplicate-table", .error), count: 4))
        XCTAssertEqual(policy.documentScore(tableScores: [90], documentFindings: fourDuplicates), 54, "document findings capped too")
        XCTAssertEqual(policy.documentScore(tableScores: [10], documentFindings: fourDuplicates), 0, "floor 0")
        XCTAssertNil(policy.documentScore(tableScores: [], documentFindings: [Finding]()), "no tables, nothing to judge")
    }

    func testRunReportScoresTablesDocumentsAndSummary() throws {
        let report = Fixtures.smallRun()
        XCTAssertEqual(report.documents.map(\.path), ["a.txt", "b.txt", "a-2.txt"])
        let a = try XCTUnwrap(report.documents.first)
        XCTAssertEqual(a.tables.map(\.score), [73, 90], "12 + 3 × 5; 2 × 5")
        XCTAssertEqual(a.tables.map(\.grade), [.fair, .excellent])
        XCTAssertEqual(a.findings.map(\.ruleID), ["title-anomaly"], "no table index: document level")
        XCTAssertEqual(a.score, 80.5, "(73 + 90) / 2 − 1")
        XCTAssertEqual(a.grade, .good)
        XCTAssertEqual(a.tables.first?.findings.map(\.location.line), [10, 10, 16, 20], "reading order")
        XCTAssertEqual(report.summary.documents, 3)
        XCTAssertEqual(report.summary.tables, 4)
        XCTAssertEqual(report.summary.rows, 6)
        XCTAssertEqual([report.summary.errors, report.summary.warnings, report.summary.infos], [2, 5, 1])
        XCTAssertEqual(report.summary.baselineSuppressed, 0)
        XCTAssertEqual(report.summary.worstTables.map(\.score), [73, 88, 90, 100])
    }

    func testFindingsOfUnknownDocumentsOrTablesAreKept() {
        let document = Document(path: "x.txt", department: nil, budgetYear: nil,
                                tables: [Fixtures.table(1, line: 1, project: "p", rows: [])], lineCount: 1, byteCount: 1)
        let report = RunReport.build(documents: [document], findings: [
            Fixtures.finding("r", .error, path: "x.txt", table: 7),
            Fixtures.finding("r", .error, path: "elsewhere.txt", table: 1),
        ])
        XCTAssertEqual(report.documents.count, 2)
        XCTAssertEqual(report.documents.first?.findings.count, 1, "table 7 does not exist: document level")
        XCTAssertEqual(report.documents.last?.path, "elsewhere.txt")
        XCTAssertEqual(report.summary.errors, 2)
    }

    func testPolicyFileOverridesOnlyWhatItNames() throws {
        let json = #"{"penalties": {"error": 20}, "grades": {"excellent": 95}}"#
        let policy = try JSONDecoder().decode(ScoringPolicy.self, from: Data(json.utf8))
        XCTAssertEqual(policy.penalties, ScoringPolicy.Penalties(error: 20, warning: 5, info: 1))
        XCTAssertEqual(policy.grades, ScoringPolicy.GradeBands(excellent: 95, good: 75, fair: 60))
        XCTAssertEqual(policy.maxCountPerRule, 3)
        XCTAssertEqual(policy.tableScore(findings: findings([("a", .error)])), 80)
        XCTAssertEqual(policy.grade(for: 92), .good)

        let url = FileManager.default.temporaryDirectory.appendingPathComponent("jxlint-weights-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(#"{"maxCountPerRule": 1}"#.utf8).write(to: url)
        XCTAssertEqual(try ScoringPolicy.load(contentsOf: url).maxCountPerRule, 1)
        try Data(#"{"grades": {"excellent": 50, "good": 75}}"#.utf8).write(to: url)
        XCTAssertThrowsError(try ScoringPolicy.load(contentsOf: url), "bands must descend")
        try Data(#"{"penalties": {"info": -1}}"#.utf8).write(to: url)
        XCTAssertThrowsError(try ScoringPolicy.load(contentsOf: url), "no negative penalties")
    }

    func testPolicyRoundTripsThroughJSON() throws {
        let data = try JSONEncoder().encode(ScoringPolicy.standard)
        XCTAssertEqual(try JSONDecoder().decode(ScoringPolicy.self, from: data), .standard)
    }

    func testDepartmentRankingMergesSameDepartmentAndYear() throws {
        let ranking = DepartmentRanking.build(Fixtures.smallRun())
        XCTAssertEqual(ranking.map(\.department), ["乙部门", "甲部门"])
        XCTAssertEqual(ranking.map(\.rank), [1, 2])
        let first = try XCTUnwrap(ranking.first), second = try XCTUnwrap(ranking.last)
        XCTAssertEqual(first.score, 88)
        XCTAssertEqual(second.paths, ["a.txt", "a-2.txt"])
        XCTAssertEqual(second.tables, 3)
        XCTAssertEqual(second.rows, 5)
        XCTAssertEqual(second.score, 86.7, "mean(73, 90, 100) − 1")
        XCTAssertEqual(second.grade, .good)
        XCTAssertEqual([second.errors, second.warnings, second.infos], [1, 5, 1])
        XCTAssertEqual(second.topRules, [RuleCount(rule: "basis-invalid", count: 2), RuleCount(rule: "goal-vague", count: 1),
                                         RuleCount(rule: "missing-dimension", count: 1)])
    }

    /// `jxlint rank` keeps only each document's standing; the ranking must be the one the whole report gives.
    func testRankingFromStandingsAloneEqualsRankingFromDocuments() {
        let full = Fixtures.smallRun()
        let lean = RunReport(tool: full.tool, standings: full.documents.map(DocumentStanding.init), rules: full.rules,
                             summary: full.summary, policy: full.policy)
        XCTAssertTrue(lean.documents.isEmpty)
        XCTAssertEqual(DepartmentRanking.build(lean), DepartmentRanking.build(full))
        XCTAssertEqual(RankJSONReporter().render(lean).text, RankJSONReporter().render(full).text)
        let standing = DocumentStanding(full.documents[0])
        XCTAssertEqual(standing.count(.error) + standing.count(.warning) + standing.count(.info), full.documents[0].allFindings.count)
        XCTAssertEqual(standing.ruleCounts.values.reduce(0, +), full.documents[0].allFindings.count)
    }

    func testRankingSeparatesYearsAndSharesRanksOnTies() {
        func document(_ path: String, _ department: String?, _ year: Int) -> Document {
            Document(path: path, department: department, budgetYear: year,
                     tables: [Fixtures.table(1, line: 1, project: "p", rows: [])], lineCount: 1, byteCount: 1)
        }
        let report = RunReport.build(documents: [document("1", "丙", 2021), document("2", "丙", 2023),
                                                 document("3", nil, 2023), document("4", "丁", 2023)],
                                     findings: [Fixtures.finding("r", .error, path: "4")])
        let ranking = DepartmentRanking.build(report)
        XCTAssertEqual(ranking.count, 4, "two years of 丙 stay apart; the unnamed one stands alone")
        XCTAssertEqual(ranking.map(\.rank), [1, 1, 1, 4])
        XCTAssertEqual(ranking.last?.department, "丁")
    }
}
