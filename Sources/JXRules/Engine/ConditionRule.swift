import Foundation
import JXModel

/// A rule written as data: one or more cases, each a condition with an optional message variant. Row-scope
/// rules test every row of a table; table-scope rules test the table once (goal, title). A class, so that the
/// engine hands it from row to row without copying its cases.
final class ConditionRule: TableRule, @unchecked Sendable {
    let scope: RuleScope
    /// The cases' conditions, in order, then `unless` when there is one, laid out together (see
    /// `CompiledCondition.init(_:)`): case `i` is root `i`. First matching case wins: a row gets at most one
    /// finding per rule.
    private let conditions: CompiledCondition
    /// Each case's message variant, by case.
    private let variants: [String?]
    /// Whether the last root of `conditions` is the `unless` condition: when it holds the rule says
    /// nothing, whatever the cases say ("不涉及" rows).
    private let hasUnless: Bool
    /// The field quoted as evidence ("value.raw" unless the file says otherwise).
    let evidence: Field

    init(scope: RuleScope, cases: [(condition: Condition, variant: String?)], unless: Condition?, evidence: Field) {
        self.scope = scope
        conditions = CompiledCondition(cases.map(\.condition) + (unless.map { [$0] } ?? []))
        variants = cases.map(\.variant)
        hasUnless = unless != nil
        self.evidence = evidence
    }

    /// The row fields the rule's tests compare as texts (see `RowFieldNeeds`).
    var comparedFields: RowFieldNeeds { conditions.comparedFields }

    /// Checks the table, or each of its rows. (The engine runs row-scope rules row by row through
    /// `check(row:…)` instead, so that they share one `EvaluationState` per row.)
    func check(_ contexts: TableContexts, emit: FindingFactory, into findings: inout [Finding]) {
        var state = EvaluationState()
        if scope == .table {
            check(row: contexts.tableContext, state: &state, emit: emit, into: &findings)
            return
        }
        for ctx in contexts.rows {
            state.startRow()
            check(row: ctx, state: &state, emit: emit, into: &findings)
        }
    }

    /// Checks one context (a row, or the table for table-scope rules). `state` carries the predicate
    /// answers of this context from rule to rule.
    func check(row ctx: EvaluationContext, state: inout EvaluationState, emit: FindingFactory,
               into findings: inout [Finding]) {
        guard let hit = firstCase(ctx, &state) else { return }
        if scope == .row, !ctx.hasRow { return }
        let row = ctx.row
        // Document and table read in place (see `EvaluationContext.tableFields`), not copied per finding.
        let fields = ctx.tableFields
        findings.append(emit.make(variant: variants.indices.contains(hit) ? variants[hit] : nil, document: fields.document, table: fields.table, row: row,
                                  evidence: rawEvidence(ctx, table: fields.table, row: row),
                                  values: ["matched": state.matched ?? ""]))
    }

    /// The position of the first case that holds. (`matched` is cleared only when set: writing nil over nil
    /// still released the old value, for every case of every rule on every row.)
    private func firstCase(_ ctx: EvaluationContext, _ state: inout EvaluationState) -> Int? {
        if state.matched != nil { state.matched = nil }
        if hasUnless, conditions.evaluate(root: variants.count, ctx, &state) { return nil }
        for i in variants.indices {
            if state.matched != nil { state.matched = nil }
            if conditions.evaluate(root: i, ctx, &state) { return i }
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
