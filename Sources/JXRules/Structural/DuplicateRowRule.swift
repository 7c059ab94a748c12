import Foundation
import JXModel

/// duplicate-row: the same indicator (same 二级, 三级 and 描述) twice in one table. Rows that share a
/// generic 三级 but describe different things ("服务对象满意度指标" / "运行单位满意度" vs "运行部门满意度")
/// are different indicators and pass.
struct DuplicateRowRule: TableRule {
    func check(_ table: GoalTable, in document: Document, runtime: RuleRuntime, emit: FindingFactory,
               into findings: inout [Finding]) {
        var first: [String: IndicatorRow] = [:]
        for row in table.rows where !row.name.isEmpty {
            let key = [Levels.core(row.level2.text), Condition.loose(row.name.text),
                       Condition.loose(row.description.text)].joined(separator: "\u{1F}")
            guard let earlier = first[key] else {
                first[key] = row
                continue
            }
            let same = Condition.loose(earlier.value.text) == Condition.loose(row.value.text)
            findings.append(emit.make(
                variant: same ? nil : "conflicting", document: document, table: table, row: row,
                evidence: row.name.raw,
                values: ["firstRow": String(earlier.index), "firstLine": String(earlier.line),
                         "firstValue": FindingFactory.quote(earlier.value.raw)]))
        }
    }
}
