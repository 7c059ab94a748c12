import Foundation
import JXModel

/// duplicate-row: the same indicator (same 二级, 三级 and 描述) twice in one table. Rows that share a
/// generic 三级 but describe different things ("服务对象满意度指标" / "运行单位满意度" vs "运行部门满意度")
/// are different indicators and pass.
struct DuplicateRowRule: TableRule {
    func check(_ contexts: TableContexts, emit: FindingFactory, into findings: inout [Finding]) {
        let table = contexts.table, document = contexts.document
        // Keys compared as bytes when every key of the table can be (see `PlainText.isByteComparable`):
        // hashing long CJK keys as `String` normalised them on every row.
        var keys: [(String, EvaluationContext)] = []
        keys.reserveCapacity(contexts.rows.count)
        for ctx in contexts.rows {
            // The name's text as the context holds it (`row.name.isEmpty` is its text's), so that no row is
            // copied out of the table unless it is reported.
            guard ctx.text(.name)?.isEmpty == false else { continue }
            let key = DuplicateRowRule.key(ctx.level2Core, ctx.loose(.name) ?? "", ctx.loose(.description) ?? "")
            keys.append((key, ctx))
        }
        var firstByBytes: [UTF8Key: EvaluationContext]? = keys.allSatisfy { PlainText.isByteComparable($0.0) } ? [:] : nil
        var firstByString: [String: EvaluationContext] = [:]
        firstByBytes?.reserveCapacity(keys.count)
        for (key, ctx) in keys {
            let seen = firstByBytes != nil ? firstByBytes?[UTF8Key(key)] : firstByString[key]
            guard let earlierContext = seen, let earlier = earlierContext.row, let row = ctx.row else {
                if firstByBytes != nil { firstByBytes?[UTF8Key(key)] = ctx } else { firstByString[key] = ctx }
                continue
            }
            let same = PlainText.equal(earlierContext.loose(.valueText) ?? "", ctx.loose(.valueText) ?? "")
                && (earlierContext.loose(.valueText) == nil) == (ctx.loose(.valueText) == nil)
            findings.append(emit.make(
                variant: same ? nil : "conflicting", document: document, table: table, row: row,
                evidence: row.name.raw,
                values: ["firstRow": String(earlier.index), "firstLine": String(earlier.line),
                         "firstValue": FindingFactory.quote(earlier.value.raw)]))
        }
    }

    /// The parts joined by U+001F into one string, allocated once at its size (`joined(separator:)` cost
    /// about twice as much per row).
    static func key(_ level2: String, _ name: String, _ description: String) -> String {
        var key = ""
        key.reserveCapacity(level2.utf8.count + name.utf8.count + description.utf8.count + 2)
        key += level2
        key += "\u{1F}"
        key += name
        key += "\u{1F}"
        key += description
        return key
    }
}
