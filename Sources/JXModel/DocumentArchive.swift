/// A compact binary form of a parsed `Document`, for setting documents aside between the two passes of a
/// run (see `check`'s reader): reading a document back from it costs a fraction of parsing its text again.
///
/// The form is private to one run of one build: no version promise, no byte-order concern (written and
/// read by the same process). Reading never trusts it, though: any truncation or damage makes `decode`
/// return nil (the caller then parses the text again), and strings are validated UTF-8 whatever the bytes.
///
/// Layout: integers as LEB128 varints (zigzag for the signed ones), doubles as their 8-byte bit pattern,
/// strings as a byte count and their UTF-8, optionals behind a 0/1 byte, enums by their position in
/// `allCases`. A `CellText` whose raw and normalised text are the same (most cells) stores it once.
public enum DocumentArchive {
    /// Appends the archived form of `document` to `bytes`.
    public static func encode(_ document: Document, into bytes: inout [UInt8]) {
        var w = Writer(bytes: bytes)
        bytes = []   // `w` holds the only reference, so appending does not copy
        w.byte(formatMark)
        w.string(document.path)
        w.optional(document.department) { w, v in w.string(v) }
        w.optional(document.budgetYear) { w, v in w.int(v) }
        w.int(document.lineCount)
        w.int(document.byteCount)
        w.optional(document.encodingRepair) { w, v in
            w.int(v.replacedSequences)
            w.int(v.firstLine)
        }
        w.count(document.tables.count)
        for table in document.tables { w.table(table) }
        bytes = w.bytes
    }

    /// The document archived in `bytes` (exactly one, as `encode` wrote it); nil when they are not that.
    public static func decode(_ bytes: UnsafeRawBufferPointer) -> Document? {
        var r = Reader(bytes: bytes.bindMemory(to: UInt8.self))
        do throws(Damaged) {
            guard try r.byte() == formatMark else { return nil }
            let path = try r.string()
            let department = try r.optional { r throws(Damaged) in try r.string() }
            let budgetYear = try r.optional { r throws(Damaged) in try r.int() }
            let lineCount = try r.int()
            let byteCount = try r.int()
            let repair = try r.optional { r throws(Damaged) in
                EncodingRepair(replacedSequences: try r.int(), firstLine: try r.int())
            }
            let tableCount = try r.count()
            var tables: [GoalTable] = []
            tables.reserveCapacity(tableCount)
            for _ in 0..<tableCount { tables.append(try r.table()) }
            guard r.atEnd else { return nil }
            return Document(path: path, department: department, budgetYear: budgetYear, tables: tables,
                            lineCount: lineCount, byteCount: byteCount, encodingRepair: repair)
        } catch {
            return nil
        }
    }

    /// The first byte of every archive: a reader handed something else stops at once.
    private static let formatMark: UInt8 = 0xA7

    struct Damaged: Error {}

    private enum Cases {
        static let tableKinds = GoalTableKind.allCases
        static let layouts = SourceLayout.allCases
        static let defectKinds = ParseDefect.Kind.allCases
        static let comparators = Comparator.allCases
        static let valueKinds = ValueKind.allCases
    }

    // MARK: - Writing

    struct Writer {
        var bytes: [UInt8]

        mutating func byte(_ b: UInt8) { bytes.append(b) }

        mutating func unsigned(_ value: UInt64) {
            var v = value
            while v >= 0x80 {
                bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
                v >>= 7
            }
            bytes.append(UInt8(v))
        }

        /// Zigzag, so that small negative numbers stay short too.
        mutating func int(_ value: Int) {
            let v = Int64(value)
            unsigned(UInt64(bitPattern: (v << 1) ^ (v >> 63)))
        }

        /// A count of things that follow (read by `Reader.count`).
        mutating func count(_ n: Int) { unsigned(UInt64(n)) }

        mutating func double(_ value: Double) {
            var bits = value.bitPattern
            for _ in 0..<8 {
                bytes.append(UInt8(truncatingIfNeeded: bits))
                bits >>= 8
            }
        }

        mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

        mutating func string(_ value: String) {
            var s = value
            s.withUTF8 { utf8 in
                unsigned(UInt64(utf8.count))
                bytes.append(contentsOf: utf8)
            }
        }

        mutating func optional<T>(_ value: T?, _ write: (inout Writer, T) -> Void) {
            if let value {
                byte(1)
                write(&self, value)
            } else {
                byte(0)
            }
        }

        /// An enum case by its position in `cases` (the type's `allCases`, kept once: synthesised
        /// `allCases` makes a new array on every call).
        mutating func code<E: Equatable>(_ value: E, in cases: [E]) {
            byte(UInt8(truncatingIfNeeded: cases.firstIndex(of: value) ?? cases.count))
        }

        /// Raw and normalised text, the text once when they are the same.
        mutating func cell(_ cell: CellText) {
            if cell.raw == cell.text {
                byte(0)
                string(cell.text)
            } else {
                byte(1)
                string(cell.raw)
                string(cell.text)
            }
        }

        mutating func table(_ table: GoalTable) {
            code(table.kind, in: Cases.tableKinds)
            code(table.layout, in: Cases.layouts)
            int(table.index)
            optional(table.printedNumber) { w, v in w.string(v) }
            cell(table.title)
            string(table.project)
            cell(table.goal)
            int(table.line)
            string(table.section)
            count(table.rows.count)
            for row in table.rows { self.row(row) }
            count(table.defects.count)
            for defect in table.defects {
                code(defect.kind, in: Cases.defectKinds)
                int(defect.line)
                string(defect.evidence)
                int(defect.expectedCells)
                int(defect.foundCells)
            }
        }

        mutating func row(_ row: IndicatorRow) {
            int(row.line)
            int(row.index)
            cell(row.level1)
            cell(row.level2)
            cell(row.name)
            cell(row.description)
            value(row.value)
            cell(row.basis)
            bool(row.level1CarriedOver)
            bool(row.level2CarriedOver)
            optional(row.grades) { w, g in
                w.cell(g.excellent)
                w.cell(g.good)
                w.cell(g.fair)
                w.cell(g.poor)
            }
            count(row.extra.count)
            for extra in row.extra {
                string(extra.label)
                cell(extra.value)
            }
        }

        mutating func value(_ value: IndicatorValue) {
            cell(CellText(raw: value.raw, text: value.text))
            optional(value.comparator) { w, v in w.code(v, in: Cases.comparators) }
            optional(value.number) { w, v in w.double(v) }
            optional(value.upperNumber) { w, v in w.double(v) }
            optional(value.unit) { w, v in w.string(v) }
            code(value.kind, in: Cases.valueKinds)
            optional(value.trailingText) { w, v in w.string(v) }
        }
    }

    // MARK: - Reading

    struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0

        var atEnd: Bool { position == bytes.count }

        mutating func byte() throws(Damaged) -> UInt8 {
            guard position < bytes.count else { throw Damaged() }
            defer { position += 1 }
            return bytes[position]
        }

        mutating func unsigned() throws(Damaged) -> UInt64 {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                let b = try byte()
                guard shift < 64 else { throw Damaged() }
                value |= UInt64(b & 0x7F) << shift
                if b < 0x80 { return value }
                shift += 7
            }
        }

        mutating func int() throws(Damaged) -> Int {
            let z = try unsigned()
            let v = Int64(bitPattern: z >> 1) ^ -Int64(bitPattern: z & 1)
            guard let value = Int(exactly: v) else { throw Damaged() }
            return value
        }

        /// A count of things that follow, each at least one byte long: never more than the bytes left, so
        /// that damage cannot ask for a huge allocation.
        mutating func count() throws(Damaged) -> Int {
            let n = try unsigned()
            guard n <= UInt64(bytes.count - position) else { throw Damaged() }
            return Int(n)
        }

        mutating func double() throws(Damaged) -> Double {
            guard bytes.count - position >= 8 else { throw Damaged() }
            var bits: UInt64 = 0
            for k in 0..<8 { bits |= UInt64(bytes[position + k]) << (8 * UInt64(k)) }
            position += 8
            return Double(bitPattern: bits)
        }

        mutating func bool() throws(Damaged) -> Bool {
            switch try byte() {
            case 0: return false
            case 1: return true
            default: throw Damaged()
            }
        }

        mutating func string() throws(Damaged) -> String {
            let n = try count()
            defer { position += n }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[position..<(position + n)]), as: UTF8.self)
        }

        mutating func optional<T>(_ read: (inout Reader) throws(Damaged) -> T) throws(Damaged) -> T? {
            try bool() ? try read(&self) : nil
        }

        mutating func code<E>(in cases: [E]) throws(Damaged) -> E {
            let k = Int(try byte())
            guard cases.indices.contains(k) else { throw Damaged() }
            return cases[k]
        }

        mutating func cell() throws(Damaged) -> CellText {
            if try bool() {
                return CellText(raw: try string(), text: try string())
            }
            let text = try string()
            return CellText(raw: text, text: text)
        }

        mutating func table() throws(Damaged) -> GoalTable {
            let kind = try code(in: Cases.tableKinds)
            let layout = try code(in: Cases.layouts)
            let index = try int()
            let printedNumber = try optional { r throws(Damaged) in try r.string() }
            let title = try cell()
            let project = try string()
            let goal = try cell()
            let line = try int()
            let section = try string()
            let rowCount = try count()
            var rows: [IndicatorRow] = []
            rows.reserveCapacity(rowCount)
            for _ in 0..<rowCount { rows.append(try row()) }
            let defectCount = try count()
            var defects: [ParseDefect] = []
            for _ in 0..<defectCount {
                let kind = try code(in: Cases.defectKinds)
                defects.append(ParseDefect(kind: kind, line: try int(), evidence: try string(),
                                           expectedCells: try int(), foundCells: try int()))
            }
            return GoalTable(kind: kind, layout: layout, index: index, printedNumber: printedNumber, title: title,
                             project: project, goal: goal, line: line, section: section, rows: rows, defects: defects)
        }

        mutating func row() throws(Damaged) -> IndicatorRow {
            let line = try int()
            let index = try int()
            let level1 = try cell()
            let level2 = try cell()
            let name = try cell()
            let description = try cell()
            let value = try self.value()
            let basis = try cell()
            let level1CarriedOver = try bool()
            let level2CarriedOver = try bool()
            let grades = try optional { r throws(Damaged) in
                GradedThresholds(excellent: try r.cell(), good: try r.cell(), fair: try r.cell(), poor: try r.cell())
            }
            let extraCount = try count()
            var extra: [ExtraCell] = []
            for _ in 0..<extraCount { extra.append(ExtraCell(label: try string(), value: try cell())) }
            return IndicatorRow(line: line, index: index, level1: level1, level2: level2, name: name,
                                description: description, value: value, basis: basis,
                                level1CarriedOver: level1CarriedOver, level2CarriedOver: level2CarriedOver,
                                grades: grades, extra: extra)
        }

        mutating func value() throws(Damaged) -> IndicatorValue {
            let text = try cell()
            let comparator = try optional { r throws(Damaged) in try r.code(in: Cases.comparators) }
            let number = try optional { r throws(Damaged) in try r.double() }
            let upperNumber = try optional { r throws(Damaged) in try r.double() }
            let unit = try optional { r throws(Damaged) in try r.string() }
            let kind = try code(in: Cases.valueKinds)
            let trailingText = try optional { r throws(Damaged) in try r.string() }
            return IndicatorValue(raw: text.raw, text: text.text, comparator: comparator, number: number,
                                  upperNumber: upperNumber, unit: unit, kind: kind, trailingText: trailingText)
        }
    }
}
