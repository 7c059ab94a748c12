import Foundation
import JXModel
import JXParse
@testable import JXReport

/// Hand-made documents and findings, and the Corpus with made-up findings, for the reporter tests.
enum Fixtures {
    static func cell(_ text: String) -> CellText { CellText(raw: text, text: text) }

    static func value(_ raw: String, comparator: JXModel.Comparator? = nil, number: Double? = nil, upper: Double? = nil,
                      unit: String? = nil, kind: ValueKind = .quantity) -> IndicatorValue {
        IndicatorValue(raw: raw, text: raw, comparator: comparator, number: number, upperNumber: upper, unit: unit, kind: kind)
    }

    static func row(_ index: Int, line: Int, _ level1: String, _ level2: String, _ name: String, value: IndicatorValue,
                    basis: String = "计划标准") -> IndicatorRow {
        IndicatorRow(line: line, index: index, level1: cell(level1), level2: cell(level2), name: cell(name),
                     description: cell(name + "描述"), value: value, basis: cell(basis))
    }

    static func table(_ index: Int, line: Int, project: String, rows: [IndicatorRow]) -> GoalTable {
        GoalTable(kind: .project, layout: .cellPerLine, index: index, printedNumber: String(index),
                  title: cell("\(index)、\(project)绩效目标表"), project: project, goal: cell("完成\(project)，保障工作"),
                  line: line, section: "第三部分", rows: rows)
    }

    static func finding(_ rule: String, _ severity: Severity, path: String = "a.txt", line: Int = 1, table: Int? = 1,
                        row: Int? = nil, name: String? = nil, evidence: String = "≥100%",
                        message: String = "问题", english: String = "problem") -> Finding {
        Finding(ruleID: rule, severity: severity,
                location: FindingLocation(path: path, line: line, tableIndex: table, tableTitle: nil, rowIndex: row, rowName: name),
                evidence: evidence, message: LocalizedText(zh: message, en: english),
                hint: LocalizedText(zh: "提示：改正", en: "hint: fix it"))
    }

    /// Text that breaks naive writers: quotes, backslash, control characters, markup, CSV separators.
    static let nasty = "引号\"反斜杠\\换行\n回车\r制表\t控制\u{01}\u{1F}<script>&amp;]]>,逗号 =SUM(A1)"

    /// Two departments (one of them twice, in the same year), with findings at row, table and document level.
    static func smallRun(policy: ScoringPolicy = .standard) -> RunReport {
        let rowsA = [
            row(1, line: 12, "产出指标", "数量指标", "采购设备", value: value("≥20台", comparator: .atLeast, number: 20, unit: "台")),
            row(2, line: 16, "产出指标", "质量指标", "验收合格率", value: value("≥100%", comparator: .atLeast, number: 100, unit: "%")),
            row(3, line: 20, "满意度指标", "服务对象满意度指标", "群众满意度", value: value("3-5 个", number: 3, upper: 5, unit: "个"),
                basis: nasty),
        ]
        let rowsB = [
            row(1, line: 52, "效益指标", "社会效益指标", "影响力", value: value("有效", kind: .qualitative), basis: ""),
        ]
        let docA = Document(path: "a.txt", department: "甲部门", budgetYear: 2023,
                            tables: [table(1, line: 10, project: "设备购置", rows: rowsA), table(2, line: 50, project: "宣传", rows: rowsB)],
                            lineCount: 100, byteCount: 1000)
        let docB = Document(path: "b.txt", department: "乙部门", budgetYear: 2023,
                            tables: [table(1, line: 5, project: "培训", rows: [
                                row(1, line: 7, "产出指标", "数量指标", "培训人次", value: value("≥300人次", comparator: .atLeast, number: 300, unit: "人次")),
                            ])], lineCount: 20, byteCount: 200)
        let docA2 = Document(path: "a-2.txt", department: "甲部门", budgetYear: 2023,
                             tables: [table(1, line: 3, project: "办公", rows: [
                                row(1, line: 4, "产出指标", "时效指标", "完成时间", value: value("年底前", kind: .deadline)),
                             ])], lineCount: 10, byteCount: 100)
        let findings = [
            finding("value-geq-100", .error, line: 16, row: 2, name: "验收合格率", message: nasty),
            finding("basis-invalid", .warning, line: 20, row: 3, name: "群众满意度", evidence: nasty),
            finding("missing-dimension", .warning, line: 10, row: nil, evidence: "时效指标"),
            finding("goal-vague", .warning, line: 10, row: nil, evidence: "保障工作"),
            finding("value-not-measurable", .warning, line: 52, table: 2, row: 1, name: "影响力", evidence: "有效"),
            finding("basis-invalid", .warning, line: 52, table: 2, row: 1, name: "影响力", evidence: ""),
            finding("title-anomaly", .info, line: 50, table: nil, evidence: "2、"),
            finding("duplicate-table", .error, path: "b.txt", line: 5, table: 1, evidence: "培训"),
        ]
        let rules = [
            RuleDescription(id: "value-geq-100", defaultSeverity: .error, category: "value",
                            title: LocalizedText(zh: "比率指标值≥100%", en: "Rate target at or above 100%"),
                            rationale: LocalizedText(zh: "比率不会超过100%", en: "A rate cannot exceed 100%"),
                            hint: LocalizedText(zh: "改为可实现的目标", en: "Use an attainable target")),
        ]
        return RunReport.build(documents: [docA, docB, docA2], findings: findings, rules: rules, policy: policy,
                               tool: ToolInfo(version: "9.9.9-test"))
    }
}

/// The Corpus documents, parsed, with findings made up from simple facts of their rows (the rules stage
/// is built elsewhere): enough findings of every level to exercise every reporter on real text.
enum CorpusFixture {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func documents() throws -> [Document] {
        let folder = root.appendingPathComponent("Corpus")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".txt") }.sorted()
        return try names.map { name in
            let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
            return try DocumentParser.parse(bytes: bytes, path: "Corpus/\(name)")
        }
    }

    static func findings(for documents: [Document]) -> [Finding] {
        var findings: [Finding] = []
        for document in documents {
            for table in document.tables {
                for row in table.rows {
                    func add(_ rule: String, _ severity: Severity, _ evidence: String) {
                        findings.append(Finding(ruleID: rule, severity: severity,
                                                location: FindingLocation(path: document.path, line: row.line, tableIndex: table.index,
                                                                          tableTitle: table.title.text, rowIndex: row.index,
                                                                          rowName: row.name.raw),
                                                evidence: evidence,
                                                message: LocalizedText(zh: "「\(evidence)」有问题", en: "\"\(evidence)\" is wrong"),
                                                hint: LocalizedText(zh: "请修改", en: "Please fix")))
                    }
                    if row.value.kind == .empty { add("value-missing", .error, row.value.raw) }
                    if row.value.kind == .qualitative { add("value-not-measurable", .warning, row.value.raw) }
                    if row.value.number == 100, row.value.comparator == .atLeast { add("value-geq-100", .error, row.value.raw) }
                    if row.basis.isEmpty { add("basis-invalid", .warning, row.basis.raw) }
                    if row.name.text == row.description.text { add("name-equals-description", .info, row.name.raw) }
                }
            }
            findings.append(Finding(ruleID: "title-anomaly", severity: .info,
                                    location: FindingLocation(path: document.path, line: 1),
                                    evidence: "", message: LocalizedText(zh: "文档级问题", en: "document finding"),
                                    hint: LocalizedText(zh: "", en: "")))
        }
        return findings
    }

    /// Parsed once: the Corpus is a few megabytes and every reporter test reads it.
    nonisolated(unsafe) private static var cached: RunReport?

    static func run() throws -> RunReport {
        if let cached { return cached }
        let documents = try documents()
        let report = RunReport.build(documents: documents, findings: findings(for: documents))
        cached = report
        return report
    }
}

extension ReportWriter {
    /// The output as bytes, the way a file would hold it.
    func render(_ report: RunReport) -> ByteBuffer {
        var buffer = ByteBuffer()
        write(report, to: &buffer)
        return buffer
    }
}
