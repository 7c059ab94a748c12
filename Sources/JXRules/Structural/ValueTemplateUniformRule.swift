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
        var texts: [String] = [], plain: [Bool] = [], valued: [EvaluationContext] = []
        texts.reserveCapacity(contexts.rows.count)
        plain.reserveCapacity(contexts.rows.count)
        valued.reserveCapacity(contexts.rows.count)
        for ctx in contexts.rows {
            // The value text as the context holds it: no row is copied out of the table here.
            guard ctx.text(.valueText)?.isEmpty == false else { continue }
            texts.append(ctx.loose(.valueText) ?? "")
            plain.append(ctx.isPlain(.valueText))
            valued.append(ctx)
        }
        // Most tables have no value shared by that many rows. With a share above one half, only a majority
        // text can reach it, and a majority is found in one pass without grouping every text (hashing each
        // and keeping a list per distinct text was most of the rule's cost).
        let needed = minShare * Double(table.rows.count)
        if minShare > 0.5, !Self.majorityMayReach(texts, plain: plain, needed) { return }
        // Texts are grouped as bytes when all of them can be (see `PlainText.isByteComparable`): hashing
        // CJK text as `String` normalised it on every row.
        let largest = texts.allSatisfy(PlainText.isByteComparable)
            ? Self.largestGroup(texts.map(UTF8Key.init), text: \.text)
            : Self.largestGroup(texts, text: { $0 })
        guard let largest else { return }
        let rows = largest.map { valued[$0] }
        guard Double(rows.count) >= needed else { return }
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

    /// False when no text occurs `needed` times or more, for a `needed` above half the texts' count (then
    /// only a majority could): the majority candidate (Boyer–Moore vote, texts compared as `String`s
    /// compare) is counted. True otherwise, and whenever `needed` is at most half. `plain[i]` says whether
    /// `texts[i]` is plain (see `PlainText`; the context recorded it), so that texts are compared by bytes.
    static func majorityMayReach(_ texts: [String], plain: [Bool], _ needed: Double) -> Bool {
        guard needed > Double(texts.count) / 2 else { return true }
        guard plain.count == texts.count else { return true }
        func same(_ i: Int, _ j: Int) -> Bool { PlainText.equal(texts[i], texts[j], bothPlain: plain[i] && plain[j]) }
        var candidate = 0, votes = 0
        for i in texts.indices {
            if votes == 0 {
                candidate = i
                votes = 1
            } else if same(i, candidate) {
                votes += 1
            } else {
                votes -= 1
            }
        }
        guard texts.indices.contains(candidate) else { return false }
        var count = 0
        for i in texts.indices where same(i, candidate) { count += 1 }
        return Double(count) >= needed
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
