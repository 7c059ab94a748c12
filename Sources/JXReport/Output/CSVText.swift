import JXModel
/// RFC 4180 CSV pieces: the UTF-8 byte order mark, field quoting, CRLF records.
enum CSVText {
    /// Excel only reads a CSV file as UTF-8 (rather than the local code page) when it starts with a BOM.
    static let byteOrderMark = "\u{FEFF}"

    /// Writes one record: fields separated by commas, each quoted when it holds a comma, quote, CR or LF
    /// (quotes doubled), the record ended by CRLF as RFC 4180 asks.
    static func writeRecord<Sink: ReportSink>(_ fields: [String], to sink: inout Sink) {
        for (position, field) in fields.enumerated() {
            if position > 0 { sink.write(",") }
            writeField(field, to: &sink)
        }
        sink.write("\r\n")
    }

    static func writeField<Sink: ReportSink>(_ field: String, to sink: inout Sink) {
        let field = defused(field)
        // Read as UTF-8 bytes in place: walking `String.UTF8View` and replacing quotes character by
        // character cost more than writing the field. A quote is one byte and never part of another
        // character's bytes, so doubling it byte by byte is the same as doubling the character.
        field.withUTF8Bytes { writeField(utf8: $0, to: &sink) }
    }

    private static func writeField<Sink: ReportSink>(utf8 bytes: UnsafeBufferPointer<UInt8>, to sink: inout Sink) {
        guard bytes.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else {
            sink.write(bytes: bytes)
            return
        }
        sink.write(byte: 0x22)
        var runStart = 0
        for index in bytes.indices where bytes[index] == 0x22 {
            // The run up to and including the quote, then the quote again.
            sink.write(bytes: UnsafeBufferPointer(rebasing: bytes[runStart...index]))
            sink.write(byte: 0x22)
            runStart = index + 1
        }
        if runStart < bytes.count { sink.write(bytes: UnsafeBufferPointer(rebasing: bytes[runStart...])) }
        sink.write(byte: 0x22)
    }

    /// Spreadsheets run a cell that starts with "=", "+" or "@" as a formula: an 指标值 of "=100%" would
    /// show as 1, and a hostile cell could run code. A leading apostrophe makes them plain text in Excel.
    static func defused(_ field: String) -> String {
        guard let first = field.utf8.first, first == 0x3D || first == 0x2B || first == 0x40 else { return field }
        return "'" + field
    }
}
