import Foundation
import JXModel
import JXParse
@testable import JXRules
import XCTest

/// The real cases of issue 3, read from Corpus/ with the real parser.
final class CorpusRulesTests: XCTestCase {
    static let corpusDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Corpus")

    /// Short names used in the issue: 000 … 004.
    static let names: [String: String] = [
        "000": "2023-保定白沟新城党群工作部.txt", "001": "2023-曹妃甸区人力资源和社会保障局.txt",
        "002": "2021-保定白沟新城管理委员会组织人事局.txt", "003": "2023-中共平乡县委组织部.txt",
        "004": "2023-中共秦皇岛经济技术开发区工作委员会党建工作部.txt",
    ]

    static let documents: [String: Document] = {
        var out: [String: Document] = [:]
        for (short, file) in names {
            let url = corpusDir.appendingPathComponent(file)
            guard let data = try? Data(contentsOf: url),
                  let doc = try? DocumentParser.parse(bytes: [UInt8](data), path: "Corpus/" + file) else { continue }
            out[short] = doc
        }
        return out
    }()

    static let findings: [String: [Finding]] = {
        let engine = RuleEngine(rules: RuleExamplesTests.rules)
        let docs = names.keys.sorted().compactMap { documents[$0] }
        let all = engine.checkAll(docs)
        var out: [String: [Finding]] = [:]
        for (short, file) in names { out[short] = all.filter { $0.location.path.hasSuffix(file) } }
        return out
    }()

    func findings(_ doc: String, table: Int, rule: String) -> [Finding] {
        (Self.findings[doc] ?? []).filter { $0.location.tableIndex == table && $0.ruleID == rule }
    }

    func row(_ doc: String, table: Int, name: String) -> IndicatorRow? {
        Self.documents[doc]?.tables.first { $0.index == table }?.rows.first { $0.name.text == name }
    }

    func assertFinds(_ doc: String, table: Int, rule: String, rowName: String? = nil,
                     file: StaticString = #filePath, line: UInt = #line) {
        let hits = findings(doc, table: table, rule: rule).filter { f in
            rowName.map { f.location.rowName.map(Normalizer.normalize) == $0 } ?? true
        }
        XCTAssertFalse(hits.isEmpty, "\(doc) table \(table): expected \(rule) \(rowName ?? "")", file: file, line: line)
    }

    func assertSilent(_ doc: String, table: Int, rowName: String, file: StaticString = #filePath, line: UInt = #line) {
        let hits = (Self.findings[doc] ?? []).filter {
            $0.location.tableIndex == table && $0.location.rowName.map(Normalizer.normalize) == rowName
        }
        XCTAssertTrue(hits.isEmpty, "\(doc) table \(table) \(rowName): \(hits.map { "\($0.ruleID): \($0.message.zh)" })",
                      file: file, line: line)
    }

    func testCorpusParses() {
        XCTAssertEqual(Self.documents.count, 5)
    }

    func testDocument000Table1() {
        assertFinds("000", table: 1, rule: "value-geq-100", rowName: "完工及时率")
        assertFinds("000", table: 1, rule: "eco-mislabeled", rowName: "生态效益提升值%")
        assertFinds("000", table: 1, rule: "direction-wrong", rowName: "资金成本")
    }

    func testGoalPlaceholders() {
        for t in [7, 8, 9, 10, 12] { assertFinds("000", table: t, rule: "goal-placeholder") }
    }

    func testDocument002() {
        assertFinds("002", table: 1, rule: "unit-mismatch", rowName: "宣传活动数量")
        assertFinds("002", table: 1, rule: "unit-mismatch", rowName: "培训费用")
        assertFinds("002", table: 1, rule: "value-template-uniform")
        assertFinds("002", table: 2, rule: "direction-wrong", rowName: "年末城镇登记失业率")
    }

    func testDocument004Table13() {
        assertFinds("004", table: 13, rule: "eco-mislabeled", rowName: "加大党组织建设产生人文生态影响")
    }

    /// A row that only repeats the dimension's name ("生态影响 ≥95%") is filler, not ecological content put in
    /// the wrong place: eco-misplaced says so; a row with real content keeps the "move it" message.
    func testEcoMisplacedTellsFillerFromContent() throws {
        let filler = try XCTUnwrap(findings("000", table: 7, rule: "eco-misplaced").first)
        XCTAssertEqual(filler.location.rowName, "生态影响")
        XCTAssertTrue(filler.message.zh.contains("只写了“生态效益”这一维度的名称"), filler.message.zh)
        XCTAssertTrue(filler.hint.zh.contains("删去本行"), filler.hint.zh)
        let content = try XCTUnwrap(findings("002", table: 2, rule: "eco-misplaced").first)
        XCTAssertEqual(content.location.rowName, "环保节能")
        XCTAssertTrue(content.message.zh.contains("讲的是生态环境（环保）"), content.message.zh)
        XCTAssertEqual(content.hint.zh, "移到“生态效益指标”下")
    }

    func testMustStaySilent() {
        assertSilent("004", table: 1, rowName: "制作数字化档案数量")
        assertSilent("004", table: 1, rowName: "数字化档案准确率")
        assertSilent("004", table: 1, rowName: "预算控制数")
        assertSilent("003", table: 1, rowName: "老党员活动时间")
    }

    /// Any 满意度 "≥90%" with a named object passes every value rule.
    func testSatisfactionAtNinetyIsSilent() {
        let valueRules: Set = ["value-geq-100", "rate-over-100", "direction-wrong", "unit-mismatch", "trivial-target",
                               "satisfaction-100", "value-not-measurable", "value-bare-number", "category-mismatch"]
        for (short, doc) in Self.documents {
            for table in doc.tables {
                for row in table.rows where row.name.text.hasSuffix("满意度") && row.name.text.count > 3
                    && row.value.text == "≥90%" {
                    let hits = (Self.findings[short] ?? []).filter {
                        $0.location.tableIndex == table.index && $0.location.rowIndex == row.index
                            && valueRules.contains($0.ruleID)
                    }
                    XCTAssertTrue(hits.isEmpty, "\(short) \(table.index) \(row.name.text): \(hits.map(\.ruleID))")
                }
            }
        }
    }

    /// The unit-level section repeats the department's tables with the same project: not a copy.
    func testUnitLevelRepeatIsNotACopy() {
        let dups = (Self.findings["000"] ?? []).filter { $0.ruleID == "duplicate-table" }
        XCTAssertFalse(dups.contains { $0.location.tableIndex == 1 })
        XCTAssertFalse(dups.contains { $0.location.tableIndex == 11 }, "表11/表55 differ only by 部门/单位")
    }

    /// The benchmark repeats every document many times: the copies are the same projects, so duplicate-table
    /// reports only the genuine copies, once per table, and the work stays near-linear.
    func testDuplicateTableScalesOverRepeatedDocuments() throws {
        let doc = try XCTUnwrap(Self.documents["000"])
        let engine = RuleEngine(rules: RuleExamplesTests.rules, selection: RuleSelection(select: ["duplicate-table"]))
        let corpus = CorpusChecker(engine: engine)
        let copies = 200
        for i in 0..<copies {
            var d = doc
            d.path = "copy-\(i).txt"
            corpus.add(d)
        }
        let found = corpus.finish()
        let once = (Self.findings["000"] ?? []).filter { $0.ruleID == "duplicate-table" }.count
        XCTAssertEqual(found.count, once * copies)
        XCTAssertEqual(Set(found.map { "\($0.location.path)#\($0.location.tableIndex ?? 0)" }).count, found.count)
    }

    /// One template filled for many projects (same rows, one row of its own each): every table is a copy,
    /// reported once, naming three of the others and counting all of them.
    func testTemplateFilledForManyProjects() throws {
        var text = "2023年部门预算信息公开\n"
        let projects = 40
        for k in 1...projects {
            text += "\(k)、项目\(k)专项经费绩效目标表\n\t绩效目标\n\t1.完成项目\(k)的工作\n"
            for h in ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"] { text += "\t\(h)\n" }
            let rows = [["产出指标", "数量指标", "培训次数", "培训次数", "≥10次", "计划"],
                        ["", "质量指标", "合格率", "合格率", "≥95%", "计划"],
                        ["", "时效指标", "完成时间", "完成时间", "2023年12月底前", "计划"],
                        ["", "成本指标", "成本", "成本", "≤5万元", "预算"],
                        ["效益指标", "社会效益指标", "群众知晓率", "群众知晓率", "≥90%", "计划"],
                        ["满意度指标", "服务对象满意度指标", "满意度", "满意度", "≥90%", "调查"],
                        ["", "服务对象满意度指标", "独有指标\(k)", "独有指标\(k)", "≥1次", "计划"]]
            for row in rows { for cell in row { text += "\t\(cell)\n" } }
        }
        let document = try DocumentParser.parse(bytes: Array(text.utf8), path: "template.txt")
        XCTAssertEqual(document.tables.count, projects)
        let engine = RuleEngine(rules: RuleExamplesTests.rules, selection: RuleSelection(select: ["duplicate-table"]))
        let corpus = CorpusChecker(engine: engine)
        corpus.add(document)
        let found = corpus.finish()
        XCTAssertEqual(found.count, projects)
        XCTAssertEqual(Set(found.compactMap { $0.location.tableIndex }).count, projects)
        XCTAssertTrue(found.allSatisfy { $0.message.zh.contains("等\(projects - 1)个项目的表") }, found.first?.message.zh ?? "")
    }
}
