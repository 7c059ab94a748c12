import Foundation
import JXModel

/// What every rule implementation may read besides the document: the lexicons of the loaded packs.
public struct RuleRuntime: Sendable {
    public internal(set) var lexicons: [String: Lexicon]
    /// Rule thresholds from the configuration (`thresholds` key), by rule id and name.
    public internal(set) var thresholds: [String: [String: Double]] = [:]

    /// The thresholds a rule reads, with their defaults: the only names a configuration may set.
    public static let knownThresholds: [String: [String: Double]] = [
        "value-template-uniform": ["minRows": Double(ValueTemplateUniformRule.minRows),
                                   "minShare": ValueTemplateUniformRule.minShare],
        "duplicate-table": ["minRows": Double(DuplicateTableRule.minRows), "minShare": DuplicateTableRule.minShare],
    ]

    /// A threshold of `rule`: the configured value, else the default.
    func threshold(_ rule: String, _ name: String) -> Double {
        thresholds[rule]?[name] ?? Self.knownThresholds[rule]?[name] ?? 0
    }
    /// The "unit-classes" map lexicon (count, money, percent, time), when loaded.
    public var unitClasses: Lexicon? { lexicons["unit-classes"] }

    func unitClass(of unit: String?) -> String? {
        unit.flatMap { EvaluationContext.unitClass(of: $0, in: unitClasses) }
    }
}

/// A rule that looks at one table at a time (row rules are table rules that walk the rows). It reads the
/// table through the contexts every table rule shares, so what one rule derives from a row (a label's core,
/// a dimension, a loose text) the others reuse.
protocol TableRule: Sendable {
    func check(_ table: TableContexts, emit: FindingFactory, into findings: inout [Finding])
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
