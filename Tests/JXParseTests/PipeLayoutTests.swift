import XCTest
import JXModel
@testable import JXParse

/// Layout C: rows with `|` between cells, as web pages of other provinces print them. The corpus has no
/// such document, so the rows below are table 1 of the Qinhuangdao document re-laid in the column sets
/// those pages use (extra columns 指标性质/度量单位/权重/指标方向, labels 指标名称/年度指标值).
final class PipeLayoutTests: XCTestCase {
    func testMarkdownTableWithExtraColumns() throws {
        let text = """
        # 2023年部门预算
        ## 1、2021 年追加干部人事档案信息化建设工作经费绩效目标表
        | 绩效目标 | 1.制作数字化档案数量不少于 800 卷，实现干部人事档案数字化管理。 |
        | 一级指标 | 二级指标 | 指标名称 | 指标性质 | 年度指标值 | 度量单位 | 权重 | 指标方向 |
        |---|---|---|:-:|---|---|---|---|
        | 产出指标 | 数量指标 | 制作数字化档案数量 | ≥ | 800 | 卷 | 20 | 正向 |
        | | 质量指标 | 数字化档案准确率 | ≥ | 90 | % | 20 | 正向 |
        | | 成本指标 | 预算控制数 | ≤ | 34.92 | 万元 | 20 | 反向 |
        | 满意度指标 | 服务对象满意度指标 | 使用者满意度 | ≥ | 90% | | 10 | 正向 |
        """
        let d = try DocumentParser.parse(bytes: Array(text.utf8), path: "c.md")
        XCTAssertEqual(d.tables.count, 1)
        let t = d.tables[0]
        XCTAssertEqual(t.layout, .pipeRow)
        XCTAssertEqual(t.printedNumber, "1")
        XCTAssertEqual(t.line, 2)
        XCTAssertTrue(t.goal.text.hasPrefix("1.制作数字化档案数量不少于 800 卷"))
        XCTAssertEqual(t.rows.count, 4)
        XCTAssertTrue(t.defects.isEmpty, "\(t.defects)")
        let first = t.rows[0]
        XCTAssertEqual(first.line, 6)
        XCTAssertEqual(first.name.text, "制作数字化档案数量")
        XCTAssertEqual(first.extra.map(\.label), ["指标性质", "度量单位", "权重", "指标方向"])
        XCTAssertEqual(first.extra.first { $0.label == "权重" }?.value.text, "20")
        // The unit and comparator columns are folded into the value.
        XCTAssertEqual(first.value.text, "≥800卷")
        XCTAssertEqual(t.rows[1].level1.text, "产出指标")
        XCTAssertTrue(t.rows[1].level1CarriedOver)
        XCTAssertEqual(t.rows[2].value.text, "≤34.92万元")
        XCTAssertEqual(t.rows[3].value.text, "≥90%")
    }

    func testPipeRowsWithoutOuterBars() throws {
        let text = """
        3、党报党刊征订费绩效目标表
        绩效目标 | 1.圆满完成每年市里安排的党报党刊征订任务。
        一级指标 | 二级指标 | 三级指标 | 绩效指标描述 | 指标值 | 指标值确定依据
        产出指标 | 数量指标 | 征订种类 | 征订党报党刊种类 | 12种 | 上级下达文件
         | 时效指标 | 征订计划完成及时率 | 及时征订报刊杂志 | ≥90% | 年度工作计划
        六、政府采购预算情况
        | 采购项目 | 金额 |
        """
        let d = try DocumentParser.parse(bytes: Array(text.utf8), path: "c.txt")
        let t = try XCTUnwrap(d.tables.first)
        XCTAssertEqual(t.layout, .pipeRow)
        XCTAssertEqual(t.rows.map(\.name.text), ["征订种类", "征订计划完成及时率"])
        XCTAssertEqual(t.rows[1].level1.text, "产出指标")
        XCTAssertEqual(t.rows[1].basis.text, "年度工作计划")
    }
}
