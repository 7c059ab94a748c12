import Foundation
import JXModel

/// hierarchy-invalid: a 一级 or 二级 label that no framework allows, a 二级 under the wrong 一级, or a table
/// that mixes the two frameworks.
///
/// The frameworks are map lexicons named "framework-…" (一级 → its 二级 labels): 财预〔2020〕10号 / 88号
/// (成本 under 产出) and 财预〔2021〕101号 (成本 as a 一级 with 经济/社会/生态环境成本). Labels are compared
/// without their "指标" suffix. A bad pair is reported once per table, on its first row.
struct HierarchyInvalidRule: TableRule {
    /// A class, so that asking each framework about each row copies no tables.
    final class Framework: Sendable {
        let id: String
        /// 一级 core label → allowed 二级 core labels.
        let children: [String: Set<String>]
        /// The same pairs, looked up by bytes when the labels allow it (see `StringLookup`): every new pair of
        /// labels is asked of each framework, and hashing CJK labels as `String` normalised them each time.
        private let pairs: StringLookup<StringLookup<Bool>>

        init(id: String, children: [String: Set<String>]) {
            self.id = id
            self.children = children
            pairs = StringLookup(children.map { l1, l2s in (l1, StringLookup(l2s.map { ($0, true) })) })
        }

        /// `children[l1]?.contains(l2) == true`, for labels whose plainness is known.
        func allows(_ l1: String, _ l2: String, plain: Bool) -> Bool {
            pairs.lookup(l1, isPlain: plain)?.lookup(l2, isPlain: plain) ?? false
        }
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

    func check(_ contexts: TableContexts, emit: FindingFactory, into findings: inout [Finding]) {
        let table = contexts.table, document = contexts.document
        var seen: Set<String> = []
        // Which frameworks each row fits (by framework position); a table fits a framework when all its rows
        // do. Rows under one 二级 come together, so a row with the labels of the row above reuses its answer.
        var tableFits = [Bool](repeating: true, count: frameworks.count)
        var previous: (l1: String, l2: String, fits: [Bool])? = nil
        for ctx in contexts.rows {
            // The row itself (a copy out of the table) is taken only for a finding.
            guard ctx.hasRow else { continue }
            let l1 = ctx.level1Core, l2 = ctx.level2Core
            let fits: [Bool]
            let pair = ctx.labels.pair
            if let pair, let known = contexts.pairAnswers.frameworkFits(pair: pair) {
                // Worked out at an earlier row with these labels, maybe in an earlier table: most rows.
                fits = known
            } else if let p = previous, PlainText.equal(p.l1, l1), PlainText.equal(p.l2, l2) {
                fits = p.fits
            } else {
                // One plainness for both labels: a lookup of plain text may go by bytes.
                let plain = PlainText.isPlain(l1) && PlainText.isPlain(l2)
                fits = frameworks.map { $0.allows(l1, l2, plain: plain) }
                previous = (l1, l2, fits)
                if let pair { contexts.pairAnswers.setFrameworkFits(fits, pair: pair) }
            }
            if !fits.contains(true) {
                guard seen.insert(l1 + "\u{1F}" + l2).inserted, let row = ctx.row else { continue }
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
            for (i, fit) in zip(tableFits.indices, fits) where !fit { tableFits[i] = false }
        }
        // Every row is legal in some framework, but no single framework holds them all: a mix.
        if !tableFits.contains(true), seen.isEmpty, !contexts.rows.isEmpty {
            let used = Set(contexts.rows.map { $0.level1Core + "/" + $0.level2Core })
            let costPairs = used.filter { $0.contains("成本") }.sorted().joined(separator: "、")
            findings.append(emit.make(variant: "mixed", document: document, table: table, row: nil,
                                      evidence: costPairs, values: ["pairs": costPairs]))
        }
    }
}
