import Foundation
import JXModel

/// A field a condition can read: a row's cells and parsed value, its table's title and goal, the document's
/// year. Names are the ones rule files use ("value.comparator", "table.goal"); see Rules/README.md.
enum Field: Hashable, Sendable {
    case level1, level2, name, nameCore, description, basis
    case valueRaw, valueText, valueComparator, valueNumber, valueUpperNumber, valueUnit, valueUnitClass
    case valueKind, valueTrailingText
    case rowIndex
    case tableTitle, tableProject, tableGoal, tableGoalCore, tableGoalResidue, tableKind, tableSection, tableRowCount, tableBasisFilledCount
    case documentYear, documentDepartment
    /// The length in characters of a text field ("table.goal.length").
    indirect case length(Field)

    static let byName: [String: Field] = [
        "level1": .level1, "level2": .level2, "name": .name, "nameCore": .nameCore,
        "description": .description, "basis": .basis,
        "value.raw": .valueRaw, "value.text": .valueText, "value.comparator": .valueComparator,
        "value.number": .valueNumber, "value.upperNumber": .valueUpperNumber, "value.unit": .valueUnit,
        "value.unitClass": .valueUnitClass, "value.kind": .valueKind, "value.trailingText": .valueTrailingText,
        "row.index": .rowIndex,
        "table.title": .tableTitle, "table.project": .tableProject, "table.goal": .tableGoal, "table.goalCore": .tableGoalCore,
        "table.goalResidue": .tableGoalResidue,
        "table.kind": .tableKind, "table.section": .tableSection, "table.rowCount": .tableRowCount,
        "table.basisFilledCount": .tableBasisFilledCount,
        "document.year": .documentYear, "document.department": .documentDepartment,
    ]

    static func parse(_ name: String) -> Field? {
        if name.hasSuffix(".length") {
            guard let base = byName[String(name.dropLast(".length".count))], !base.isNumeric else { return nil }
            return .length(base)
        }
        return byName[name]
    }

    var isNumeric: Bool {
        switch self {
        case .valueNumber, .valueUpperNumber, .rowIndex, .tableRowCount, .tableBasisFilledCount, .documentYear,
             .length:
            return true
        default:
            return false
        }
    }

    /// Whether reading the field needs a row (row fields are meaningless in a table-scope rule).
    var needsRow: Bool {
        switch self {
        case .tableTitle, .tableProject, .tableGoal, .tableGoalCore, .tableGoalResidue, .tableKind, .tableSection, .tableRowCount,
             .tableBasisFilledCount, .documentYear, .documentDepartment:
            return false
        case .length(let f):
            return f.needsRow
        default:
            return true
        }
    }
}

/// What a condition is evaluated against: one row of one table of one document (the row is nil for
/// table-scope rules). Text fields are computed once per row and kept as scalar arrays for the lexicons.
final class EvaluationContext {
    let document: Document
    let table: GoalTable
    let row: IndicatorRow?
    let runtime: RuleRuntime
    var unitClasses: Lexicon? { runtime.unitClasses }
    /// Words that matched `containsAny` tests on the way to a positive answer, for `{matched}` in messages.
    var matched: [String] = []

    private var textCache: [Field: String] = [:]
    private var scalarCache: [Field: [Unicode.Scalar]] = [:]
    private let basisFilledCount: Int

    init(document: Document, table: GoalTable, row: IndicatorRow?, runtime: RuleRuntime, basisFilledCount: Int) {
        self.document = document
        self.table = table
        self.row = row
        self.runtime = runtime
        self.basisFilledCount = basisFilledCount
    }

    /// The field as text; nil when it has no value (no unit, no comparator, no row).
    func text(_ field: Field) -> String? {
        if let cached = textCache[field] { return cached }
        let value = computeText(field)
        if let value { textCache[field] = value }
        return value
    }

    /// The field as scalars (empty when missing), for lexicon tests.
    func scalars(_ field: Field) -> [Unicode.Scalar] {
        if let cached = scalarCache[field] { return cached }
        let s = Array((text(field) ?? "").unicodeScalars)
        scalarCache[field] = s
        return s
    }

    func number(_ field: Field) -> Double? {
        switch field {
        case .valueNumber: return row?.value.number
        case .valueUpperNumber: return row?.value.upperNumber
        case .rowIndex: return row.map { Double($0.index) }
        case .tableRowCount: return Double(table.rows.count)
        case .tableBasisFilledCount: return Double(basisFilledCount)
        case .documentYear: return document.budgetYear.map(Double.init)
        case .length(let f): return Double(text(f)?.count ?? 0)
        default: return text(field).flatMap { Double($0) }
        }
    }

    private func computeText(_ field: Field) -> String? {
        switch field {
        case .tableTitle: return table.title.text
        case .tableProject: return table.project
        case .tableGoal: return table.goal.text
        case .tableGoalCore: return EvaluationContext.goalCore(table.goal.raw)
        case .tableGoalResidue:
            return EvaluationContext.remove(runtime.lexicons["goal-filler-words"], from: text(.tableGoalCore) ?? "")
        case .tableKind: return table.kind.rawValue
        case .tableSection: return table.section
        case .documentDepartment: return document.department
        case .documentYear: return document.budgetYear.map(String.init)
        case .tableRowCount: return String(table.rows.count)
        case .tableBasisFilledCount: return String(basisFilledCount)
        case .length(let f): return String(text(f)?.count ?? 0)
        default: break
        }
        guard let row else { return nil }
        switch field {
        case .level1: return row.level1.text
        case .level2: return row.level2.text
        case .name: return row.name.text
        case .nameCore: return EvaluationContext.core(of: row.name.text)
        case .description: return row.description.text
        case .basis: return row.basis.text
        case .valueRaw: return row.value.raw
        case .valueText: return row.value.text
        case .valueComparator: return row.value.comparator?.rawValue
        case .valueNumber: return row.value.number.map { EvaluationContext.format($0) }
        case .valueUpperNumber: return row.value.upperNumber.map { EvaluationContext.format($0) }
        case .valueUnit: return row.value.unit
        case .valueUnitClass: return row.value.unit.flatMap { unitClass(of: $0) }
        case .valueKind: return row.value.kind.rawValue
        case .valueTrailingText: return row.value.trailingText
        case .rowIndex: return String(row.index)
        default: return nil
        }
    }

    /// The class ("money", "count", "percent", "time") of a unit; a compound unit ("元/人", "次/月/村")
    /// takes the class of its first part, since that is what is being counted.
    func unitClass(of unit: String) -> String? {
        guard let lex = unitClasses else { return nil }
        let compact = unit.removingSpaces()
        if let key = lex.key(containing: compact) { return key }
        if let slash = compact.firstIndex(of: "/") {
            return lex.key(containing: String(compact[compact.startIndex..<slash]))
        }
        return nil
    }

    /// A 三级指标 without the decorations that hide its ending: "★★★培训合格率（%）。" → "培训合格率".
    /// Rules that ask "does the name end with 率" must see past them.
    static func core(of name: String) -> String {
        var s = Substring(name.removingSpaces())
        while let first = s.first, "★☆*※".contains(first) { s = s.dropFirst() }
        var changed = true
        while changed {
            changed = false
            while let last = s.last, "。.%％;；,，:：".contains(last) {
                s = s.dropLast()
                changed = true
            }
            if let last = s.last, last == "）" || last == ")" {
                let open: Character = last == "）" ? "（" : "("
                if let i = s.lastIndex(where: { $0 == open || $0 == "（" || $0 == "(" }), i != s.startIndex {
                    s = s[s.startIndex..<i]
                    changed = true
                }
            }
        }
        return String(s)
    }

    /// A goal without its item numbers ("1." "（2）" "一、"), punctuation and spaces: what it says.
    static func goalCore(_ raw: String) -> String {
        var out = ""
        for line in raw.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            var item = Substring(line).drop(while: { $0 == " " || $0 == "\t" || $0 == "\u{3000}" })
            // Item numbers, possibly doubled ("1.1.", "2.2."), in ASCII, full-width or Chinese forms.
            while let first = item.first, first.isNumber || "（(一二三四五六七八九十".contains(first) {
                let rest = item.drop(while: { $0.isNumber || "（(一二三四五六七八九十".contains($0) })
                guard let sep = rest.first, ".．、）)".contains(sep) else { break }
                item = rest.dropFirst()
            }
            out += item
        }
        return String(out.filter { !$0.isWhitespace && !$0.isPunctuation && !"“”\"'《》（）()".contains($0) })
    }

    /// `text` with every word of `lexicon` taken out (longest words first).
    static func remove(_ lexicon: Lexicon?, from text: String) -> String {
        guard let lexicon else { return text }
        var s = text
        for w in lexicon.words.sorted(by: { $0.count > $1.count }) where s.contains(w) {
            s = s.replacingOccurrences(of: w, with: "")
        }
        return s
    }

    /// A number as a message shows it: "100" not "100.0".
    static func format(_ n: Double) -> String {
        if n == n.rounded(), abs(n) < 1e15 { return String(Int64(n)) }
        return String(n)
    }
}

extension String {
    /// The text without its spaces (U+0020 as a character of its own, as Foundation's
    /// `replacingOccurrences(of: " ", with: "")` reads it), without a copy when there is none.
    func removingSpaces() -> String {
        utf8.contains(0x20) ? String(filter { $0 != " " }) : self
    }
}
