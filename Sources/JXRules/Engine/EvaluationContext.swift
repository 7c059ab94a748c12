import Foundation
import JXModel

/// What a condition is evaluated against: one row of one table of one document (the row is nil for
/// table-scope rules).
///
/// Every rule of a run reads the same row, so what rules derive from it is derived here once and shared:
/// field texts and their loose forms (for "is a copy of"), the 一级/二级 labels
/// and dimension, and the answers of named predicates. Caches are arrays indexed by `Field.slot` and
/// predicate number, not dictionaries: a run reads tens of fields of every row.
final class EvaluationContext {
    let document: Document
    let table: GoalTable
    let row: IndicatorRow?
    let runtime: RuleRuntime
    /// Words that matched `containsAny` tests on the way to a positive answer, for `{matched}` in messages.
    var matched: [String] = []

    private let basisFilledCount: Int
    private var fields = [CachedField](repeating: CachedField(), count: Field.slotCount)
    private var predicates: [PredicateAnswer?] = []

    private struct CachedField {
        var text: String?? = nil
        var loose: String? = nil
    }

    /// A named predicate's answer for this row, with the words it matched on the way.
    struct PredicateAnswer {
        var holds: Bool
        var matched: [String]
    }

    init(document: Document, table: GoalTable, row: IndicatorRow?, runtime: RuleRuntime, basisFilledCount: Int) {
        self.document = document
        self.table = table
        self.row = row
        self.runtime = runtime
        self.basisFilledCount = basisFilledCount
    }

    /// The field as text; nil when it has no value (no unit, no comparator, no row).
    func text(_ field: Field) -> String? {
        guard let slot = field.slot else { return computeText(field) }
        if let cached = fields[slot].text { return cached }
        let value = computeText(field)
        fields[slot].text = .some(value)
        return value
    }

    /// The field's `Condition.loose` form, nil when the field has no text.
    func loose(_ field: Field) -> String? {
        guard let slot = field.slot else { return text(field).map(Condition.loose) }
        if let cached = fields[slot].loose { return cached }
        guard let t = text(field) else { return nil }
        let l = Condition.loose(t)
        fields[slot].loose = l
        return l
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

    /// The answer of predicate number `id`, if it was asked before for this row.
    func predicateAnswer(_ id: Int) -> PredicateAnswer? {
        id < predicates.count ? predicates[id] : nil
    }

    func remember(_ answer: PredicateAnswer, forPredicate id: Int) {
        if id >= predicates.count { predicates += repeatElement(nil, count: id + 1 - predicates.count) }
        predicates[id] = answer
    }

    // MARK: Row facts for the built-in rules

    /// The row's 一级 label as `Levels.core` reads it ("" without a row).
    private(set) lazy var level1Core: String = Levels.core(row?.level1.text ?? "")
    /// The row's 二级 label as `Levels.core` reads it.
    private(set) lazy var level2Core: String = Levels.core(row?.level2.text ?? "")
    /// The 二级 dimension the row stands under (see `Levels.dimension`).
    private(set) lazy var dimension: String? = Levels.dimension(level1Core: level1Core, level2Core: level2Core)

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
        case .valueUnitClass: return row.value.unit.flatMap { EvaluationContext.unitClass(of: $0, in: runtime.unitClasses) }
        case .valueKind: return row.value.kind.rawValue
        case .valueTrailingText: return row.value.trailingText
        case .rowIndex: return String(row.index)
        default: return nil
        }
    }

    /// The class ("money", "count", "percent", "time") of a unit; a compound unit ("元/人", "次/月/村")
    /// takes the class of its first part, since that is what is being counted.
    static func unitClass(of unit: String, in classes: Lexicon?) -> String? {
        guard let lex = classes else { return nil }
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
        PlainText.isPlain(raw) ? plainGoalCore(raw) : characterGoalCore(raw)
    }

    /// `goalCore` of plain text: one scalar per character, so the same walk over scalars, without grapheme
    /// breaking.
    static func plainGoalCore(_ raw: String) -> String {
        String(String.UnicodeScalarView(goalCore(lines: raw.unicodeScalars.split(separator: "\n"))))
    }

    /// `goalCore` of any text, character by character.
    static func characterGoalCore(_ raw: String) -> String {
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

    /// `goalCore` over the scalars of plain text (see `PlainText`).
    private static func goalCore<Line: Collection>(lines: [Line]) -> [Unicode.Scalar]
    where Line.Element == Unicode.Scalar, Line.SubSequence == Line {
        let itemNumber: [Unicode.Scalar] = ["（", "(", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
        let separators: [Unicode.Scalar] = [".", "．", "、", "）", ")"]
        let dropped: [Unicode.Scalar] = ["“", "”", "\"", "'", "《", "》", "（", "）", "(", ")"]
        func isNumber(_ s: Unicode.Scalar) -> Bool { s.properties.numericType != nil }
        var out: [Unicode.Scalar] = []
        for line in lines {
            var item = line.drop(while: { $0 == " " || $0 == "\t" || $0 == "\u{3000}" })
            while let first = item.first, isNumber(first) || itemNumber.contains(first) {
                let rest = item.drop(while: { isNumber($0) || itemNumber.contains($0) })
                guard let sep = rest.first, separators.contains(sep) else { break }
                item = rest.dropFirst()
            }
            out += item.filter { s in
                !s.properties.isWhitespace && !s.properties.generalCategory.isPunctuation && !dropped.contains(s)
            }
        }
        return out
    }

    /// `text` with every word of `lexicon` taken out (longest words first).
    static func remove(_ lexicon: Lexicon?, from text: String) -> String {
        guard let lexicon else { return text }
        if let plainWords = lexicon.plainWordsLongestFirst, PlainText.isPlain(text) {
            var bytes = Array(text.utf8)
            for w in plainWords { bytes = PlainText.removing(w, from: bytes) }
            return String(decoding: bytes, as: UTF8.self)
        }
        var s = text
        for w in lexicon.wordsLongestFirst where s.contains(w) {
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

/// The evaluation contexts of one table, shared by every table rule: one for the table and one per row.
final class TableContexts {
    let document: Document
    let table: GoalTable
    let runtime: RuleRuntime
    /// The context of table-scope conditions (no row).
    let tableContext: EvaluationContext
    /// One context per row, in row order.
    let rows: [EvaluationContext]

    init(document: Document, table: GoalTable, runtime: RuleRuntime) {
        self.document = document
        self.table = table
        self.runtime = runtime
        let filled = table.rows.reduce(0) { $0 + ($1.basis.isEmpty ? 0 : 1) }
        tableContext = EvaluationContext(document: document, table: table, row: nil, runtime: runtime,
                                         basisFilledCount: filled)
        rows = table.rows.map {
            EvaluationContext(document: document, table: table, row: $0, runtime: runtime, basisFilledCount: filled)
        }
    }
}

extension String {
    /// The text without its spaces (U+0020 as a character of its own, as Foundation's
    /// `replacingOccurrences(of: " ", with: "")` reads it), without a copy when there is none.
    func removingSpaces() -> String {
        utf8.contains(0x20) ? String(filter { $0 != " " }) : self
    }
}
