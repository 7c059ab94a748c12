import JXModel
/// The pieces of hand-written JSON: string escaping and number formatting.
///
/// The JSON report is written by hand rather than through `JSONEncoder` so that it streams, keeps a fixed
/// key order (same input, same bytes) and stays fast on reports of hundreds of megabytes.
enum JSONText {
    /// Writes `string` as a JSON string literal: quotes, backslashes and every control character below
    /// U+0020 escaped; everything else (Chinese text included) as plain UTF-8.
    static func writeString<S: ReportSink>(_ string: String, to sink: inout S) {
        // Read in place (see `withUTF8Bytes`): every cell of the report goes through here.
        string.withUTF8Bytes { writeString(utf8: $0, to: &sink) }
    }

    /// Nearly every cell needs no escape: it is checked eight bytes at a time and then written in one piece.
    private static func writeString<S: ReportSink>(utf8 bytes: UnsafeBufferPointer<UInt8>, to sink: inout S) {
        if needsEscape(bytes) {
            sink.write(byte: 0x22)
            writeEscaped(bytes, to: &sink)
            sink.write(byte: 0x22)
        } else {
            sink.write(bytes: bytes, between: 0x22)
        }
    }

    /// Whether a byte of `bytes` needs an escape: a control byte, '"' or '\\'. Only ASCII bytes ever do;
    /// the bytes of a multi-byte UTF-8 sequence are all ≥ 0x80.
    static func needsEscape(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let count = bytes.count
        if count < 8 {
            for byte in bytes where needsEscape(byte) { return true }
            return false
        }
        func word(at offset: Int) -> UInt64 {
            UInt64(littleEndian: UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self))
        }
        var index = 0
        // Sixteen bytes at a time, the two words' marks tested together, then eight.
        while index + 16 <= count {
            if escapeMarks(word(at: index)) | escapeMarks(word(at: index + 8)) != 0 { return true }
            index += 16
        }
        if index + 8 <= count {
            if escapeMarks(word(at: index)) != 0 { return true }
            index += 8
        }
        // The last bytes as the last eight, some of them read again: no byte-by-byte tail.
        return index < count && escapeMarks(word(at: count - 8)) != 0
    }

    @inline(__always)
    private static func needsEscape(_ byte: UInt8) -> Bool { byte < 0x20 || byte == 0x22 || byte == 0x5C }

    /// The bytes with each one that needs it escaped; the runs between escapes go to the sink in one piece.
    private static func writeEscaped<S: ReportSink>(_ bytes: UnsafeBufferPointer<UInt8>, to sink: inout S) {
        var runStart = 0
        for index in bytes.indices where needsEscape(bytes[index]) {
            if runStart < index {
                sink.write(bytes: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            }
            sink.write(escape(bytes[index]))
            runStart = index + 1
        }
        if runStart < bytes.count {
            sink.write(bytes: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
        }
    }

    /// Not zero when one of the eight bytes of `word` needs an escape: a byte below 0x20, a '"' or a '\\'.
    /// The usual word-at-a-time tests for a byte below n (exact for n ≤ 0x80) and for a zero byte (of
    /// `word` xor the byte sought), exact as to whether any byte is marked. Each keeps a byte's high bit
    /// only where `word`'s is clear (xor with an ASCII byte keeps it), so the three share one mask.
    @inline(__always)
    private static func escapeMarks(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let below20 = word &- ones &* 0x20
        let quote = (word ^ (ones &* 0x22)) &- ones
        let backslash = (word ^ (ones &* 0x5C)) &- ones
        return (below20 | quote | backslash) & ~word & highs
    }

    private static func escape(_ byte: UInt8) -> String {
        switch byte {
        case 0x22: return "\\\""
        case 0x5C: return "\\\\"
        case 0x0A: return "\\n"
        case 0x0D: return "\\r"
        case 0x09: return "\\t"
        case 0x08: return "\\b"
        case 0x0C: return "\\f"
        default:
            let hex = Array("0123456789abcdef".utf8)
            let high = Int(byte >> 4), low = Int(byte & 0x0F)
            return "\\u00" + String(decoding: [hex[high], hex[low]], as: UTF8.self)
        }
    }

    /// Writes `string`, or `null` when absent.
    static func writeString<S: ReportSink>(_ string: String?, to sink: inout S) {
        if let string { writeString(string, to: &sink) } else { sink.write(literal: "null") }
    }

    /// The JSON form of a number: whole numbers without ".0" ("60", not "60.0"), others in the shortest
    /// form that reads back to the same Double ("71.5"); NaN and infinities, which JSON cannot hold, as null.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        // 2^53: beyond it not every integer is exact, and Int64 conversion is still safe up to there.
        if value == value.rounded(.towardZero), abs(value) < 9_007_199_254_740_992 {
            return String(Int64(value))
        }
        return value.description
    }

    static func writeNumber<S: ReportSink>(_ value: Double?, to sink: inout S) {
        guard let value else { sink.write(literal: "null"); return }
        if value.isFinite, value == value.rounded(.towardZero), abs(value) < 9_007_199_254_740_992 {
            writeDigits(Int64(value), to: &sink)
        } else {
            sink.write(number(value))
        }
    }

    static func writeInt<S: ReportSink>(_ value: Int?, to sink: inout S) {
        if let value { writeDigits(Int64(value), to: &sink) } else { sink.write(literal: "null") }
    }

    /// The decimal digits of `value`, written from a stack buffer: line numbers and counts, several per
    /// row, need no String each.
    private static func writeDigits<S: ReportSink>(_ value: Int64, to sink: inout S) {
        // 20 bytes hold "-9223372036854775808".
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
            var magnitude = value.magnitude
            var start = buffer.count
            repeat {
                start -= 1
                buffer[start] = 0x30 + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if value < 0 {
                start -= 1
                buffer[start] = 0x2D
            }
            sink.write(bytes: UnsafeBufferPointer(rebasing: buffer[start...]))
        }
    }
}
