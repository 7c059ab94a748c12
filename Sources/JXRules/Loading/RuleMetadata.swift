import Foundation
import JXModel

/// Where a rule looks: at one row, one table, one document, or all documents of a run.
public enum RuleScope: String, Sendable, Hashable, CaseIterable {
    case row, table, document, corpus
}

/// The principle of 绩效目标 setting a rule enforces (the four tests of a 绩效目标审核).
public enum Principle: String, Sendable, Hashable, CaseIterable {
    /// 指向明确: the goal and indicators say what the money buys.
    case specific = "指向明确"
    /// 细化量化: indicators are concrete and measurable.
    case measurable = "细化量化"
    /// 合理可行: targets are attainable and not trivially true.
    case feasible = "合理可行"
    /// 相应匹配: indicators fit their dimension, the project and the money.
    case consistent = "相应匹配"

    /// English name for `--lang en`.
    public var english: String {
        switch self {
        case .specific: return "specific"
        case .measurable: return "measurable"
        case .feasible: return "feasible"
        case .consistent: return "consistent"
        }
    }
}

/// A message variant of a rule: some rules say different things in different cases (missing-dimension
/// without 产出 is an error, without 满意度 a warning), each with its own text and possibly severity.
public struct RuleVariant: Sendable, Hashable {
    public var severity: Severity?
    public var message: LocalizedText?
    public var hint: LocalizedText?
}

/// One table of an example: title, goal and rows of six cells (一级, 二级, 三级, 描述, 指标值, 依据).
public struct ExampleTable: Sendable, Hashable {
    public var title: String
    public var goal: String
    public var section: String?
    public var project: String?
    public var rows: [[String]]
}

/// One document of an example (for document- and corpus-scope rules).
public struct ExampleDocument: Sendable, Hashable {
    public var path: String
    public var year: Int?
    public var department: String?
    public var tables: [ExampleTable]
}

/// An example from a rule file: a row, a table, or several documents, and where it was taken from.
public struct RuleExample: Sendable, Hashable {
    public enum Content: Sendable, Hashable {
        /// One row; the table around it has `title`/`goal` when given (some row rules read them).
        case row([String], title: String?, goal: String?, year: Int?)
        case table(ExampleTable, year: Int?)
        case documents([ExampleDocument])
    }
    public var content: Content
    /// Where the example comes from ("000 表1", "synthetic").
    public var source: String?
    /// For triggering examples: the exact number of findings expected, when the file says so.
    public var expectedFindings: Int?
}

/// Everything a rule file says about a rule (all rules, data and Swift alike, have one).
public struct RuleMetadata: Sendable, Hashable {
    public var id: String
    public var defaultSeverity: Severity
    public var category: String
    public var scope: RuleScope
    public var principle: Principle
    public var title: LocalizedText
    public var message: LocalizedText
    public var hint: LocalizedText
    public var rationale: LocalizedText
    public var variants: [String: RuleVariant]
    /// The table kinds the rule looks at (project tables only, unless the file says otherwise).
    public var appliesTo: Set<GoalTableKind>
    public var triggering: [RuleExample]
    public var passing: [RuleExample]
    /// The rule file, for error messages and `explain`.
    public var file: String
    /// Whether the rule is a condition in its file (true) or implemented in Swift (false).
    public var isData: Bool

    /// What reporters need (SARIF rules, HTML legend).
    public var ruleDescription: RuleDescription {
        RuleDescription(id: id, defaultSeverity: defaultSeverity, category: category, title: title,
                        rationale: rationale, hint: hint)
    }
}

extension RuleExample {
    static func parse(_ o: JSONObject) throws -> RuleExample {
        let source = try o.string("source")
        let expected = try o.int("findings")
        let year = try o.int("year")
        if let cells = try o.strings("row") {
            guard cells.count == 6 else {
                throw o.fail("row", "a row has six cells (一级, 二级, 三级, 描述, 指标值, 依据), found \(cells.count)")
            }
            return RuleExample(content: .row(cells, title: try o.string("title"), goal: try o.string("goal"), year: year),
                               source: source, expectedFindings: expected)
        }
        if let t = try o.object("table") {
            return RuleExample(content: .table(try ExampleTable.parse(t), year: year), source: source,
                               expectedFindings: expected)
        }
        if let d = try o.object("document") {
            return RuleExample(content: .documents([try ExampleDocument.parse(d, index: 0)]), source: source,
                               expectedFindings: expected)
        }
        let docs = try o.objects("documents")
        guard !docs.isEmpty else { throw o.fail("", "an example needs \"row\", \"table\", \"document\" or \"documents\"") }
        return RuleExample(content: .documents(try docs.enumerated().map { try ExampleDocument.parse($1, index: $0) }),
                           source: source, expectedFindings: expected)
    }
}

extension ExampleTable {
    static func parse(_ o: JSONObject) throws -> ExampleTable {
        guard let rowsAny = try o.array("rows") else { throw o.fail("rows", "missing") }
        let rows = try rowsAny.enumerated().map { i, r -> [String] in
            // Fewer than six cells stand for a row the parser could not complete (table-malformed).
            guard let cells = r as? [String], (1...6).contains(cells.count) else {
                throw o.fail("rows[\(i)]", "a row is an array of up to six strings (一级, 二级, 三级, 描述, 指标值, 依据)")
            }
            return cells
        }
        return ExampleTable(title: try o.requireString("title"), goal: try o.string("goal") ?? "",
                            section: try o.string("section"), project: try o.string("project"), rows: rows)
    }
}

extension ExampleDocument {
    static func parse(_ o: JSONObject, index: Int) throws -> ExampleDocument {
        ExampleDocument(path: try o.string("path") ?? "example-\(index + 1).txt", year: try o.int("year"),
                        department: try o.string("department"),
                        tables: try o.objects("tables").map(ExampleTable.parse))
    }
}
