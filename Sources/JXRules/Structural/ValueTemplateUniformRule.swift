import Foundation
import JXModel

/// value-template-uniform: one value pasted over (nearly) every row of a table although the rows measure
/// different things, e.g. "≥95%" on 数量, 成本 and 效益 rows alike.
///
/// A table of satisfaction or completion rates that are all "≥90%" is not a template: the rule fires only
/// when the shared value covers at least three dimensions and at least one 数量 or 成本 row whose name is
/// not a rate (a count or a cost cannot be "≥95%").
struct ValueTemplateUniformRule: TableRule {
    static let minRows = 5
    static let minShare = 0.75

    func check(_ contexts: TableContexts, emit: FindingFactory, into findings: inout [Finding]) {
        let table = contexts.table, document = contexts.document, runtime = contexts.runtime
        let minRows = Int(runtime.threshold("value-template-uniform", "minRows"))
        let minShare = runtime.threshold("value-template-uniform", "minShare")
        guard table.rows.count >= minRows else { return }
        var texts: [String] = [], valued: [EvaluationContext] = []
        for ctx in contexts.rows {
            // The value text as the context holds it: no row is copied out of the table here.
            guard ctx.text(.valueText)?.isEmpty == false else { continue }
            texts.append(ctx.loose(.valueText) ?? "")
            valued.append(ctx)
        }
        // Texts are grouped as bytes when all of them can be (see `PlainText.isByteComparable`): hashing
        // CJK text as `String` normalised it on every row.
        let largest = texts.allSatisfy(PlainText.isByteComparable)
            ? Self.largestGroup(texts.map(UTF8Key.init), text: \.text)
            : Self.largestGroup(texts, text: { $0 })
        guard let largest else { return }
        let rows = largest.map { valued[$0] }
        guard Double(rows.count) >= minShare * Double(table.rows.count) else { return }
        let dims = DimensionSet(rows.lazy.compactMap(\.dimension))
        let misfit = rows.contains { ctx in
            guard let d = ctx.dimension, d == .quantity || d == .cost else { return false }
            return !Self.looksLikeRate(ctx.text(.nameCore) ?? "")
        }
        guard dims.count >= 3, misfit, let sample = rows.first?.row else { return }
        findings.append(emit.make(
            document: document, table: table, row: nil, evidence: sample.value.raw,
            values: ["value": sample.value.raw, "count": String(rows.count), "total": String(table.rows.count),
                     "dimensions": dims.sortedWords.joined(separator: "、")]))
    }

    /// The positions of the keys of the most common key, in order; ties are broken by text so that the
    /// finding is stable.
    static func largestGroup<Key: Hashable>(_ keys: [Key], text: (Key) -> String) -> [Int]? {
        var groups: [Key: [Int]] = [:]
        groups.reserveCapacity(keys.count)
        for (i, key) in keys.enumerated() { groups[key, default: []].append(i) }
        return groups.max(by: { a, b in
            a.value.count != b.value.count ? a.value.count < b.value.count : text(a.key) > text(b.key)
        })?.value
    }

    /// Whether a 三级 name reads as a rate or a degree ("完成率", "满意度", "占比"), which a % can measure.
    static func looksLikeRate(_ core: String) -> Bool {
        guard let last = core.last else { return false }
        return last == "率" || last == "度" || core.hasSuffix("比例") || core.hasSuffix("占比")
            || core.hasSuffix("比重") || core.hasSuffix("情况") || core.hasSuffix("性")
    }
}
