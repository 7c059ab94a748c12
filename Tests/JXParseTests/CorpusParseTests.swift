import Foundation
import XCTest
import JXModel
@testable import JXParse

/// The parser's contract on the five real documents: table and row counts from the issue, metadata, and a
/// full comparison with the reviewed expectation files in Corpus/expected/.
final class CorpusParseTests: XCTestCase {
    private func projectTables(_ d: Document) -> [GoalTable] { d.tables.filter { $0.kind == .project } }

    func testBaigouDepartmentAndUnitSections() throws {
        let d = try CorpusFiles.document(CorpusFiles.baigou2023)
        XCTAssertEqual(d.department, "保定白沟新城党群工作部")
        XCTAssertEqual(d.budgetYear, 2023)
        let department = d.tables.filter { !$0.section.contains("所属单位") }
        let unit = d.tables.filter { $0.section.contains("所属单位") }
        XCTAssertEqual(department.count, 44)
        XCTAssertEqual(department.reduce(0) { $0 + $1.rows.count }, 349)
        XCTAssertEqual(unit.count, 45)
        XCTAssertEqual(unit.reduce(0) { $0 + $1.rows.count }, 358)
        // One table is printed twice in the unit section.
        XCTAssertEqual(unit.filter { $0.printedNumber == "34" }.count, 2)
        // "438、" stands for 38 and is kept as printed.
        XCTAssertEqual(department.filter { $0.printedNumber == "438" }.count, 1)
        XCTAssertEqual(department[37].printedNumber, "438")
    }

    func testBaigouFirstTableRowsExactly() throws {
        let t = try CorpusFiles.document(CorpusFiles.baigou2023).tables[0]
        XCTAssertEqual(t.line, 2752)
        XCTAssertEqual(t.printedNumber, "1")
        XCTAssertEqual(t.project, "党群工作部安可设备计划资金")
        XCTAssertEqual(t.goal.text, "1.保障工作正常开展")
        XCTAssertEqual(t.layout, .cellPerLine)
        XCTAssertEqual(t.rows.count, 9)
        let first = t.rows[0]
        XCTAssertEqual(first.line, 2765)
        XCTAssertEqual([first.level1.text, first.level2.text, first.name.text, first.description.text, first.value.raw,
                        first.basis.text], ["产出指标", "数量指标", "购置设备数量", "购置设备数量", "≥20台", "根据实工作需求"])
        // 一级 left empty carries over; the row's line is its first (empty) cell's line.
        XCTAssertEqual(t.rows[2].name.text, "完工及时率")
        XCTAssertEqual(t.rows[2].level1.text, "产出指标")
        XCTAssertTrue(t.rows[2].level1CarriedOver)
        XCTAssertEqual(t.rows[2].line, 2779)
        XCTAssertEqual(t.rows[3].value.raw, "≥20万元")
        XCTAssertEqual(t.rows[6].level2.text, "生态效益指标")
        XCTAssertEqual(t.rows[6].name.text, "生态效益提升值%")
        XCTAssertEqual(t.rows[8].level1.text, "满意度指标")
        XCTAssertFalse(t.rows[8].level1CarriedOver)
    }

    func testCaofeidianProjectTablesAndDepartmentWideTable() throws {
        let d = try CorpusFiles.document(CorpusFiles.caofeidian2023)
        XCTAssertEqual(d.department, "曹妃甸区人力资源和社会保障局")
        XCTAssertEqual(d.budgetYear, 2023)
        let projects = projectTables(d)
        XCTAssertEqual(projects.count, 16)
        XCTAssertEqual(projects.reduce(0) { $0 + $1.rows.count }, 103)
        let wide = d.tables.filter { $0.kind == .departmentWide }
        XCTAssertEqual(wide.count, 1)
        let table = try XCTUnwrap(wide.first)
        XCTAssertEqual(table.rows.count, 51)
        let row = table.rows[0]
        XCTAssertEqual(row.name.text, "社会保险补贴到位率")
        XCTAssertEqual(row.grades?.excellent.text, "100%")
        XCTAssertEqual(row.grades?.good.text, "≥90%")
        XCTAssertEqual(row.grades?.fair.text, "≥80%")
        XCTAssertEqual(row.grades?.poor.text, "<80%")
        XCTAssertEqual(row.extra.first { $0.label == "活动编码" }?.value.text, "0101")
        XCTAssertTrue(table.goal.text.hasPrefix("在各级政府、主管部门指导下"))
    }

    func testBaigou2021() throws {
        let d = try CorpusFiles.document(CorpusFiles.baigou2021)
        XCTAssertEqual(d.department, "保定白沟新城管理委员会组织人事局")
        XCTAssertEqual(d.budgetYear, 2021)
        XCTAssertEqual(d.tables.count, 22)
        XCTAssertEqual(d.rowCount, 255)
        // A goal of three items on continuation lines (no leading TAB) is joined.
        let goal = d.tables[1].goal
        XCTAssertTrue(goal.raw.contains("\n2.会同有关部门落实"))
        XCTAssertTrue(goal.raw.contains("\n3.保持就业局势总体稳定"))
    }

    func testPingxiang() throws {
        let d = try CorpusFiles.document(CorpusFiles.pingxiang2023)
        XCTAssertEqual(d.department, "中共平乡县委组织部")
        XCTAssertEqual(d.budgetYear, 2023)
        XCTAssertEqual(d.tables.count, 25)
        XCTAssertEqual(d.rowCount, 212)
        // A value wrapped onto a line without a TAB continues its cell: "…高\n素质党员".
        let row = try XCTUnwrap(d.tables[1].rows.first { $0.name.text == "整体素质提升" })
        XCTAssertTrue(row.value.raw.contains("高\n素质党员"))
        XCTAssertTrue(row.value.text.hasSuffix("高素质党员"))
        // The procurement table after the last goal table is not read as rows.
        XCTAssertEqual(d.tables[24].rows.count, 9)
        // Trailing tabs after a goal item are not cells.
        XCTAssertTrue(d.tables[15].goal.raw.hasSuffix("2.防止离休干部矛盾激化，促进社会和谐"))
    }

    func testQinhuangdaoTabRows() throws {
        let d = try CorpusFiles.document(CorpusFiles.qinhuangdao2023)
        XCTAssertEqual(d.department, "中共秦皇岛经济技术开发区工作委员会党建工作部")
        XCTAssertEqual(d.budgetYear, 2023)
        XCTAssertEqual(d.tables.count, 27)
        XCTAssertEqual(d.rowCount, 175)
        let t = d.tables[0]
        XCTAssertEqual(t.layout, .tabRow)
        XCTAssertEqual(t.line, 550)
        XCTAssertEqual(t.rows[0].line, 554)
        XCTAssertEqual(t.rows[0].value.raw, "≥800 卷")
        XCTAssertEqual(t.rows[3].value.raw, "≤34.92 万元")
        // The goal sits in whichever cell the PDF put it.
        XCTAssertTrue(d.tables[1].goal.text.hasPrefix("1.确保大组工网工作正常运转"))
        XCTAssertTrue(t.goal.text.hasPrefix("1.制作数字化档案数量不少于 800 卷"))
    }

    func testNoRowIsEmptyAndLinesIncrease() throws {
        for name in CorpusFiles.all {
            let d = try CorpusFiles.document(name)
            for t in d.tables {
                XCTAssertTrue(t.defects.isEmpty, "\(name) table \(t.index): \(t.defects)")
                var previous = t.line
                for r in t.rows {
                    XCTAssertGreaterThan(r.line, previous, "\(name) table \(t.index) row \(r.index)")
                    XCTAssertLessThanOrEqual(r.line, d.lineCount)
                    previous = r.line
                    XCTAssertFalse(r.name.isEmpty, "\(name) table \(t.index) row \(r.index) has no 三级指标")
                }
            }
        }
    }

    /// Every document's parse equals its reviewed expectation file; any changed row fails here.
    /// Regenerate with Corpus/regenerate-expected.sh and review the diff by eye.
    func testParsesMatchExpectationFiles() throws {
        for name in CorpusFiles.all {
            let url = CorpusFiles.corpus.appendingPathComponent("expected/\(name).json")
            let expected = try JSONDecoder().decode(Document.self, from: Data(contentsOf: url))
            let actual = try CorpusFiles.document(name)
            XCTAssertEqual(actual.tables.count, expected.tables.count, name)
            for (a, e) in zip(actual.tables, expected.tables) {
                XCTAssertEqual(a.rows.count, e.rows.count, "\(name) table \(a.index)")
                for (ra, re) in zip(a.rows, e.rows) where ra != re {
                    XCTFail("\(name) table \(a.index) row \(ra.index) (line \(ra.line)) differs from the expectation")
                }
                var aHead = a, eHead = e
                aHead.rows = []
                eHead.rows = []
                XCTAssertEqual(aHead, eHead, "\(name) table \(a.index)")
            }
            XCTAssertEqual(actual, expected, name)
        }
    }
}
