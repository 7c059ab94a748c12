import JXModel

/// The JSON of `extract`: a parsed document in the model's own encoding, byte for byte what `JSONEncoder`
/// writes with `[.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]` (the format of the Corpus
/// expectation files), written by hand.
///
/// Why: `JSONEncoder` went through `Codable`'s boxes and containers for every cell, and extracting the
/// 93 MB benchmark corpus took about twice as long as checking it. The layout it writes is kept exactly:
/// keys in sorted order, `"key" : value`, two spaces per level, an empty array as `[`, an empty line and
/// `]`, optional fields left out when absent, whole numbers without ".0". A test compares the two on every
/// Corpus document and on documents that use every optional field and awkward texts.
public enum ExtractJSONWriter {
    /// The document's JSON, as `JSONEncoder` would encode it (no newline at the end). At `depth` 1 it is
    /// laid out as an element of a top-level array (every line but the first indented two more spaces,
    /// empty lines left empty), which is how the encoder writes several documents.
    public static func encode(_ document: Document, depth: Int = 0) -> [UInt8] {
        var out = Writer(buffer: ByteBuffer(capacity: max(4096, document.byteCount * 3)), depth: depth)
        out.document(document)
        return out.buffer.bytes
    }

    /// A pretty-printing writer: `depth` is the nesting of the value being written, `first` whether the
    /// next key or element is the first of its object or array.
    private struct Writer {
        var buffer: ByteBuffer
        private var depth: Int
        private var first = true

        init(buffer: ByteBuffer, depth: Int) {
            self.buffer = buffer
            self.depth = depth
        }

        private mutating func newline(_ level: Int) {
            buffer.write(byte: 0x0A)
            for _ in 0..<(2 * level) { buffer.write(byte: 0x20) }
        }

        private mutating func open(_ bracket: UInt8) {
            buffer.write(byte: bracket)
            depth += 1
            first = true
        }

        private mutating func close(_ bracket: UInt8) {
            // An empty array or object still gets its own empty line, as the encoder writes it.
            if first { buffer.write(byte: 0x0A) }
            depth -= 1
            newline(depth)
            buffer.write(byte: bracket)
            first = false
        }

        /// Starts the next key of the object being written.
        private mutating func key(_ name: StaticString) {
            if !first { buffer.write(byte: 0x2C) }
            first = false
            newline(depth)
            buffer.write(byte: 0x22)
            buffer.write(literal: name)
            buffer.write(literal: "\" : ")
        }

        /// Starts the next element of the array being written.
        private mutating func element() {
            if !first { buffer.write(byte: 0x2C) }
            first = false
            newline(depth)
        }

        private mutating func string(_ name: StaticString, _ value: String) {
            key(name)
            JSONText.writeString(value, to: &buffer)
        }

        private mutating func string(_ name: StaticString, _ value: String?) {
            if let value { string(name, value) }
        }

        private mutating func int(_ name: StaticString, _ value: Int) {
            key(name)
            JSONText.writeInt(value, to: &buffer)
        }

        private mutating func int(_ name: StaticString, _ value: Int?) {
            if let value { int(name, value) }
        }

        private mutating func bool(_ name: StaticString, _ value: Bool) {
            key(name)
            buffer.write(literal: value ? "true" : "false")
        }

        /// A Double as the encoder writes it: its `description`, less a trailing ".0".
        private mutating func number(_ name: StaticString, _ value: Double?) {
            guard let value else { return }
            key(name)
            var text = value.description
            if text.hasSuffix(".0") { text.removeLast(2) }
            buffer.write(text)
        }

        private mutating func cell(_ name: StaticString, _ cell: CellText) {
            key(name)
            open(0x7B)
            string("raw", cell.raw)
            string("text", cell.text)
            close(0x7D)
        }

        mutating func document(_ d: Document) {
            open(0x7B)
            int("budgetYear", d.budgetYear)
            int("byteCount", d.byteCount)
            string("department", d.department)
            if let repair = d.encodingRepair {
                key("encodingRepair")
                open(0x7B)
                int("firstLine", repair.firstLine)
                int("replacedSequences", repair.replacedSequences)
                close(0x7D)
            }
            int("lineCount", d.lineCount)
            string("path", d.path)
            key("tables")
            open(0x5B)
            for t in d.tables {
                element()
                table(t)
            }
            close(0x5D)
            close(0x7D)
        }

        private mutating func table(_ t: GoalTable) {
            open(0x7B)
            key("defects")
            open(0x5B)
            for defect in t.defects {
                element()
                open(0x7B)
                string("evidence", defect.evidence)
                int("expectedCells", defect.expectedCells)
                int("foundCells", defect.foundCells)
                string("kind", defect.kind.rawValue)
                int("line", defect.line)
                close(0x7D)
            }
            close(0x5D)
            cell("goal", t.goal)
            int("index", t.index)
            string("kind", t.kind.rawValue)
            string("layout", t.layout.rawValue)
            int("line", t.line)
            string("printedNumber", t.printedNumber)
            string("project", t.project)
            key("rows")
            open(0x5B)
            for r in t.rows {
                element()
                row(r)
            }
            close(0x5D)
            string("section", t.section)
            cell("title", t.title)
            close(0x7D)
        }

        private mutating func row(_ r: IndicatorRow) {
            open(0x7B)
            cell("basis", r.basis)
            cell("description", r.description)
            key("extra")
            open(0x5B)
            for extra in r.extra {
                element()
                open(0x7B)
                string("label", extra.label)
                cell("value", extra.value)
                close(0x7D)
            }
            close(0x5D)
            if let grades = r.grades {
                key("grades")
                open(0x7B)
                cell("excellent", grades.excellent)
                cell("fair", grades.fair)
                cell("good", grades.good)
                cell("poor", grades.poor)
                close(0x7D)
            }
            int("index", r.index)
            cell("level1", r.level1)
            bool("level1CarriedOver", r.level1CarriedOver)
            cell("level2", r.level2)
            bool("level2CarriedOver", r.level2CarriedOver)
            int("line", r.line)
            cell("name", r.name)
            let v = r.value
            key("value")
            open(0x7B)
            string("comparator", v.comparator?.rawValue)
            string("kind", v.kind.rawValue)
            number("number", v.number)
            string("raw", v.raw)
            string("text", v.text)
            string("trailingText", v.trailingText)
            string("unit", v.unit)
            number("upperNumber", v.upperNumber)
            close(0x7D)
            close(0x7D)
        }
    }
}
