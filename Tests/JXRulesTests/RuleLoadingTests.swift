import Foundation
import JXModel
import JXParse
@testable import JXRules
import XCTest

/// Rule packs (`--rules DIR`), bad rule files, and the text of `rules` / `explain`.
final class RuleLoadingTests: XCTestCase {
    var tmp: URL!

    override func setUpWithError() throws {
        tmp = FileManager.default.temporaryDirectory.appendingPathComponent("jxlint-pack-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: tmp)
    }

    func write(_ name: String, _ text: String) throws {
        let url = tmp.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    static let packRule = """
    {
      "id": "bureau-no-meeting-costs", "severity": "warning", "category": "bureau", "scope": "row",
      "principle": "合理可行",
      "title": {"zh": "不得以会议费作为成本指标", "en": "No meeting costs as cost indicators"},
      "message": {"zh": "第{row}行「{name}」是会议费（{matched}）", "en": "Row {row} \\"{name}\\" is a meeting cost ({matched})"},
      "hint": {"zh": "改为项目直接成本", "en": "Use the project's direct costs"},
      "rationale": {"zh": "本局规定。", "en": "Bureau policy."},
      "when": {"all": [{"predicate": "cost-row"}, {"field": "name", "containsAny": "meeting-words"}]},
      "evidence": "name",
      "examples": {
        "triggering": [{"row": ["产出指标", "成本指标", "会议费", "会议费", "≤2万元", "预算"]}],
        "passing": [{"row": ["产出指标", "成本指标", "培训费", "培训费", "≤2万元", "预算"]}]
      }
    }
    """

    func testPackInAFolderAddsAWorkingRule() throws {
        try write("rules/no-meeting.json", Self.packRule)
        try write("lexicons/meeting.json", #"{"id": "meeting-words", "words": ["会议费", "会务费"]}"#)
        let rules = try RuleSet.loadDefault(extra: [tmp])
        XCTAssertNotNil(rules.rule("bureau-no-meeting-costs"))
        XCTAssertNotNil(rules.rule("value-geq-100"), "the built-in rules are still there")
        let builder = RuleExamplesTests.builder
        let engine = RuleEngine(rules: rules, selection: RuleSelection(select: ["bureau-no-meeting-costs"]))
        let rule = try XCTUnwrap(rules.rule("bureau-no-meeting-costs"))
        let hits = engine.checkAll(builder.documents(for: rule.metadata.triggering[0]))
        XCTAssertEqual(hits.count, 1)
        XCTAssertEqual(hits.first?.severity, .warning)
        XCTAssertEqual(hits.first?.message.zh, "第1行「会议费」是会议费（会议费）")
        XCTAssertTrue(engine.checkAll(builder.documents(for: rule.metadata.passing[0])).isEmpty)
    }

    func testSeverityOverrideAndIgnore() throws {
        let rules = RuleExamplesTests.rules
        let ex = try XCTUnwrap(rules.rule("value-geq-100")?.metadata.triggering.first)
        let docs = RuleExamplesTests.builder.documents(for: ex)
        let overridden = RuleEngine(rules: rules, selection: RuleSelection(severity: ["value-geq-100": .info]))
        XCTAssertEqual(overridden.checkAll(docs).first { $0.ruleID == "value-geq-100" }?.severity, .info)
        let ignored = RuleEngine(rules: rules, selection: RuleSelection(ignore: ["value-geq-100"]))
        XCTAssertFalse(ignored.checkAll(docs).contains { $0.ruleID == "value-geq-100" })
        XCTAssertEqual(RuleEngine(rules: rules, selection: RuleSelection(select: ["no-such-rule"])).unknownIDs, ["no-such-rule"])
    }

    func assertLoadError(_ file: String, _ text: String, contains reason: String,
                         line: UInt = #line) throws {
        try write(file, text)
        XCTAssertThrowsError(try RuleSet.loadDefault(extra: [tmp]), line: line) { error in
            guard let e = error as? RuleLoadError else { return XCTFail("\(error)", line: line) }
            XCTAssertTrue(e.file.hasSuffix(file), "\(e.file)", line: line)
            XCTAssertTrue(e.reason.contains(reason), e.reason, line: line)
        }
    }

    func testBadJSONNamesTheFile() throws {
        try assertLoadError("rules/broken.json", "{ \"id\": ", contains: "not valid JSON")
    }

    func testUnknownLexiconNamesTheFileAndPath() throws {
        try assertLoadError("rules/x.json", Self.packRule, contains: "unknown lexicon \"meeting-words\"")
    }

    func testUnknownFieldAndOperator() throws {
        let badField = Self.packRule.replacingOccurrences(of: "\"field\": \"name\"", with: "\"field\": \"nmae\"")
        try assertLoadError("rules/x.json", badField, contains: "unknown field \"nmae\"")
    }

    func testBadRegexAndSeverity() throws {
        let badSeverity = Self.packRule.replacingOccurrences(of: "\"severity\": \"warning\"", with: "\"severity\": \"fatal\"")
        try assertLoadError("rules/s.json", badSeverity, contains: "not error, warning or info")
    }

    func testBadRegex() throws {
        try write("lexicons/meeting.json", #"{"id": "meeting-words", "words": ["会议费"]}"#)
        let badRegex = Self.packRule.replacingOccurrences(of: "{\"field\": \"name\", \"containsAny\": \"meeting-words\"}",
                                                          with: "{\"field\": \"name\", \"matches\": \"(会议\"}")
        try assertLoadError("rules/r.json", badRegex, contains: "invalid regular expression")
    }

    func testDuplicateRuleID() throws {
        try write("lexicons/meeting.json", #"{"id": "meeting-words", "words": ["会议费"]}"#)
        let dup = Self.packRule.replacingOccurrences(of: "bureau-no-meeting-costs", with: "value-geq-100")
        try assertLoadError("rules/d.json", dup, contains: "already defined")
    }

    func testMissingExamples() throws {
        try write("lexicons/meeting.json", #"{"id": "meeting-words", "words": ["会议费"]}"#)
        let noExamples = Self.packRule.replacingOccurrences(of: "\"passing\": [{\"row\": [\"产出指标\", \"成本指标\", \"培训费\", \"培训费\", \"≤2万元\", \"预算\"]}]", with: "\"passing\": []")
        try assertLoadError("rules/e.json", noExamples, contains: "at least one")
    }

    func testRulesListAndExplain() throws {
        let rules = RuleExamplesTests.rules
        let list = RuleDocs.list(rules)
        for rule in rules.rules { XCTAssertTrue(list.contains(rule.metadata.id)) }
        let explain = try XCTUnwrap(RuleDocs.explain("value-geq-100", in: rules))
        XCTAssertTrue(explain.contains("合理可行"))
        XCTAssertTrue(explain.contains("完工及时率 | 完工及时率 | ≥100%"))
        XCTAssertTrue(explain.contains("不会报告的例子"))
        XCTAssertNotNil(RuleDocs.explain("duplicate-table", in: rules, language: .en)?.contains("Examples that pass"))
        XCTAssertNil(RuleDocs.explain("no-such-rule", in: rules))
        XCTAssertEqual(rules.descriptions.count, rules.rules.count)
    }
}
