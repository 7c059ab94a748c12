import Foundation

/// JSON's null, as `JSONValueParser` gives it.
struct JSONNull {}

/// Reads JSON text (RFC 8259) into Swift values: `[String: Any]`, `[Any]`, `String`, `Double`, `Bool`, and
/// `JSONNull` for null: the shapes `JSONSerialization` gives, but null as a Swift value, not `NSNull`.
///
/// Why not `JSONSerialization`: on Linux it builds Foundation objects and bridges every one of them back
/// to a Swift value; loading the rule set went through that for every key and word of every rule and
/// lexicon. And asking whether a value `is NSNull` bridged the value, a whole object or array, to
/// Foundation objects once more, on every key read. Here each value is made once, and null is a Swift
/// value that no cast bridges. Errors name the line and column, since rule files are written by hand.
enum JSONValueParser {
    struct SyntaxError: Error, CustomStringConvertible {
        let message: String
        let line: Int
        let column: Int
        var description: String { "\(message) at line \(line), column \(column)" }
    }

    static func parse(_ bytes: [UInt8]) throws(SyntaxError) -> Any {
        try bytes.withUnsafeBufferPointer { buffer throws(SyntaxError) -> Any in
            var reader = Reader(bytes: buffer)
            // A UTF-8 byte order mark is allowed before the text (editors on Windows write one).
            if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { reader.at = 3 }
            let value = try reader.value(depth: 0)
            reader.skipSpace()
            guard reader.at == buffer.count else { throw reader.error("unexpected text after the value") }
            return value
        }
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var at = 0
        /// Deeper than this is not a rule file; a limit keeps hostile input from exhausting the stack.
        static let maxDepth = 200

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        func error(_ message: String) -> SyntaxError {
            var line = 1, column = 1
            for i in 0..<min(at, bytes.count) {
                if bytes[i] == 0x0A { line += 1; column = 1 } else if bytes[i] & 0xC0 != 0x80 { column += 1 }
            }
            return SyntaxError(message: message, line: line, column: column)
        }

        var current: UInt8? { at < bytes.count ? bytes[at] : nil }

        mutating func skipSpace() {
            while let b = current, b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { at += 1 }
        }

        mutating func value(depth: Int) throws(SyntaxError) -> Any {
            guard depth < Reader.maxDepth else { throw error("nested too deeply") }
            skipSpace()
            guard let b = current else { throw error("unexpected end of text") }
            switch b {
            case 0x7B: return try object(depth: depth)
            case 0x5B: return try array(depth: depth)
            case 0x22: return try string()
            case 0x74: try literal("true"); return true
            case 0x66: try literal("false"); return false
            case 0x6E: try literal("null"); return JSONNull()
            case 0x2D, 0x30...0x39: return try number()
            default: throw error("unexpected character")
            }
        }

        mutating func literal(_ word: StaticString) throws(SyntaxError) {
            let count = word.utf8CodeUnitCount
            guard at + count <= bytes.count else { throw error("unexpected end of text") }
            for k in 0..<count where bytes[at + k] != word.utf8Start[k] { throw error("unexpected character") }
            at += count
        }

        mutating func object(depth: Int) throws(SyntaxError) -> [String: Any] {
            at += 1
            var result: [String: Any] = [:]
            skipSpace()
            if current == 0x7D { at += 1; return result }
            while true {
                skipSpace()
                // A comma before the brace, which JSONSerialization lets pass, is let pass too: a rule
                // file that loaded before must still load.
                if current == 0x7D { at += 1; return result }
                guard current == 0x22 else { throw error("expected a key in quotes") }
                let key = try string()
                skipSpace()
                guard current == 0x3A else { throw error("expected \":\" after a key") }
                at += 1
                let v = try value(depth: depth + 1)
                // A repeated key: the last one wins, as with JSONSerialization.
                result[key] = v
                skipSpace()
                switch current {
                case 0x2C: at += 1
                case 0x7D: at += 1; return result
                default: throw error("expected \",\" or \"}\"")
                }
            }
        }

        mutating func array(depth: Int) throws(SyntaxError) -> [Any] {
            at += 1
            var result: [Any] = []
            skipSpace()
            if current == 0x5D { at += 1; return result }
            while true {
                skipSpace()
                // A comma before the bracket passes, as in an object.
                if current == 0x5D { at += 1; return result }
                result.append(try value(depth: depth + 1))
                skipSpace()
                switch current {
                case 0x2C: at += 1
                case 0x5D: at += 1; return result
                default: throw error("expected \",\" or \"]\"")
                }
            }
        }

        mutating func string() throws(SyntaxError) -> String {
            at += 1
            let start = at
            // Most strings have no escape: their bytes are taken as they are, in one piece.
            while let b = current, b != 0x22, b != 0x5C {
                guard b >= 0x20 else { throw error("control character in a string") }
                at += 1
            }
            guard let b = current else { throw error("unterminated string") }
            if b == 0x22 {
                at += 1
                guard let text = String(validating: UnsafeBufferPointer(rebasing: bytes[start..<(at - 1)]), as: UTF8.self) else {
                    throw error("not UTF-8")
                }
                return text
            }
            var utf8 = Array(UnsafeBufferPointer(rebasing: bytes[start..<at]))
            // Escapes: the text is rebuilt byte by byte from the first one on.
            while true {
                guard let c = current else { throw error("unterminated string") }
                if c == 0x22 { break }
                guard c >= 0x20 else { throw error("control character in a string") }
                at += 1
                guard c == 0x5C else { utf8.append(c); continue }
                guard let e = current else { throw error("unterminated string") }
                at += 1
                switch e {
                case 0x22, 0x5C, 0x2F: utf8.append(e)
                case 0x62: utf8.append(0x08)
                case 0x66: utf8.append(0x0C)
                case 0x6E: utf8.append(0x0A)
                case 0x72: utf8.append(0x0D)
                case 0x74: utf8.append(0x09)
                case 0x75:
                    var scalar = try hex4()
                    if (0xD800...0xDBFF).contains(scalar) {
                        // A surrogate pair: the low half must follow as another \u escape.
                        guard at + 1 < bytes.count, bytes[at] == 0x5C, bytes[at + 1] == 0x75 else {
                            throw error("unpaired surrogate")
                        }
                        at += 2
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw error("unpaired surrogate") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let s = Unicode.Scalar(scalar) else { throw error("unpaired surrogate") }
                    utf8.append(contentsOf: String(s).utf8)
                default:
                    throw error("unknown escape")
                }
            }
            at += 1  // the closing quote
            guard let text = String(validating: utf8, as: UTF8.self) else { throw error("not UTF-8") }
            return text
        }

        mutating func hex4() throws(SyntaxError) -> UInt32 {
            guard at + 4 <= bytes.count else { throw error("unexpected end of text") }
            var v: UInt32 = 0
            for _ in 0..<4 {
                let c = bytes[at]
                let d: UInt32
                switch c {
                case 0x30...0x39: d = UInt32(c - 0x30)
                case 0x41...0x46: d = UInt32(c - 0x41 + 10)
                case 0x61...0x66: d = UInt32(c - 0x61 + 10)
                default: throw error("bad \\u escape")
                }
                v = v << 4 | d
                at += 1
            }
            return v
        }

        mutating func number() throws(SyntaxError) -> Double {
            let start = at
            if current == 0x2D { at += 1 }
            func digits(_ reader: inout Reader) -> Int {
                var n = 0
                while let b = reader.current, b >= 0x30 && b <= 0x39 { reader.at += 1; n += 1 }
                return n
            }
            guard let first = current, first >= 0x30 && first <= 0x39 else { throw error("bad number") }
            if first == 0x30 { at += 1 } else { _ = digits(&self) }
            if current == 0x2E {
                at += 1
                guard digits(&self) > 0 else { throw error("bad number") }
            }
            if current == 0x65 || current == 0x45 {
                at += 1
                if current == 0x2B || current == 0x2D { at += 1 }
                guard digits(&self) > 0 else { throw error("bad number") }
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<at]), as: UTF8.self)
            guard let n = Double(text), n.isFinite else { throw error("bad number") }
            return n
        }
    }
}
