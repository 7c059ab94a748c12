import Foundation
import JXModel

/// A rule written as data: one or more cases, each a condition with an optional message variant. Row-scope
/// rules test every row of a table; table-scope rules test the table once (goal, title).
struct ConditionRule: TableRule, @unchecked Sendable {
    struct Case {
        var condition: Condition
        var variant: String?
    }
    let scope: RuleScope
    /// First matching case wins: a row gets at most one finding per rule.
    let cases: [Case]
    /// When this holds the rule says nothing, whatever the cases say ("不涉及" rows).
    let unless: Condition?
    /// The field quoted as evidence ("value.raw" unless the file says otherwise).
    let evidence: Field

    func check(_ contexts: TableContexts, emit: FindingFactory, into findings: inout [Finding]) {
        let table = contexts.table, document = contexts.document
        if scope == .table {
            let ctx = contexts.tableContext
            if let hit = firstCase(ctx) {
                findings.append(emit.make(variant: hit.variant, document: document, table: table, row: nil,
                                          evidence: rawEvidence(ctx, table: table, row: nil),
                                          values: ["matched": ctx.matched.first ?? ""]))
            }
            return
        }
        for ctx in contexts.rows {
            guard let hit = firstCase(ctx), let row = ctx.row else { continue }
            findings.append(emit.make(variant: hit.variant, document: document, table: table, row: row,
                                      evidence: rawEvidence(ctx, table: table, row: row),
                                      values: ["matched": ctx.matched.first ?? ""]))
        }
    }

    private func firstCase(_ ctx: EvaluationContext) -> Case? {
        if let unless, unless.evaluate(ctx) { return nil }
        for c in cases {
            ctx.matched.removeAll(keepingCapacity: true)
            if c.condition.evaluate(ctx) { return c }
        }
        return nil
    }

    /// Evidence as printed (raw), not normalised, when the field has a raw form.
    private func rawEvidence(_ ctx: EvaluationContext, table: GoalTable, row: IndicatorRow?) -> String {
        switch evidence {
        case .level1: return row?.level1.raw ?? ""
        case .level2: return row?.level2.raw ?? ""
        case .name, .nameCore: return row?.name.raw ?? ""
        case .description: return row?.description.raw ?? ""
        case .basis: return row?.basis.raw ?? ""
        case .valueRaw, .valueText: return row?.value.raw ?? ""
        case .tableTitle: return table.title.raw
        case .tableGoal: return table.goal.raw
        default: return ctx.text(evidence) ?? ""
        }
    }
}
