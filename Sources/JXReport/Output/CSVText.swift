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
        var needsQuotes = false
        for byte in field.utf8 where byte == 0x2C || byte == 0x22 || byte == 0x0A || byte == 0x0D {
            needsQuotes = true
            break
        }
        guard needsQuotes else {
            sink.write(field)
            return
        }
        sink.write("\"")
        sink.write(field.replacingAll("\"", with: "\"\""))
        sink.write("\"")
    }

    /// Spreadsheets run a cell that starts with "=", "+" or "@" as a formula: an 指标值 of "=100%" would
    /// show as 1, and a hostile cell could run code. A leading apostrophe makes them plain text in Excel.
    static func defused(_ field: String) -> String {
        guard let first = field.utf8.first, first == 0x3D || first == 0x2B || first == 0x40 else { return field }
        return "'" + field
    }
}

extension String {
    /// Replaces every occurrence of `target` (Foundation-free, so JXReport's text helpers need no bridging).
    func replacingAll(_ target: Character, with replacement: String) -> String {
        guard contains(target) else { return self }
        var result = ""
        result.reserveCapacity(utf8.count + 8)
        for character in self {
            if character == target { result += replacement } else { result.append(character) }
        }
        return result
    }
}
