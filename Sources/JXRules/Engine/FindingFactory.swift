import Foundation
import JXModel

/// Builds the findings of one rule: picks the message variant, fills placeholders, applies the severity
/// the user chose. Every finding of every rule is made here, so messages look alike.
///
/// A run makes about one finding per row, so this is on the hot path: message templates are split into
/// text and `{key}` pieces once, when the engine is built, and a finding computes only the placeholders its
/// templates name (a quoted goal is not built for a message that does not show it). It is a class so that
/// handing it to a rule per row copies no metadata.
public final class FindingFactory: Sendable {
    let metadata: RuleMetadata
    /// The severity the configuration forces, if any (it wins over variants).
    let severityOverride: Severity?
    private let defaultTexts: Texts
    private let variantTexts: [String: Texts]
    private let zh: Bool
    private let en: Bool

    /// The longest cell text quoted in a message; goals run to hundreds of characters.
    static let quoteLimit = 60

    init(metadata: RuleMetadata, severityOverride: Severity?, languages: Set<Language> = [.zh, .en]) {
        self.metadata = metadata
        self.severityOverride = severityOverride
        zh = languages.contains(.zh)
        en = languages.contains(.en)
        defaultTexts = Texts(message: metadata.message, hint: metadata.hint)
        variantTexts = metadata.variants.mapValues { v in
            Texts(message: v.message ?? metadata.message, hint: v.hint ?? metadata.hint)
        }
    }

    /// `values` fill rule-specific placeholders ("{matched}", "{missing}"); they win over the standard
    /// ones (`{name}`, `{value}`, `{title}` …).
    func make(variant: String? = nil, document: Document, table: GoalTable?, row: IndicatorRow?,
              line: Int? = nil, evidence: String, values: KeyValuePairs<String, String> = [:]) -> Finding {
        let v = variant.flatMap { metadata.variants[$0] }
        let texts = variant.flatMap { variantTexts[$0] } ?? defaultTexts
        let severity = severityOverride ?? v?.severity ?? metadata.defaultSeverity
        // Each placeholder the four templates name is filled once (a message and its hint, in two
        // languages, often quote the same cell), by position, not by looking its name up per template.
        var filled: [String?] = []
        filled.reserveCapacity(texts.keys.count)
        for (key, standard) in zip(texts.keys, texts.standards) {
            filled.append(FindingFactory.placeholder(key, standard, document: document, table: table, row: row,
                                                     evidence: evidence, values: values))
        }
        let location = FindingLocation(
            path: document.path, line: line ?? row?.line ?? table?.line ?? 1, tableIndex: table?.index,
            tableTitle: table?.title.text, rowIndex: row?.index, rowName: row?.name.raw)
        return Finding(ruleID: metadata.id, severity: severity, location: location,
                       evidence: FindingFactory.clip(evidence, 200),
                       message: LocalizedText(zh: zh ? texts.messageZh.render(filled) : "",
                                              en: en ? texts.messageEn.render(filled) : ""),
                       hint: LocalizedText(zh: zh ? texts.hintZh.render(filled) : "",
                                           en: en ? texts.hintEn.render(filled) : ""))
    }

    /// A cell as a message quotes it: one line, at most `quoteLimit` characters.
    static func quote(_ s: String) -> String {
        clip(isOneTrimmedLine(s) ? s : oneLine(s), quoteLimit)
    }

    /// Lines joined by a space, each trimmed. "\r\n" is one `Character`, equal to neither "\n" nor "\r".
    private static func oneLine(_ s: String) -> String {
        s.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" || $0 == "\t" }).map(trimmed).joined(separator: " ")
    }

    /// `s.trimmingCharacters(in: .whitespaces)`, without the Foundation call that cost tens of thousands of
    /// instructions per line. Foundation's set is tab, space, Zs and U+200B (`isTrimmedSpace`), all single
    /// UTF-16 units, and it trims scalar by scalar, as this does.
    private static func trimmed(_ s: Substring) -> String {
        let v = s.unicodeScalars
        var start = v.startIndex, end = v.endIndex
        while start < end, isTrimmedSpace(v[start]) { start = v.index(after: start) }
        while start < end, isTrimmedSpace(v[v.index(before: end)]) { end = v.index(before: end) }
        return String(v[start..<end])
    }

    private static func isTrimmedSpace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x09, 0x20, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// Whether `oneLine` would return `s` unchanged: no line break or tab, no space at either end. (Unicode
    /// White_Space is wider than the trimmed set, so a "no" only costs the slow path.)
    static func isOneTrimmedLine(_ s: String) -> Bool {
        // Everything is read from the bytes, through a pointer: iterating `String.UTF8View`, and decoding
        // the first and last scalars through `unicodeScalars`, cost several times as much (every quoted
        // cell of every finding is asked).
        return s.withUTF8Bytes { u in
            guard let first = u.first, let last = u.last else { return true }
            for b in u where b == 0x0A || b == 0x0D || b == 0x09 { return false }
            // A white-space scalar is ASCII or starts with C2, E1, E2 or E3 (see `isWhitespace`); other
            // scalars at either end are not decoded.
            func isWhitespace(scalarAt start: Int) -> Bool {
                var v = UInt32(u[start])
                guard v >= 0x80 else { return FindingFactory.isWhitespace(Unicode.Scalar(UInt8(v))) }
                let length = v < 0xE0 ? 2 : v < 0xF0 ? 3 : 4
                guard start + length <= u.count else { return false }
                v &= length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07
                for k in 1..<length { v = v << 6 | UInt32(u[start + k] & 0x3F) }
                return Unicode.Scalar(v).map(FindingFactory.isWhitespace) ?? false
            }
            if (first < 0x80 || (0xC2...0xE3).contains(first)), isWhitespace(scalarAt: 0) { return false }
            if last < 0x80 || last & 0xC0 == 0x80 {
                // The last scalar starts at the last byte that is not a continuation byte.
                var start = u.count - 1
                while start > 0, u[start] & 0xC0 == 0x80 { start -= 1 }
                if isWhitespace(scalarAt: start) { return false }
            }
            return true
        }
    }

    /// `isOneTrimmedLine` by `String`'s own views (tests compare the two).
    static func isOneTrimmedLineByScalars(_ s: String) -> Bool {
        if s.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return false }
        if let first = s.unicodeScalars.first, isWhitespace(first) { return false }
        if let last = s.unicodeScalars.last, isWhitespace(last) { return false }
        return true
    }

    /// Unicode's White_Space property, spelled out: the property lookup was a visible share of building
    /// findings, and the list is fixed by the standard.
    static func isWhitespace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    static func clip(_ s: String, _ limit: Int) -> String {
        // A character holds at least one scalar (and one byte), so short texts need no grapheme count.
        // Scalars are counted by their first bytes (most quoted cells are CJK, three bytes a character,
        // so past 20 characters the byte count says nothing): `unicodeScalars.count` decoded each one.
        if s.utf8.count <= limit || scalarCount(s) <= limit { return s }
        return s.count <= limit ? s : String(s.prefix(limit)) + "…"
    }

    /// `s.unicodeScalars.count`, from the UTF-8 bytes: every byte but a continuation byte starts a scalar.
    static func scalarCount(_ s: String) -> Int {
        s.withUTF8Bytes { u in
            var n = 0
            for b in u where b & 0xC0 != 0x80 { n += 1 }
            return n
        }
    }

    /// The four texts of a finding, as templates, and the placeholder keys they name.
    private struct Texts: Sendable {
        let messageZh, messageEn, hintZh, hintEn: Template
        /// Every key the four templates name, each once; a template's key pieces are positions here.
        let keys: [String]
        /// Which standard placeholder each key is, if any (by position, as `keys`).
        let standards: [StandardPlaceholder?]
        init(message: LocalizedText, hint: LocalizedText) {
            var keys: [String] = []
            messageZh = Template(message.zh, keys: &keys)
            messageEn = Template(message.en, keys: &keys)
            hintZh = Template(hint.zh, keys: &keys)
            hintEn = Template(hint.en, keys: &keys)
            self.keys = keys
            standards = keys.map { StandardPlaceholder(rawValue: $0) }
        }
    }

    /// The placeholders every rule may name, recognised once per template key: comparing each key with
    /// the names on every finding was a visible share of making findings.
    private enum StandardPlaceholder: String {
        case evidence, year, title, project, goal, table, name, value, level1, level2, description, basis, row
    }

    /// The value of one placeholder: from `values` when given (they win), else the standard ones (`{name}`,
    /// `{value}`, `{title}` …); nil when there is none, and the template keeps `{key}` as written.
    private static func placeholder(_ key: String, _ standard: StandardPlaceholder?, document: Document,
                                    table: GoalTable?, row: IndicatorRow?, evidence: String,
                                    values: KeyValuePairs<String, String>) -> String? {
        if let given = values.last(where: { $0.key == key }) { return given.value }
        guard let standard else { return nil }
        switch standard {
        case .evidence: return FindingFactory.quote(evidence)
        case .year: return document.budgetYear.map(String.init) ?? ""
        default: break
        }
        if let table {
            switch standard {
            case .title: return FindingFactory.quote(table.title.raw)
            case .project: return table.project
            case .goal: return FindingFactory.quote(table.goal.raw)
            case .table: return String(table.index)
            default: break
            }
        }
        if let row {
            switch standard {
            case .name: return FindingFactory.quote(row.name.raw)
            case .value: return FindingFactory.quote(row.value.raw)
            case .level1: return row.level1.raw
            case .level2: return row.level2.raw
            case .description: return FindingFactory.quote(row.description.raw)
            case .basis: return FindingFactory.quote(row.basis.raw)
            case .row: return String(row.index)
            default: break
            }
        }
        return nil
    }
}

/// A message template split once into text and `{key}` placeholders.
struct Template: Sendable {
    private enum Piece: Sendable {
        case text(String)
        /// A placeholder: its position in the factory's key list, and its name (kept when it has no value).
        case key(Int, String)
    }
    private let pieces: [Piece]
    /// The UTF-8 length of the text pieces, to reserve the output once.
    private let textLength: Int

    /// Splits `template`; each key it names is found in, or added to, `keys`.
    init(_ template: String, keys: inout [String]) {
        var pieces: [Piece] = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            if open > rest.startIndex { pieces.append(.text(String(rest[..<open]))) }
            let key = String(rest[rest.index(after: open)..<close])
            let position = keys.firstIndex(of: key) ?? keys.count
            if position == keys.count { keys.append(key) }
            pieces.append(.key(position, key))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { pieces.append(.text(String(rest))) }
        self.pieces = pieces
        textLength = pieces.reduce(0) { n, p in if case .text(let t) = p { return n + t.utf8.count } else { return n } }
    }

    /// The text with each placeholder replaced by its value in `filled` (by position); a key without a
    /// value stays as written.
    func render(_ filled: [String?]) -> String {
        if pieces.count == 1, case .text(let only)? = pieces.first { return only }
        var out = ""
        out.reserveCapacity(textLength + 64)
        for piece in pieces {
            switch piece {
            case .text(let t): out += t
            case .key(let i, let k):
                if i < filled.count, let v = filled[i] { out += v } else { out += "{\(k)}" }
            }
        }
        return out
    }
}
