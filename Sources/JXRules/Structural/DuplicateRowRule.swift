import Foundation
import JXModel

/// duplicate-row: the same indicator (same 二级, 三级 and 描述) twice in one table. Rows that share a
/// generic 三级 but describe different things ("服务对象满意度指标" / "运行单位满意度" vs "运行部门满意度")
/// are different indicators and pass.
struct DuplicateRowRule: TableRule {
    func check(_ contexts: TableContexts, emit: FindingFactory, into findings: inout [Finding]) {
        let table = contexts.table, document = contexts.document
        var first: [String: EvaluationContext] = [:]
        for ctx in contexts.rows {
            guard let row = ctx.row, !row.name.isEmpty else { continue }
            let key = [ctx.level2Core, ctx.loose(.name) ?? "", ctx.loose(.description) ?? ""]
                .joined(separator: "\u{1F}")
            guard let earlierContext = first[key], let earlier = earlierContext.row else {
                first[key] = ctx
                continue
            }
            let same = earlierContext.loose(.valueText) == ctx.loose(.valueText)
            findings.append(emit.make(
                variant: same ? nil : "conflicting", document: document, table: table, row: row,
                evidence: row.name.raw,
                values: ["firstRow": String(earlier.index), "firstLine": String(earlier.line),
                         "firstValue": FindingFactory.quote(earlier.value.raw)]))
        }
    }
}
