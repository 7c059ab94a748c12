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

    /// The longest cell text quoted in a message; goals run to hundreds of characters.
    static let quoteLimit = 60

    init(metadata: RuleMetadata, severityOverride: Severity?) {
        self.metadata = metadata
        self.severityOverride = severityOverride
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
        let fill = Placeholders(document: document, table: table, row: row, evidence: evidence, values: values)
        let location = FindingLocation(
            path: document.path, line: line ?? row?.line ?? table?.line ?? 1, tableIndex: table?.index,
            tableTitle: table?.title.text, rowIndex: row?.index, rowName: row?.name.raw)
        return Finding(ruleID: metadata.id, severity: severity, location: location,
                       evidence: FindingFactory.clip(evidence, 200),
                       message: LocalizedText(zh: texts.messageZh.render(fill), en: texts.messageEn.render(fill)),
                       hint: LocalizedText(zh: texts.hintZh.render(fill), en: texts.hintEn.render(fill)))
    }

    /// A cell as a message quotes it: one line, at most `quoteLimit` characters.
    static func quote(_ s: String) -> String {
        clip(isOneTrimmedLine(s) ? s : oneLine(s), quoteLimit)
    }

    /// Lines joined by a space, each trimmed.
    private static func oneLine(_ s: String) -> String {
        s.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\t" })
            .map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }

    /// Whether `oneLine` would return `s` unchanged: no line break or tab, no space at either end. (Unicode
    /// White_Space is wider than the trimmed set, so a "no" only costs the slow path.)
    private static func isOneTrimmedLine(_ s: String) -> Bool {
        for b in s.utf8 where b == 0x0A || b == 0x0D || b == 0x09 { return false }
        let scalars = s.unicodeScalars
        if let first = scalars.first, isWhitespace(first) { return false }
        if let last = scalars.last, isWhitespace(last) { return false }
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
        if s.utf8.count <= limit || s.unicodeScalars.count <= limit { return s }
        return s.count <= limit ? s : String(s.prefix(limit)) + "…"
    }

    /// The four texts of a finding, as templates.
    private struct Texts: Sendable {
        let messageZh, messageEn, hintZh, hintEn: Template
        init(message: LocalizedText, hint: LocalizedText) {
            messageZh = Template(message.zh)
            messageEn = Template(message.en)
            hintZh = Template(hint.zh)
            hintEn = Template(hint.en)
        }
    }

    /// The placeholder values of one finding, computed when a template asks for them.
    fileprivate struct Placeholders {
        let document: Document
        let table: GoalTable?
        let row: IndicatorRow?
        let evidence: String
        let values: KeyValuePairs<String, String>

        func value(_ key: String) -> String? {
            if let given = values.last(where: { $0.key == key }) { return given.value }
            switch key {
            case "evidence": return FindingFactory.quote(evidence)
            case "year": return document.budgetYear.map(String.init) ?? ""
            default: break
            }
            if let table {
                switch key {
                case "title": return FindingFactory.quote(table.title.raw)
                case "project": return table.project
                case "goal": return FindingFactory.quote(table.goal.raw)
                case "table": return String(table.index)
                default: break
                }
            }
            if let row {
                switch key {
                case "name": return FindingFactory.quote(row.name.raw)
                case "value": return FindingFactory.quote(row.value.raw)
                case "level1": return row.level1.raw
                case "level2": return row.level2.raw
                case "description": return FindingFactory.quote(row.description.raw)
                case "basis": return FindingFactory.quote(row.basis.raw)
                case "row": return String(row.index)
                default: break
                }
            }
            return nil
        }
    }
}

/// A message template split once into text and `{key}` placeholders.
struct Template: Sendable {
    private enum Piece: Sendable {
        case text(String)
        case key(String)
    }
    private let pieces: [Piece]

    init(_ template: String) {
        var pieces: [Piece] = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            if open > rest.startIndex { pieces.append(.text(String(rest[..<open]))) }
            pieces.append(.key(String(rest[rest.index(after: open)..<close])))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { pieces.append(.text(String(rest))) }
        self.pieces = pieces
    }

    /// The text with each placeholder replaced by `lookup(key)`; a key without a value stays as written.
    func render(_ lookup: (String) -> String?) -> String {
        if pieces.count == 1, case .text(let only)? = pieces.first { return only }
        var out = ""
        for piece in pieces {
            switch piece {
            case .text(let t): out += t
            case .key(let k): out += lookup(k) ?? "{\(k)}"
            }
        }
        return out
    }

    fileprivate func render(_ fill: FindingFactory.Placeholders) -> String {
        render { fill.value($0) }
    }
}
