import Foundation
import JXModel

/// duplicate-row: the same indicator (same 二级, 三级 and 描述) twice in one table. Rows that share a
/// generic 三级 but describe different things ("服务对象满意度指标" / "运行单位满意度" vs "运行部门满意度")
/// are different indicators and pass.
struct DuplicateRowRule: TableRule {
    func check(_ contexts: TableContexts, emit: FindingFactory, into findings: inout [Finding]) {
        let table = contexts.table, document = contexts.document
        // Keys compared as bytes when every key of the table can be (see `RowKey`): hashing long CJK keys
        // as `String` normalised them on every row. The rest are joined and compared as strings.
        var keys: [(RowKey, EvaluationContext)] = []
        keys.reserveCapacity(contexts.rows.count)
        for ctx in contexts.rows {
            // The name's text as the context holds it (`row.name.isEmpty` is its text's), so that no row is
            // copied out of the table unless it is reported.
            guard ctx.text(.name)?.isEmpty == false else { continue }
            keys.append((RowKey(level2: ctx.level2Core, name: ctx.loose(.name) ?? "",
                                description: ctx.loose(.description) ?? ""), ctx))
        }
        var firstByBytes: [RowKey: EvaluationContext]? = keys.allSatisfy { $0.0.isByteComparable } ? [:] : nil
        var firstByString: [String: EvaluationContext] = [:]
        firstByBytes?.reserveCapacity(keys.count)
        for (key, ctx) in keys {
            // One hash per row: the row is put in as the key's first, and in the rare case the key was
            // there, the earlier row is put back (looking the key up and then inserting it hashed it twice).
            let seen: EvaluationContext?
            if firstByBytes != nil {
                seen = firstByBytes?.updateValue(ctx, forKey: key)
                if let seen { firstByBytes?[key] = seen }
            } else {
                let joined = key.joined
                seen = firstByString.updateValue(ctx, forKey: joined)
                if let seen { firstByString[joined] = seen }
            }
            guard let earlierContext = seen, let earlier = earlierContext.row, let row = ctx.row else { continue }
            let same = PlainText.equal(earlierContext.loose(.valueText) ?? "", ctx.loose(.valueText) ?? "")
                && (earlierContext.loose(.valueText) == nil) == (ctx.loose(.valueText) == nil)
            findings.append(emit.make(
                variant: same ? nil : "conflicting", document: document, table: table, row: row,
                evidence: row.name.raw,
                values: ["firstRow": String(earlier.index), "firstLine": String(earlier.line),
                         "firstValue": FindingFactory.quote(earlier.value.raw)]))
        }
    }

    /// A row's key: its 二级 core, loose name and loose description, kept apart (joining them into one
    /// string per row cost more than the rest of the rule). Hashed as one digest of the parts' bytes and
    /// compared part by part, by bytes, which is what comparing the joined keys as strings answers when
    /// every part is byte-comparable (see `PlainText.isByteComparable`) and holds no U+001F, the separator
    /// `joined` puts between the parts.
    struct RowKey: Hashable {
        let level2, name, description: String

        var isByteComparable: Bool {
            func comparable(_ part: String) -> Bool {
                PlainText.isByteComparable(part) && !part.withUTF8Bytes { u in
                    u.baseAddress.map { memchr($0, 0x1F, u.count) != nil } ?? false
                }
            }
            return comparable(level2) && comparable(name) && comparable(description)
        }

        /// The key as one string, for tables whose keys are compared as strings.
        var joined: String { DuplicateRowRule.key(level2, name, description) }

        static func == (a: RowKey, b: RowKey) -> Bool {
            PlainText.sameBytes(a.level2, b.level2) && PlainText.sameBytes(a.name, b.name)
                && PlainText.sameBytes(a.description, b.description)
        }

        /// One digest of the three parts (see `PlainText.digest`) goes to the hasher.
        func hash(into hasher: inout Hasher) {
            func digest(_ part: String) -> UInt64 {
                part.withUTF8Bytes(PlainText.digest)
            }
            hasher.combine(PlainText.mix(PlainText.mix(digest(level2), digest(name)), digest(description)))
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
