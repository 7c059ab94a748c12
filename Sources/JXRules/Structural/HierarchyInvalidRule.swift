import Foundation
import JXModel

/// hierarchy-invalid: a 一级 or 二级 label that no framework allows, a 二级 under the wrong 一级, or a table
/// that mixes the two frameworks.
///
/// The frameworks are map lexicons named "framework-…" (一级 → its 二级 labels): 财预〔2020〕10号 / 88号
/// (成本 under 产出) and 财预〔2021〕101号 (成本 as a 一级 with 经济/社会/生态环境成本). Labels are compared
/// without their "指标" suffix. A bad pair is reported once per table, on its first row.
struct HierarchyInvalidRule: TableRule {
    struct Framework: Sendable {
        let id: String
        /// 一级 core label → allowed 二级 core labels.
        let children: [String: Set<String>]
    }
    let frameworks: [Framework]

    init(runtime: RuleRuntime, file: String) throws {
        frameworks = runtime.lexicons.values.filter { $0.id.hasPrefix("framework-") }.sorted { $0.id < $1.id }
            .map { lex in
                Framework(id: lex.id, children: Dictionary(uniqueKeysWithValues: lex.map.map { key, list in
                    (Levels.core(key), Set(list.map(Levels.core)))
                }))
            }
        if frameworks.isEmpty {
            throw RuleLoadError(file: file, reason: "hierarchy-invalid needs at least one \"framework-…\" map lexicon")
        }
    }

    func check(_ table: GoalTable, in document: Document, runtime: RuleRuntime, emit: FindingFactory,
               into findings: inout [Finding]) {
        var seen: Set<String> = []
        // Frameworks each row fits; a table fits a framework when all its rows do.
        var tableFits = Set(frameworks.map(\.id))
        for row in table.rows {
            let l1 = Levels.core(row.level1.text), l2 = Levels.core(row.level2.text)
            let key = l1 + "\u{1F}" + l2
            let fits = Set(frameworks.filter { $0.children[l1]?.contains(l2) == true }.map(\.id))
            if fits.isEmpty {
                guard seen.insert(key).inserted else { continue }
                let variant: String
                if l1.isEmpty || l2.isEmpty {
                    variant = "empty"
                } else if !frameworks.contains(where: { $0.children[l1] != nil }) {
                    variant = "bad-level1"
                } else if frameworks.contains(where: { f in f.children.values.contains { $0.contains(l2) } }) {
                    variant = "wrong-parent"
                } else {
                    variant = "bad-level2"
                }
                findings.append(emit.make(variant: variant, document: document, table: table, row: row,
                                          evidence: "\(row.level1.raw) / \(row.level2.raw)"))
                continue
            }
            tableFits.formIntersection(fits)
        }
        // Every row is legal in some framework, but no single framework holds them all: a mix.
        if tableFits.isEmpty, seen.isEmpty, !table.rows.isEmpty {
            let used = Set(table.rows.map { Levels.core($0.level1.text) + "/" + Levels.core($0.level2.text) })
            let costPairs = used.filter { $0.contains("成本") }.sorted().joined(separator: "、")
            findings.append(emit.make(variant: "mixed", document: document, table: table, row: nil,
                                      evidence: costPairs, values: ["pairs": costPairs]))
        }
    }
}
