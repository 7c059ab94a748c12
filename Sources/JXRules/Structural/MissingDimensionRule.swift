import Foundation
import JXModel

/// missing-dimension: a table without 产出 or 效益 rows (error), an 产出 part without one of 数量/质量/时效/
/// 成本 (warning), no 满意度 row (warning), and a capital project (购置, 建设, 维修 … in the title) with no
/// 成本 row (error). One finding per gap, on the title line.
struct MissingDimensionRule: TableRule {
    /// Title words of capital projects, from the "capital-project-words" lexicon.
    let capitalWords: Lexicon

    init(runtime: RuleRuntime, file: String) throws {
        guard let lex = runtime.lexicons["capital-project-words"] else {
            throw RuleLoadError(file: file, reason: "missing-dimension needs the lexicon \"capital-project-words\"")
        }
        capitalWords = lex
    }

    func check(_ contexts: TableContexts, emit: FindingFactory, into findings: inout [Finding]) {
        let table = contexts.table, document = contexts.document
        // A table with no rows is a parse defect (table-malformed), not a missing dimension.
        guard !contexts.rows.isEmpty else { return }
        let dims = DimensionSet(contexts.rows.lazy.compactMap(\.dimension))
        let hasOutput = contexts.rows.contains { $0.labels.isOutput }
        let hasEffect = contexts.rows.contains { $0.labels.isEffect }
        func report(_ variant: String, _ missing: String) {
            findings.append(emit.make(variant: variant, document: document, table: table, row: nil,
                                      evidence: table.title.raw, values: ["missing": missing]))
        }
        if !hasOutput { report("no-output", "产出指标") }
        if !hasEffect { report("no-effect", "效益指标") }
        let capital = capitalWords.firstWord(in: table.title.text)
        if hasOutput {
            let missing = [Dimension.quantity, .quality, .timeliness].filter { !dims.contains($0) }
                + (capital == nil && !dims.contains(.cost) ? [.cost] : [])
            if !missing.isEmpty {
                report("incomplete-output", missing.map { $0.rawValue + "指标" }.joined(separator: "、"))
            }
        }
        if let capital, !dims.contains(.cost) {
            findings.append(emit.make(variant: "capital-no-cost", document: document, table: table, row: nil,
                                      evidence: table.title.raw, values: ["missing": "成本指标", "matched": capital]))
        }
        if !contexts.rows.contains(where: { $0.labels.isSatisfaction }) { report("no-satisfaction", "满意度指标") }
    }
}
