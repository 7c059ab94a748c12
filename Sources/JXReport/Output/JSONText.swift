/// The pieces of hand-written JSON: string escaping and number formatting.
///
/// The JSON report is written by hand rather than through `JSONEncoder` so that it streams, keeps a fixed
/// key order (same input, same bytes) and stays fast on reports of hundreds of megabytes.
enum JSONText {
    /// Writes `string` as a JSON string literal: quotes, backslashes and every control character below
    /// U+0020 escaped; everything else (Chinese text included) as plain UTF-8.
    ///
    /// Runs of bytes that need no escape (nearly every cell is one run) go to the sink in one piece; the
    /// scan tests one table entry per byte.
    static func writeString<S: ReportSink>(_ string: String, to sink: inout S) {
        sink.write("\"")
        var string = string
        string.withUTF8 { bytes in
            var runStart = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                // Only ASCII bytes ever need escaping; multi-byte UTF-8 sequences never contain them.
                if needsEscape[Int(byte)] {
                    if runStart < index {
                        sink.write(bytes: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                    }
                    sink.write(escape(byte))
                    runStart = index + 1
                }
                index += 1
            }
            if runStart < bytes.count {
                sink.write(bytes: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
            }
        }
        sink.write("\"")
    }

    /// The bytes `writeString` escapes: C0 controls, '"' and '\\'.
    private static let needsEscape: [Bool] = (0..<256).map { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }

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
        if let string { writeString(string, to: &sink) } else { sink.write("null") }
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
        guard let value else { sink.write("null"); return }
        if value.isFinite, value == value.rounded(.towardZero), abs(value) < 9_007_199_254_740_992 {
            writeDigits(Int64(value), to: &sink)
        } else {
            sink.write(number(value))
        }
    }

    static func writeInt<S: ReportSink>(_ value: Int?, to sink: inout S) {
        if let value { writeDigits(Int64(value), to: &sink) } else { sink.write("null") }
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
