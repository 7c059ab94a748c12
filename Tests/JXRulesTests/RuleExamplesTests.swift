import Foundation
import JXModel
import JXParse
@testable import JXRules
import XCTest

/// Runs every example of every rule in Rules/: triggering examples must produce a finding of their rule,
/// passing examples none. This is the rule catalog's spec, executed.
final class RuleExamplesTests: XCTestCase {
    static let rules: RuleSet = {
        do { return try RuleSet.loadDefault() } catch { fatalError("Rules/ does not load: \(error)") }
    }()
    static let builder = ExampleBuilder(parseValue: { ValueParser.parse($0) }, cell: { Normalizer.cell($0) })

    /// The catalog of DESIGN.md with its default severities, plus table-malformed.
    static let catalog: [String: Severity] = [
        "goal-placeholder": .error, "goal-vague": .warning, "indicator-placeholder": .error,
        "value-missing": .error, "value-geq-100": .error, "rate-over-100": .error,
        "value-not-measurable": .warning, "value-bare-number": .warning, "trivial-target": .warning,
        "satisfaction-100": .info, "direction-wrong": .error, "unit-mismatch": .error,
        "timeliness-not-deadline": .warning, "hierarchy-invalid": .error, "eco-mislabeled": .error,
        "eco-misplaced": .warning, "category-mismatch": .warning, "input-as-output": .warning,
        "name-equals-description": .info, "basis-invalid": .warning, "missing-dimension": .warning,
        "duplicate-row": .warning, "value-template-uniform": .warning, "duplicate-table": .error,
        "year-mismatch": .warning, "title-anomaly": .info, "table-malformed": .warning,
    ]

    func testEveryCatalogRuleExistsWithItsSeverity() {
        let loaded = Dictionary(uniqueKeysWithValues: Self.rules.rules.map { ($0.metadata.id, $0.metadata) })
        for (id, severity) in Self.catalog {
            XCTAssertEqual(loaded[id]?.defaultSeverity, severity, "rule \(id)")
        }
        XCTAssertEqual(Set(loaded.keys), Set(Self.catalog.keys))
    }

    func testEveryRuleHasTwoExamplesEachWay() {
        for rule in Self.rules.rules where rule.metadata.id != "table-malformed" {
            XCTAssertGreaterThanOrEqual(rule.metadata.triggering.count, 2, rule.metadata.id)
            XCTAssertGreaterThanOrEqual(rule.metadata.passing.count, 2, rule.metadata.id)
        }
    }

    func testAllExamples() {
        for rule in Self.rules.rules {
            let id = rule.metadata.id
            let engine = RuleEngine(rules: Self.rules, selection: RuleSelection(select: [id]))
            for (i, ex) in rule.metadata.triggering.enumerated() {
                let found = engine.checkAll(Self.builder.documents(for: ex)).filter { $0.ruleID == id }
                if let n = ex.expectedFindings {
                    XCTAssertEqual(found.count, n, "\(id) triggering[\(i)] (\(ex.source ?? "")): \(found.map(\.message.zh))")
                } else {
                    XCTAssertFalse(found.isEmpty, "\(id) triggering[\(i)] (\(ex.source ?? "")) found nothing")
                }
            }
            for (i, ex) in rule.metadata.passing.enumerated() {
                let found = engine.checkAll(Self.builder.documents(for: ex)).filter { $0.ruleID == id }
                XCTAssertTrue(found.isEmpty, "\(id) passing[\(i)] (\(ex.source ?? "")): \(found.map(\.message.zh))")
            }
        }
    }

    /// Messages must not show unfilled placeholders.
    func testMessagesHaveNoUnfilledPlaceholders() {
        for rule in Self.rules.rules {
            let engine = RuleEngine(rules: Self.rules, selection: RuleSelection(select: [rule.metadata.id]))
            for ex in rule.metadata.triggering {
                for f in engine.checkAll(Self.builder.documents(for: ex)) {
                    for text in [f.message.zh, f.message.en, f.hint.zh, f.hint.en] {
                        XCTAssertNil(text.range(of: "\\{[a-zA-Z]+\\}", options: .regularExpression),
                                     "\(rule.metadata.id): \(text)")
                    }
                }
            }
        }
    }
}
