import Foundation
import JXModel

/// table-malformed: what the parser could not read as a proper table (a row with missing cells, a title with
/// no rows) becomes a finding, so that nothing is dropped without a word.
struct TableMalformedRule: TableRule {
    func check(_ contexts: TableContexts, emit: FindingFactory, into findings: inout [Finding]) {
        let table = contexts.table, document = contexts.document
        for defect in table.defects {
            findings.append(emit.make(
                variant: defect.kind.rawValue, document: document, table: table, row: nil, line: defect.line,
                evidence: defect.evidence,
                values: ["expected": String(defect.expectedCells), "found": String(defect.foundCells)]))
        }
    }
}
