import Foundation
import JXModel

/// The rules implemented in Swift, by id. Their metadata and examples are in Rules/ like every other rule;
/// a rule file without a condition names one of these.
enum BuiltinRules {
    typealias Factory = @Sendable (RuleMetadata, RuleRuntime) throws -> RuleImplementation

    static let registry: [String: Factory] = [
        "duplicate-table": { _, _ in .corpus(DuplicateTableRule()) },
        "duplicate-row": { _, _ in .table(DuplicateRowRule()) },
        "missing-dimension": { meta, rt in .table(try MissingDimensionRule(runtime: rt, file: meta.file)) },
        "value-template-uniform": { _, _ in .table(ValueTemplateUniformRule()) },
        "hierarchy-invalid": { meta, rt in .table(try HierarchyInvalidRule(runtime: rt, file: meta.file)) },
        "title-anomaly": { _, _ in .document(TitleAnomalyRule()) },
        "year-mismatch": { _, _ in .table(YearMismatchRule()) },
        "table-malformed": { _, _ in .table(TableMalformedRule()) },
    ]
}
