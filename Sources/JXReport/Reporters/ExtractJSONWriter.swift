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

        /// `"name" : [ … ]`, each item written by `write` as an element.
        private mutating func array<T>(_ name: StaticString, _ items: [T], _ write: (inout Writer, T) -> Void) {
            key(name)
            open(0x5B)
            for item in items {
                element()
                write(&self, item)
            }
            close(0x5D)
        }

        /// `"name" : { … }`, the keys written by `write`.
        private mutating func object(_ name: StaticString, _ write: (inout Writer) -> Void) {
            key(name)
            open(0x7B)
            write(&self)
            close(0x7D)
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
            object(name) { w in
                w.string("raw", cell.raw)
                w.string("text", cell.text)
            }
        }

        mutating func document(_ d: Document) {
            open(0x7B)
            int("budgetYear", d.budgetYear)
            int("byteCount", d.byteCount)
            string("department", d.department)
            if let repair = d.encodingRepair {
                object("encodingRepair") { w in
                    w.int("firstLine", repair.firstLine)
                    w.int("replacedSequences", repair.replacedSequences)
                }
            }
            int("lineCount", d.lineCount)
            string("path", d.path)
            array("tables", d.tables) { w, t in w.table(t) }
            close(0x7D)
        }

        private mutating func table(_ t: GoalTable) {
            open(0x7B)
            array("defects", t.defects) { w, defect in
                w.open(0x7B)
                w.string("evidence", defect.evidence)
                w.int("expectedCells", defect.expectedCells)
                w.int("foundCells", defect.foundCells)
                w.string("kind", defect.kind.rawValue)
                w.int("line", defect.line)
                w.close(0x7D)
            }
            cell("goal", t.goal)
            int("index", t.index)
            string("kind", t.kind.rawValue)
            string("layout", t.layout.rawValue)
            int("line", t.line)
            string("printedNumber", t.printedNumber)
            string("project", t.project)
            array("rows", t.rows) { w, r in w.row(r) }
            string("section", t.section)
            cell("title", t.title)
            close(0x7D)
        }

        private mutating func row(_ r: IndicatorRow) {
            open(0x7B)
            cell("basis", r.basis)
            cell("description", r.description)
            array("extra", r.extra) { w, extra in
                w.open(0x7B)
                w.string("label", extra.label)
                w.cell("value", extra.value)
                w.close(0x7D)
            }
            if let grades = r.grades {
                object("grades") { w in
                    w.cell("excellent", grades.excellent)
                    w.cell("fair", grades.fair)
                    w.cell("good", grades.good)
                    w.cell("poor", grades.poor)
                }
            }
            int("index", r.index)
            cell("level1", r.level1)
            bool("level1CarriedOver", r.level1CarriedOver)
            cell("level2", r.level2)
            bool("level2CarriedOver", r.level2CarriedOver)
            int("line", r.line)
            cell("name", r.name)
            let v = r.value
            object("value") { w in
                w.string("comparator", v.comparator?.rawValue)
                w.string("kind", v.kind.rawValue)
                w.number("number", v.number)
                w.string("raw", v.raw)
                w.string("text", v.text)
                w.string("trailingText", v.trailingText)
                w.string("unit", v.unit)
                w.number("upperNumber", v.upperNumber)
            }
            close(0x7D)
        }
    }
}
