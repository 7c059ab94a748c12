import Foundation
import JXModel

/// What every rule implementation may read besides the document: the lexicons of the loaded packs.
public struct RuleRuntime: Sendable {
    public let lexicons: [String: Lexicon]
    /// The "unit-classes" map lexicon (count, money, percent, time), when loaded.
    public var unitClasses: Lexicon? { lexicons["unit-classes"] }

    func unitClass(of unit: String?) -> String? {
        guard let unit else { return nil }
        let ctx = EvaluationContext(document: RuleRuntime.emptyDocument, table: RuleRuntime.emptyTable, row: nil,
                                    runtime: self, basisFilledCount: 0)
        return ctx.unitClass(of: unit)
    }

    static let emptyTable = GoalTable(kind: .project, layout: .cellPerLine, index: 0, printedNumber: nil,
                                      title: .empty, project: "", goal: .empty, line: 0, section: "", rows: [])
    static let emptyDocument = Document(path: "", department: nil, budgetYear: nil, tables: [], lineCount: 0,
                                        byteCount: 0)
}

/// A rule that looks at one table at a time (row rules are table rules that walk the rows).
protocol TableRule: Sendable {
    func check(_ table: GoalTable, in document: Document, runtime: RuleRuntime, emit: FindingFactory,
               into findings: inout [Finding])
}

/// A rule that looks at a whole document (numbering of titles).
protocol DocumentRule: Sendable {
    func check(_ document: Document, runtime: RuleRuntime, emit: FindingFactory, into findings: inout [Finding])
}

/// A rule that looks across all documents of a run; it keeps what it needs from each document and reports
/// when the run is over.
protocol CorpusRule: Sendable {
    func makeAccumulator(runtime: RuleRuntime) -> any CorpusAccumulator
}

/// The state a corpus rule keeps during a run.
protocol CorpusAccumulator: AnyObject {
    func add(_ document: Document)
    func finish(emit: FindingFactory) -> [Finding]
}

/// How a rule is carried out.
enum RuleImplementation: Sendable {
    case table(any TableRule)
    case document(any DocumentRule)
    case corpus(any CorpusRule)
}

/// A loaded rule: its metadata from Rules/ and its implementation (a condition or Swift code).
public struct Rule: Sendable {
    public let metadata: RuleMetadata
    let implementation: RuleImplementation
}

/// Builds the findings of one rule: picks the message variant, fills placeholders, applies the severity
/// the user chose. Every finding of every rule is made here, so messages look alike.
public struct FindingFactory: Sendable {
    let metadata: RuleMetadata
    /// The severity the configuration forces, if any (it wins over variants).
    let severityOverride: Severity?

    /// The longest cell text quoted in a message; goals run to hundreds of characters.
    static let quoteLimit = 60

    func make(variant: String? = nil, document: Document, table: GoalTable?, row: IndicatorRow?,
              line: Int? = nil, evidence: String, values: [String: String] = [:]) -> Finding {
        let v = variant.flatMap { metadata.variants[$0] }
        let severity = severityOverride ?? v?.severity ?? metadata.defaultSeverity
        var fill: [String: String] = [:]
        if let table {
            fill["title"] = FindingFactory.quote(table.title.raw)
            fill["project"] = table.project
            fill["goal"] = FindingFactory.quote(table.goal.raw)
            fill["table"] = String(table.index)
        }
        if let row {
            fill["name"] = FindingFactory.quote(row.name.raw)
            fill["value"] = FindingFactory.quote(row.value.raw)
            fill["level1"] = row.level1.raw
            fill["level2"] = row.level2.raw
            fill["description"] = FindingFactory.quote(row.description.raw)
            fill["basis"] = FindingFactory.quote(row.basis.raw)
            fill["row"] = String(row.index)
        }
        fill["evidence"] = FindingFactory.quote(evidence)
        fill["year"] = document.budgetYear.map(String.init) ?? ""
        for (k, val) in values { fill[k] = val }
        let message = v?.message ?? metadata.message
        let hint = v?.hint ?? metadata.hint
        let location = FindingLocation(
            path: document.path, line: line ?? row?.line ?? table?.line ?? 1, tableIndex: table?.index,
            tableTitle: table?.title.text, rowIndex: row?.index, rowName: row?.name.raw)
        return Finding(ruleID: metadata.id, severity: severity, location: location,
                       evidence: FindingFactory.clip(evidence, 200),
                       message: LocalizedText(zh: FindingFactory.render(message.zh, fill),
                                              en: FindingFactory.render(message.en, fill)),
                       hint: LocalizedText(zh: FindingFactory.render(hint.zh, fill),
                                           en: FindingFactory.render(hint.en, fill)))
    }

    /// Replaces `{key}` by its value; unknown keys stay as written so that a typo shows.
    static func render(_ template: String, _ values: [String: String]) -> String {
        guard template.contains("{") else { return template }
        var out = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            out += rest[rest.startIndex..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let key = String(rest[rest.index(after: open)..<close])
            if let v = values[key] { out += v } else { out += rest[open...close] }
            rest = rest[rest.index(after: close)...]
        }
        out += rest
        return out
    }

    /// A cell as a message quotes it: one line, at most `quoteLimit` characters.
    static func quote(_ s: String) -> String {
        let oneLine = s.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\t" })
            .map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        return clip(oneLine, quoteLimit)
    }

    static func clip(_ s: String, _ limit: Int) -> String {
        s.count <= limit ? s : String(s.prefix(limit)) + "…"
    }
}
