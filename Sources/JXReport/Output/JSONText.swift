/// The pieces of hand-written JSON: string escaping and number formatting.
///
/// The JSON report is written by hand rather than through `JSONEncoder` so that it streams, keeps a fixed
/// key order (same input, same bytes) and stays fast on reports of hundreds of megabytes.
enum JSONText {
    /// Writes `string` as a JSON string literal: quotes, backslashes and every control character below
    /// U+0020 escaped; everything else (Chinese text included) as plain UTF-8.
    ///
    /// Runs of bytes that need no escape (nearly every cell is one run) go to the sink in one piece; the
    /// scan makes two comparisons per byte of Chinese text (lead and continuation bytes are all ≥ 0x80).
    static func writeString<S: ReportSink>(_ string: String, to sink: inout S) {
        sink.write(byte: 0x22)
        var string = string
        string.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            var runStart = 0
            var index = 0
            while index < bytes.count {
                // Eight bytes at a time while none of them needs an escape (nearly all cells throughout).
                if index + 8 <= bytes.count,
                   !mayNeedEscape(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) {
                    index += 8
                    continue
                }
                let byte = bytes[index]
                // Only ASCII bytes ever need escaping; multi-byte UTF-8 sequences never contain them.
                if byte < 0x20 || byte == 0x22 || byte == 0x5C {
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
        sink.write(byte: 0x22)
    }

    /// Whether one of the eight bytes of `word` may need an escape: a byte below 0x20, a '"' or a '\\'.
    /// (The usual word-at-a-time tests for a byte below n and for a zero byte; exact for n ≤ 0x80.)
    @inline(__always)
    private static func mayNeedEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ x: UInt64) -> Bool { (x &- ones) & ~x & highs != 0 }
        let below20 = (word &- ones &* 0x20) & ~word & highs != 0
        return below20 || hasZeroByte(word ^ (ones &* 0x22)) || hasZeroByte(word ^ (ones &* 0x5C))
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
