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

    func check(_ table: GoalTable, in document: Document, runtime: RuleRuntime, emit: FindingFactory,
               into findings: inout [Finding]) {
        check(table, in: document, contexts: TableContexts(document: document, table: table, runtime: runtime),
              emit: emit, into: &findings)
    }

    /// The same, with the per-row contexts shared by all data rules (each cell is normalised and turned
    /// into scalars once per row, not once per rule).
    func check(_ table: GoalTable, in document: Document, contexts: TableContexts, emit: FindingFactory,
               into findings: inout [Finding]) {
        if scope == .table {
            let ctx = contexts.table
            if let hit = firstCase(ctx) {
                findings.append(emit.make(variant: hit.variant, document: document, table: table, row: nil,
                                          evidence: rawEvidence(ctx, table: table, row: nil),
                                          values: ["matched": ctx.matched.first ?? ""]))
            }
            return
        }
        for (row, ctx) in zip(table.rows, contexts.rows) {
            if let hit = firstCase(ctx) {
                findings.append(emit.make(variant: hit.variant, document: document, table: table, row: row,
                                          evidence: rawEvidence(ctx, table: table, row: row),
                                          values: ["matched": ctx.matched.first ?? ""]))
            }
        }
    }

    private func firstCase(_ ctx: EvaluationContext) -> Case? {
        if let unless, unless.evaluate(ctx) { return nil }
        for c in cases {
            ctx.matched.removeAll()
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

/// The evaluation contexts of one table: one for the table and one per row.
final class TableContexts {
    let table: EvaluationContext
    let rows: [EvaluationContext]

    init(document: Document, table: GoalTable, runtime: RuleRuntime) {
        let filled = table.rows.reduce(0) { $0 + ($1.basis.isEmpty ? 0 : 1) }
        self.table = EvaluationContext(document: document, table: table, row: nil, runtime: runtime,
                                       basisFilledCount: filled)
        rows = table.rows.map {
            EvaluationContext(document: document, table: table, row: $0, runtime: runtime, basisFilledCount: filled)
        }
    }
}
