import Foundation
import JXModel

/// What a condition is evaluated against: one row of one table of one document (the row is nil for
/// table-scope rules).
///
/// Every rule of a run reads the same row, so what rules derive from it is derived here once and shared by
/// all of them: the row's field texts and their loose forms (for "is a copy of"), the 一级/二级 label cores
/// and the dimension. Row fields are derived when the context is made, because the built-in rules read
/// nearly all of them on every row; the context is then immutable, so reading a field is an array read with
/// no cache check and no exclusivity check. Table fields, some of them costly (goal core) and read by few
/// rules, are derived on first use, once per table, in the `TableFields` every context of the table shares.
/// What changes during an evaluation (predicate answers, the word matched) lives in an `EvaluationState`.
final class EvaluationContext {
    /// The document, table and row are read through the table's shared `TableFields` rather than stored:
    /// each row context kept its own copies, and making and freeing those (dozens of strings retained and
    /// released per row) cost about as much as deriving the row's fields.
    var document: Document { tableFields.document }
    var table: GoalTable { tableFields.table }
    var runtime: RuleRuntime { tableFields.runtime }
    /// The row (a copy out of the table; nil for the table's own context).
    var row: IndicatorRow? {
        guard let position, tableFields.table.rows.indices.contains(position) else { return nil }
        return tableFields.table.rows[position]
    }
    /// Whether the context is a row's (`row` is not nil), without copying the row out.
    var hasRow: Bool { position != nil }
    /// The row's position in `table.rows`; nil for the table's context.
    private let position: Int?
    /// The table's shared fields. Code that hands the document or table on (to make a finding) reads them
    /// here, in place: the `document` and `table` properties return copies, every string retained and released.
    let tableFields: TableFields
    /// Text of each row field, by `Field.slot`, with the loose form and plainness of the fields rules
    /// compare (see `RowFieldNeeds`); empty without a row. One array, one allocation per row.
    private let rowFields: [RowFieldText]
    /// The row's parsed numbers and index, for `number(_:)` without a copy of the row.
    private let valueNumber: Double?
    private let valueUpperNumber: Double?
    private let index: Int?
    /// The kind of the row's value (nil without a row), for rules that sort rows by it.
    let valueKind: ValueKind?
    /// What rules read of the row's 一级/二级 labels (of two empty labels without a row).
    let labels: RowLabels
    /// The row's 一级 label as `Levels.core` reads it ("" without a row).
    var level1Core: String { labels.level1Core }
    /// The row's 二级 label as `Levels.core` reads it.
    var level2Core: String { labels.level2Core }
    /// The 二级 dimension the row stands under (see `Levels.dimension`).
    var dimension: Dimension? { labels.dimension }

    /// A row field's text and what tests derive from it.
    private struct RowFieldText {
        /// Whether `text` is the field's text; when not, the field is a number, formatted when read (see
        /// `numberText`).
        let held: Bool
        let text: String?
        /// Whether `loose` and `plain` were derived (the field is in the rules' `RowFieldNeeds`).
        let derived: Bool
        /// `Condition.loose` of the text.
        let loose: String?
        /// Whether the text (and so its loose form) is plain (see `PlainText`): tests that compare texts
        /// read it here instead of scanning the text once per test. True without a text.
        let plain: Bool
    }

    /// The context of row `position` of the table, or of the table itself (nil). `labels` remembers the
    /// label cores of the table's rows so far.
    init(position: Int?, tableFields: TableFields, needs: RowFieldNeeds, labels: inout LabelMemo) {
        self.tableFields = tableFields
        let rows = tableFields.table.rows
        if let position, rows.indices.contains(position) {
            self.position = position
            // The row is read field by field through a pointer into the array: a copy of the row (which
            // reading `rows[position]` made, once per context) retained and released its dozen strings.
            var read = RowRead()
            rows.withUnsafeBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                EvaluationContext.read(row: base + position, needs: needs, unitClasses: tableFields.unitClasses,
                                       labels: &labels, into: &read)
            }
            rowFields = read.fields
            valueNumber = read.valueNumber
            valueUpperNumber = read.valueUpperNumber
            index = read.index
            valueKind = read.valueKind
            self.labels = read.labels ?? labels.labels("", "")
        } else {
            self.position = nil
            rowFields = []
            valueNumber = nil
            valueUpperNumber = nil
            index = nil
            valueKind = nil
            self.labels = labels.labels("", "")
        }
    }

    /// The field as text; nil when it has no value (no unit, no comparator, no row).
    func text(_ field: Field) -> String? {
        if let slot = field.slot { return text(slot: slot) }
        return computeText(field)
    }

    /// The text of the field with this slot.
    func text(slot: Int) -> String? {
        if slot < Field.rowSlotCount {
            guard rowFields.indices.contains(slot) else { return nil }
            return rowFields[slot].held ? rowFields[slot].text : numberText(slot: slot)
        }
        return tableFields.text(slot: slot)
    }

    /// The row fields that are numbers the context keeps (value.number, value.upperNumber, row.index).
    /// Rules read them as numbers (`number(_:)`), so their texts are formatted only when read, unless a
    /// test compares them as texts: formatting every row's numbers up front cost more than any rule read.
    private static func isNumber(_ field: Field) -> Bool {
        switch field {
        case .valueNumber, .valueUpperNumber, .rowIndex: return true
        default: return false
        }
    }

    /// The text of a number field (see `isNumber`), as `rowText` makes it.
    private func numberText(slot: Int) -> String? {
        switch Field.bySlot(slot) {
        case .valueNumber?: return valueNumber.map { EvaluationContext.format($0) }
        case .valueUpperNumber?: return valueUpperNumber.map { EvaluationContext.format($0) }
        case .rowIndex?: return index.map { String($0) }
        default: return nil
        }
    }

    /// Whether the field's text (and so its loose form) is plain: recorded for row fields, scanned for the
    /// rest. Without a text, true (there is nothing to compare).
    func isPlain(_ field: Field) -> Bool {
        if let slot = field.slot { return isPlain(slot: slot) }
        return text(field).map(PlainText.isPlain) ?? true
    }

    /// `isPlain` of the field with this slot.
    func isPlain(slot: Int) -> Bool {
        if rowFields.indices.contains(slot), rowFields[slot].derived { return rowFields[slot].plain }
        return text(slot: slot).map(PlainText.isPlain) ?? true
    }

    /// The field's `Condition.loose` form, nil when the field has no text.
    func loose(_ field: Field) -> String? {
        if let slot = field.slot { return loose(slot: slot) }
        return text(field).map(Condition.loose)
    }

    /// `loose` of the field with this slot.
    func loose(slot: Int) -> String? {
        if rowFields.indices.contains(slot), rowFields[slot].derived { return rowFields[slot].loose }
        return text(slot: slot).map(Condition.loose)
    }

    func number(_ field: Field) -> Double? {
        switch field {
        case .valueNumber: return valueNumber
        case .valueUpperNumber: return valueUpperNumber
        case .rowIndex: return index.map(Double.init)
        case .tableRowCount: return Double(tableFields.table.rows.count)
        case .tableBasisFilledCount: return Double(tableFields.basisFilledCount)
        case .documentYear: return tableFields.document.budgetYear.map(Double.init)
        case .length(let f): return Double(length(f))
        default: return text(field).flatMap { Double($0) }
        }
    }

    /// What a row context keeps of its row (see `read`).
    private struct RowRead {
        var fields: [RowFieldText] = []
        var valueNumber: Double?
        var valueUpperNumber: Double?
        var index: Int?
        var valueKind: ValueKind?
        var labels: RowLabels?
    }

    /// Reads what a row context keeps of the row at `row`.
    private static func read(row: UnsafePointer<IndicatorRow>, needs: RowFieldNeeds, unitClasses: Lexicon?,
                             labels: inout LabelMemo, into read: inout RowRead) {
        var fields: [RowFieldText] = []
        fields.reserveCapacity(Field.rowSlotCount)
        for (slot, field) in zip(0..., Field.rowFields) {
            if !needs.derives(slot), EvaluationContext.isNumber(field) {
                fields.append(RowFieldText(held: false, text: nil, derived: false, loose: nil, plain: true))
                continue
            }
            let text = EvaluationContext.rowText(field, of: row, unitClasses: unitClasses)
            if needs.derives(slot) {
                let derived = text.map(Condition.looseAndPlain)
                fields.append(RowFieldText(held: true, text: text, derived: true, loose: derived?.loose,
                                           plain: derived?.plain ?? true))
            } else {
                fields.append(RowFieldText(held: true, text: text, derived: false, loose: nil, plain: true))
            }
        }
        read.fields = fields
        read.valueNumber = row.pointee.value.number
        read.valueUpperNumber = row.pointee.value.upperNumber
        read.index = row.pointee.index
        read.valueKind = row.pointee.value.kind
        read.labels = labels.labels(row.pointee.level1.text, row.pointee.level2.text)
    }

    /// The text of a row field (a slot below `Field.rowSlotCount`), read in place.
    private static func rowText(_ field: Field, of row: UnsafePointer<IndicatorRow>, unitClasses: Lexicon?) -> String? {
        switch field {
        case .level1: return row.pointee.level1.text
        case .level2: return row.pointee.level2.text
        case .name: return row.pointee.name.text
        case .nameCore: return EvaluationContext.core(of: row.pointee.name.text)
        case .description: return row.pointee.description.text
        case .basis: return row.pointee.basis.text
        case .valueRaw: return row.pointee.value.raw
        case .valueText: return row.pointee.value.text
        case .valueComparator: return row.pointee.value.comparator?.rawValue
        case .valueNumber: return row.pointee.value.number.map { EvaluationContext.format($0) }
        case .valueUpperNumber: return row.pointee.value.upperNumber.map { EvaluationContext.format($0) }
        case .valueUnit: return row.pointee.value.unit
        case .valueUnitClass: return row.pointee.value.unit.flatMap { EvaluationContext.unitClass(of: $0, in: unitClasses) }
        case .valueKind: return row.pointee.value.kind.rawValue
        case .valueTrailingText: return row.pointee.value.trailingText
        case .rowIndex: return String(row.pointee.index)
        default: return nil
        }
    }

    /// Texts of the table and document fields (slots from `Field.rowSlotCount` on) and of `.length` forms.
    fileprivate static func tableText(_ field: Field, of fields: TableFields) -> String? {
        let table = fields.table, document = fields.document
        switch field {
        case .tableTitle: return table.title.text
        case .tableProject: return table.project
        case .tableGoal: return table.goal.text
        case .tableGoalCore: return EvaluationContext.goalCore(table.goal.raw)
        case .tableGoalResidue:
            return EvaluationContext.remove(fields.runtime.lexicons["goal-filler-words"],
                                            from: fields.text(slot: Field.tableGoalCore.slot ?? 0) ?? "")
        case .tableKind: return table.kind.rawValue
        case .tableSection: return table.section
        case .documentDepartment: return document.department
        case .documentYear: return document.budgetYear.map(String.init)
        case .tableRowCount: return String(table.rows.count)
        case .tableBasisFilledCount: return String(fields.basisFilledCount)
        default: return nil
        }
    }

    /// Fields without a slot: the `.length` forms.
    private func computeText(_ field: Field) -> String? {
        if case .length(let f) = field { return String(length(f)) }
        return nil
    }

    /// The field's length in characters (0 without a text). A table field's length is counted once per table
    /// (see `TableFields.length`).
    private func length(_ field: Field) -> Int {
        if let slot = field.slot, slot >= Field.rowSlotCount { return tableFields.length(slot: slot) }
        return text(field).map(EvaluationContext.characterCount) ?? 0
    }

    /// `s.count`. Plain text (see `PlainText`) has one character per scalar, so its scalars are counted from
    /// the UTF-8 lead bytes without grapheme breaking: `table.goal.length` counted whole goals per table.
    static func characterCount(_ s: String) -> Int {
        guard PlainText.isPlain(s) else { return s.count }
        var n = 0
        for b in s.utf8 where b & 0xC0 != 0x80 { n += 1 }
        return n
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
        let s = name.removingSpaces()
        return PlainText.isPlain(s) ? plainCore(of: s) : characterCore(of: s)
    }

    /// `core(of:)` of plain text (spaces removed): one scalar per character, so the same walk over scalars,
    /// without grapheme breaking, and no copy when there is nothing to take off (most names).
    static func plainCore(of s: String) -> String {
        let v = s.unicodeScalars
        var start = v.startIndex, end = v.endIndex
        while start < end, isDecoration(v[start]) { start = v.index(after: start) }
        var changed = true
        while changed {
            changed = false
            while start < end, isTrailingMark(v[v.index(before: end)]) {
                end = v.index(before: end)
                changed = true
            }
            if start < end {
                let last = v[v.index(before: end)]
                if last == "）" || last == ")" {
                    if let i = v[start..<end].lastIndex(where: { $0 == "（" || $0 == "(" }), i != start {
                        end = i
                        changed = true
                    }
                }
            }
        }
        if start == v.startIndex && end == v.endIndex { return s }
        return String(v[start..<end])
    }

    /// The scalars `plainCore` takes off the front ("★☆*※") and the end ("。.%％;；,，:："), by a switch:
    /// searching a literal's scalars for each one cost more than the rest of the walk.
    private static func isDecoration(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "★", "☆", "*", "※": return true
        default: return false
        }
    }

    private static func isTrailingMark(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "。", ".", "%", "％", ";", "；", ",", "，", ":", "：": return true
        default: return false
        }
    }

    /// `core(of:)` of any text (spaces removed), character by character.
    static func characterCore(of name: String) -> String {
        var s = Substring(name)
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
    /// breaking. The walk reads the UTF-8 bytes in place (a plain scalar is one byte, or three) and copies
    /// each run of kept scalars as bytes: decoding the goal into an array of scalars and encoding the kept
    /// ones back one by one cost more than deciding what to keep.
    static func plainGoalCore(_ raw: String) -> String {
        raw.withUTF8Bytes { u in
            var bytes: [UInt8] = []
            bytes.reserveCapacity(u.count)
            var start = 0
            while start < u.count {
                var end = start
                while end < u.count, u[end] != 0x0A { end += 1 }  // "\n"
                appendGoalCore(of: u, line: start..<end, to: &bytes)
                start = end + 1
            }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// The scalar of plain text (see `PlainText`) that starts at byte `i`, and its length in bytes, within
    /// `end`. (Plain text is one byte per ASCII scalar and three per other scalar; anything else is read
    /// as one byte of U+FFFD, which no caller sees.)
    private static func plainScalar(_ u: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) -> (Unicode.Scalar, Int) {
        let b = u[i]
        if b < 0x80 { return (Unicode.Scalar(b), 1) }
        guard b & 0xF0 == 0xE0, i + 2 < end else { return ("\u{FFFD}", 1) }
        let v = UInt32(b & 0x0F) << 12 | UInt32(u[i + 1] & 0x3F) << 6 | UInt32(u[i + 2] & 0x3F)
        return (Unicode.Scalar(v) ?? "\u{FFFD}", 3)
    }

    /// Appends the UTF-8 bytes of what one line of a plain goal keeps (see `characterGoalCore`).
    private static func appendGoalCore(of u: UnsafeBufferPointer<UInt8>, line: Range<Int>, to bytes: inout [UInt8]) {
        let end = line.upperBound
        var i = line.lowerBound
        while i < end {
            let (s, n) = plainScalar(u, at: i, end: end)
            guard s == " " || s == "\t" || s == "\u{3000}" else { break }
            i += n
        }
        // Item numbers, possibly doubled ("1.1.", "2.2."): a run of numerals or brackets, then a separator.
        while i < end, isItemNumber(plainScalar(u, at: i, end: end).0) {
            var j = i
            while j < end {
                let (s, n) = plainScalar(u, at: j, end: end)
                guard isItemNumber(s) else { break }
                j += n
            }
            guard j < end else { break }
            let (separator, n) = plainScalar(u, at: j, end: end)
            guard isItemSeparator(separator) else { break }
            i = j + n
        }
        // Kept scalars are copied a run at a time.
        var run = i
        while i < end {
            let (s, n) = plainScalar(u, at: i, end: end)
            if !isKeptInGoalCore(s) {
                if run < i, let base = u.baseAddress { bytes.append(contentsOf: UnsafeBufferPointer(start: base + run, count: i - run)) }
                run = i + n
            }
            i += n
        }
        if run < end, let base = u.baseAddress { bytes.append(contentsOf: UnsafeBufferPointer(start: base + run, count: end - run)) }
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

    private static func isItemNumber(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "（", "(", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十": return true
        default: return s.properties.numericType != nil
        }
    }

    private static func isItemSeparator(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case ".", "．", "、", "）", ")": return true
        default: return false
        }
    }

    /// Whether a goal's core keeps the scalar: not white space, punctuation, quotes, 《》 or brackets.
    private static func isKeptInGoalCore(_ s: Unicode.Scalar) -> Bool {
        // CJK ideographs (most of a goal) are letters: kept without a property lookup.
        if (0x4E00...0x9FFF).contains(s.value) || (0x3400...0x4DBF).contains(s.value) { return true }
        switch s {
        case "“", "”", "\"", "'", "《", "》", "（", "）", "(", ")": return false
        // The punctuation goals are full of (all general category Po), without the property lookups.
        case "，", "。", "、", "；", "：", "！", "？": return false
        default: return !s.properties.isWhitespace && !s.properties.generalCategory.isPunctuation
        }
    }

    /// `text` with every word of `lexicon` taken out (longest words first).
    static func remove(_ lexicon: Lexicon?, from text: String) -> String {
        guard let lexicon else { return text }
        if let plainWords = lexicon.plainWordsLongestFirst, PlainText.isPlain(text) {
            // Most words do not occur (40 filler words, for every goal), and searching the whole text for
            // each was most of the cost. A word occurs only if each of its scalars is in the text, before
            // and after removals (which only bring together what was there), so a word with a scalar
            // surely missing from `present` is not searched for.
            let present = ScalarBits(text)
            var bytes = Array(text.utf8)
            for k in plainWords.indices where present.holdsAll(lexicon.scalarBits(ofWord: k)) {
                bytes = PlainText.removing(plainWords[k], from: bytes)
            }
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

/// Which scalars a text may hold: 1,024 bits, one per value of a scalar's low ten bits. A filter: a bit
/// set for a scalar may stand for another with the same low bits, but a scalar of the text always has its
/// bit set.
struct ScalarBits {
    private var words = [UInt64](repeating: 0, count: 16)

    /// The bit of a scalar (0..<1024).
    static func position(of s: Unicode.Scalar) -> Int { Int(s.value & 1023) }

    init(_ text: String) {
        for s in text.unicodeScalars {
            let p = ScalarBits.position(of: s)
            words[p >> 6] |= 1 << UInt64(p & 63)
        }
    }

    /// False when a scalar with one of these bits is surely not in the text.
    func holdsAll(_ positions: ArraySlice<Int>) -> Bool {
        for p in positions where p >= 0 && p < 1024 && words[p >> 6] & (1 << UInt64(p & 63)) == 0 { return false }
        return true
    }
}

/// The table and document fields of one table, derived on first use and shared by every context of the
/// table (few rules read them, and the goal's core is costly).
final class TableFields {
    let document: Document
    let table: GoalTable
    let runtime: RuleRuntime
    /// Rows with a 指标值确定依据.
    let basisFilledCount: Int
    /// The "unit-classes" lexicon, looked up once per table rather than once per row.
    let unitClasses: Lexicon?
    private var cache = [String??](repeating: nil, count: Field.slotCount - Field.rowSlotCount)
    private var lengths = [Int?](repeating: nil, count: Field.slotCount - Field.rowSlotCount)

    init(document: Document, table: GoalTable, runtime: RuleRuntime) {
        self.document = document
        self.table = table
        self.runtime = runtime
        basisFilledCount = table.rows.reduce(0) { $0 + ($1.basis.isEmpty ? 0 : 1) }
        unitClasses = runtime.unitClasses
    }

    /// `EvaluationContext.characterCount` of the table or document field with this slot (0 without a text),
    /// counted once per table: table-scope rules read "table.goal.length" and the like in several tests, and
    /// each count scanned the whole goal.
    func length(slot: Int) -> Int {
        let i = slot - Field.rowSlotCount
        guard lengths.indices.contains(i) else { return text(slot: slot).map(EvaluationContext.characterCount) ?? 0 }
        if let n = lengths[i] { return n }
        let n = text(slot: slot).map(EvaluationContext.characterCount) ?? 0
        lengths[i] = n
        return n
    }

    /// The text of the table or document field with this slot.
    func text(slot: Int) -> String? {
        let i = slot - Field.rowSlotCount
        guard cache.indices.contains(i), let field = Field.bySlot(slot) else { return nil }
        if let cached = cache[i] { return cached }
        let value = EvaluationContext.tableText(field, of: self)
        cache[i] = .some(value)
        return value
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
    /// Answers kept per label pair across the document's tables (see `PairAnswers`).
    let pairAnswers: PairAnswers

    /// `labels` remembers label cores from table to table (a document's tables share their labels).
    init(document: Document, table: GoalTable, runtime: RuleRuntime, needs: RowFieldNeeds, labels: inout LabelMemo) {
        self.document = document
        self.table = table
        self.runtime = runtime
        let fields = TableFields(document: document, table: table, runtime: runtime)
        tableContext = EvaluationContext(position: nil, tableFields: fields, needs: needs, labels: &labels)
        var rows: [EvaluationContext] = []
        rows.reserveCapacity(table.rows.count)
        for i in table.rows.indices {
            rows.append(EvaluationContext(position: i, tableFields: fields, needs: needs, labels: &labels))
        }
        self.rows = rows
        pairAnswers = labels.answers
    }
}

/// The `RowLabels` of the label pairs met so far (in one document).
///
/// A document's tables use a few dozen label pairs over hundreds of rows; a pair already seen is found by
/// comparing bytes (equal bytes are equal texts, so the answer is the same), which costs less than deriving
/// the cores and the dimension again on every row.
struct LabelMemo {
    /// The pairs' texts and what was derived from them, by position (separate arrays: looking through
    /// entries of a tuple array copied each entry, strings retained and released).
    private var level1s: [String] = []
    private var level2s: [String] = []
    private var derived: [RowLabels] = []
    /// Past this many pairs the document is unusual; new pairs are then derived without being kept.
    private static let limit = 64

    mutating func labels(_ level1: String, _ level2: String) -> RowLabels {
        // The 二级 label tells most pairs apart: it is compared first.
        for i in level2s.indices where PlainText.sameBytes(level2s[i], level2) && PlainText.sameBytes(level1s[i], level1) {
            return derived[i]
        }
        var labels = RowLabels(level1: level1, level2: level2)
        if level2s.count < LabelMemo.limit {
            labels.pair = derived.count
            level1s.append(level1)
            level2s.append(level2)
            derived.append(labels)
        }
        return labels
    }

    /// What rules worked out per label pair of the document so far (shared by every table's contexts).
    let answers = PairAnswers()
}

/// Answers rules work out from a label pair alone, kept by `RowLabels.pair` from table to table of one
/// document: a document's tables repeat the same few dozen pairs, mostly one row each per table.
final class PairAnswers {
    /// Which indicator frameworks allow the pair (by framework position; see `HierarchyInvalidRule`, of which
    /// an engine has one).
    private var frameworkFits: [[Bool]?] = []

    func frameworkFits(pair: Int) -> [Bool]? {
        frameworkFits.indices.contains(pair) ? frameworkFits[pair] : nil
    }

    func setFrameworkFits(_ fits: [Bool], pair: Int) {
        guard pair >= 0 else { return }
        while frameworkFits.count <= pair { frameworkFits.append(nil) }
        frameworkFits[pair] = fits
    }
}

/// The row fields whose loose form and plainness a context derives when it is made: the fields the rules
/// compare (`equals`, `in`, `equalsField` …) and the ones structural rules group rows by. Deriving them for
/// all sixteen fields of every row cost more than the tests that read them; a field not listed is derived
/// on demand, at each read (the answer is the same).
struct RowFieldNeeds: Sendable {
    /// Bit `slot` is set for each field derived up front.
    private var slots: UInt64 = 0

    /// Name, description and value text: duplicate-row and value-template-uniform compare their loose forms.
    static let structural = RowFieldNeeds([.name, .description, .valueText])

    init(_ fields: [Field] = []) {
        for f in fields { add(f) }
    }

    mutating func add(_ field: Field) {
        if let slot = field.slot, slot < Field.rowSlotCount { slots |= 1 << UInt64(slot) }
    }

    mutating func formUnion(_ other: RowFieldNeeds) { slots |= other.slots }

    func derives(_ slot: Int) -> Bool { slot >= 0 && slot < 64 && slots & (1 << UInt64(slot)) != 0 }
}

extension String {
    /// The text without its spaces (U+0020 as a character of its own, as Foundation's
    /// `replacingOccurrences(of: " ", with: "")` reads it), without a copy when there is none (most cells:
    /// the byte scan over the contiguous UTF-8 is what almost every call costs).
    func removingSpaces() -> String {
        let hasSpace = withUTF8Bytes { PlainText.containsSpace($0) }
        return hasSpace ? String(filter { $0 != " " }) : self
    }
}
