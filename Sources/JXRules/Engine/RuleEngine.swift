import Foundation
import JXModel

/// Which rules run and at what severity (from `--select`, `--ignore` and the config file).
public struct RuleSelection: Sendable {
    /// Only these rule ids run, when set.
    public var select: Set<String>?
    /// These rule ids never run.
    public var ignore: Set<String>
    /// Severity per rule id, replacing the rule's own.
    public var severity: [String: Severity]

    public init(select: Set<String>? = nil, ignore: Set<String> = [], severity: [String: Severity] = [:]) {
        self.select = select
        self.ignore = ignore
        self.severity = severity
    }

    func includes(_ id: String) -> Bool {
        !ignore.contains(id) && (select?.contains(id) ?? true)
    }
}

/// Runs the selected rules over documents. `check` covers the row, table and document scopes of one
/// document; rules that look across documents (duplicate-table) run in a `CorpusChecker`.
public struct RuleEngine: Sendable {
    public let ruleSet: RuleSet
    public let selection: RuleSelection
    /// The rules that apply to each kind of table, in id order (no plan: no rule applies).
    private let plans: [GoalTableKind: TablePlan]
    private let documentRules: [(Rule, any DocumentRule, FindingFactory)]
    let corpusRules: [(Rule, any CorpusRule, FindingFactory)]

    /// Rule ids in `selection` that no loaded rule has, so the command line can say "unknown rule".
    public var unknownIDs: [String] {
        let known = Set(ruleSet.rules.map(\.metadata.id))
        let named = (selection.select ?? []).union(selection.ignore).union(selection.severity.keys)
        return named.subtracting(known).sorted()
    }

    /// - Parameter languages: the languages findings' messages and hints are written in. A report shows one
    ///   (`--lang`), so the command line asks for that one only: rendering both for every finding costs time,
    ///   and memory while a large document is scored. The other language's texts are then empty.
    public init(rules: RuleSet, selection: RuleSelection = RuleSelection(), languages: Set<Language> = [.zh, .en]) {
        self.ruleSet = rules
        self.selection = selection
        var r: [(Rule, ConditionRule, FindingFactory)] = []
        var t: [(Rule, any TableRule, FindingFactory)] = []
        var d: [(Rule, any DocumentRule, FindingFactory)] = []
        var c: [(Rule, any CorpusRule, FindingFactory)] = []
        for rule in rules.rules where selection.includes(rule.metadata.id) {
            let factory = FindingFactory(metadata: rule.metadata, severityOverride: selection.severity[rule.metadata.id],
                                         languages: languages)
            switch rule.implementation {
            case .table(let impl as ConditionRule) where impl.scope == .row: r.append((rule, impl, factory))
            case .table(let impl): t.append((rule, impl, factory))
            case .document(let impl): d.append((rule, impl, factory))
            case .corpus(let impl): c.append((rule, impl, factory))
            }
        }
        var plans: [GoalTableKind: TablePlan] = [:]
        for kind in Set(rules.rules.flatMap(\.metadata.appliesTo)) {
            let rowRules = r.filter { $0.0.metadata.appliesTo.contains(kind) }
            let tableRules = t.filter { $0.0.metadata.appliesTo.contains(kind) }
            var needs = RowFieldNeeds.structural
            for (_, rule, _) in rowRules { needs.formUnion(rule.comparedFields) }
            for case let (_, rule as ConditionRule, _) in tableRules { needs.formUnion(rule.comparedFields) }
            plans[kind] = TablePlan(rowRules: rowRules.map { RowRuleEntry(rule: $0.1, emit: $0.2) },
                                    tableRules: tableRules.map { TableRuleEntry(rule: $0.1, emit: $0.2) },
                                    needs: needs)
        }
        self.plans = plans
        documentRules = d
        corpusRules = c
    }

    /// Findings of the row, table and document scopes for one document, in a stable order.
    ///
    /// Row-scope data rules go row by row: every rule reads the same row, and the named predicates they
    /// share ("bounded-rate", "money-value" …) are answered once per row in one `EvaluationState`. The
    /// order in which findings are made does not show: they are sorted, and one rule's findings still come
    /// in row order.
    public func check(_ document: Document) -> [Finding] {
        var findings: [Finding] = []
        var state = EvaluationState()
        var labels = LabelMemo()
        for table in document.tables {
            guard let plan = plans[table.kind], !plan.rowRules.isEmpty || !plan.tableRules.isEmpty else { continue }
            let contexts = TableContexts(document: document, table: table, runtime: ruleSet.runtime, needs: plan.needs,
                                         labels: &labels)
            for ctx in contexts.rows {
                state.startRow()
                for entry in plan.rowRules {
                    entry.rule.check(row: ctx, state: &state, emit: entry.emit, into: &findings)
                }
            }
            for entry in plan.tableRules {
                entry.rule.check(contexts, emit: entry.emit, into: &findings)
            }
        }
        for (_, impl, factory) in documentRules {
            impl.check(document, runtime: ruleSet.runtime, emit: factory, into: &findings)
        }
        return RuleEngine.sortedByMoving(findings)
    }

    /// `sorted(findings)`, sorting positions rather than findings: the sort compared and moved findings
    /// through copies (a dozen strings retained and released each time, about ten times per finding);
    /// positions are integers, and each finding is copied once, into its place. Ties keep input order, as
    /// the (stable) element sort does, so the order is the same.
    static func sortedByMoving(_ findings: [Finding]) -> [Finding] {
        var order = Array(findings.indices)
        order.sort { i, j in
            if precedes(findings[i], findings[j]) { return true }
            if precedes(findings[j], findings[i]) { return false }
            return i < j
        }
        return order.map { findings[$0] }
    }

    /// All findings for a set of documents, the cross-document ones included (a convenience for tests and
    /// small runs; the command line streams documents through `check` and a `CorpusChecker`).
    public func checkAll(_ documents: [Document]) -> [Finding] {
        let corpus = CorpusChecker(engine: self)
        var all: [Finding] = []
        for d in documents {
            all += check(d)
            corpus.add(d)
        }
        return all + corpus.finish()
    }

    /// Findings in file, line, table, row, rule order, so that runs compare equal.
    public static func sorted(_ findings: [Finding]) -> [Finding] {
        findings.sorted { precedes($0, $1) }
    }

    /// The order of `sorted`.
    /// The order of `sorted`. (Fields are read in place: copying a location out retains its strings.)
    static func precedes(_ a: borrowing Finding, _ b: borrowing Finding) -> Bool {
        if a.location.path != b.location.path { return a.location.path < b.location.path }
        if a.location.line != b.location.line { return a.location.line < b.location.line }
        let ta = a.location.tableIndex ?? 0, tb = b.location.tableIndex ?? 0
        if ta != tb { return ta < tb }
        let ra = a.location.rowIndex ?? 0, rb = b.location.rowIndex ?? 0
        if ra != rb { return ra < rb }
        if a.ruleID != b.ruleID { return a.ruleID < b.ruleID }
        return a.evidence < b.evidence
    }
}

/// The rules a kind of table gets. Entries are objects so that walking them per table and row copies no
/// rule (a rule's metadata and message templates are dozens of strings).
private struct TablePlan: Sendable {
    /// Row-scope data rules: run row by row, all of them on one row before the next (see `check`).
    let rowRules: [RowRuleEntry]
    /// Everything else that looks at one table (table-scope data rules, structural rules).
    let tableRules: [TableRuleEntry]
    /// What the contexts of these rules derive up front.
    let needs: RowFieldNeeds
}

private final class RowRuleEntry: Sendable {
    let rule: ConditionRule
    let emit: FindingFactory
    init(rule: ConditionRule, emit: FindingFactory) { self.rule = rule; self.emit = emit }
}

private final class TableRuleEntry: Sendable {
    let rule: any TableRule
    let emit: FindingFactory
    init(rule: any TableRule, emit: FindingFactory) { self.rule = rule; self.emit = emit }
}

/// Collects what cross-document rules need from each document of a run and reports at the end.
/// Memory grows with the number of tables, not their text; work is near-linear (see duplicate-table).
public final class CorpusChecker {
    private let parts: [(any CorpusAccumulator, FindingFactory)]

    public init(engine: RuleEngine) {
        parts = engine.corpusRules.map { rule, impl, factory in
            (impl.makeAccumulator(runtime: engine.ruleSet.runtime), factory)
        }
    }

    /// Takes in one document (call once per document, in any order).
    public func add(_ document: Document) {
        for (acc, _) in parts { acc.add(document) }
    }

    /// The cross-document findings, in a stable order.
    public func finish() -> [Finding] {
        RuleEngine.sorted(parts.flatMap { acc, factory in acc.finish(emit: factory) })
    }
}
