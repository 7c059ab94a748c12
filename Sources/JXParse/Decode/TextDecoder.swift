import JXModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a file's bytes could not be read as a budget document's text.
public enum DecodeError: Error, Equatable, Sendable {
    case empty
    /// A known binary format, with what to do instead.
    case binaryFormat(String)
    /// NUL bytes or other control bytes: not a text file.
    case notText
    /// Neither UTF-8, UTF-16 with a BOM, nor GB18030.
    case undecodable

    /// One line for the user, in Chinese or English.
    public func message(english: Bool) -> String {
        switch self {
        case .empty:
            return english ? "the file is empty" : "文件为空"
        case .binaryFormat(let format):
            return english
                ? "this is a \(format) file, not text: extract its text first (e.g. save as .txt, or pdftotext -layout)"
                : "这是 \(format) 文件而不是文本：请先提取文字（如另存为 .txt，或用 pdftotext -layout）"
        case .notText:
            return english ? "not a text file (it holds NUL or control bytes)" : "不是文本文件（含有 NUL 或控制字节）"
        case .undecodable:
            return english ? "the text is neither UTF-8, UTF-16 nor GB18030" : "无法识别文本编码（不是 UTF-8、UTF-16 或 GB18030）"
        }
    }
}

/// The text of a file and the encoding it was read in.
public struct DecodedText: Sendable {
    /// The text, made when asked for: the parser reads `utf8`, and makes strings only of the lines and
    /// cells it needs.
    public var text: String { String(decoding: utf8, as: UTF8.self) }
    /// "UTF-8", "UTF-8 with BOM", "UTF-16LE", "UTF-16BE" or "GB18030".
    public var encoding: String
    /// The text's UTF-8, valid: the file's own bytes when the file was UTF-8 (not copied).
    var utf8: ArraySlice<UInt8>
    /// Invalid bytes replaced with U+FFFD, when the text was readable all the same.
    public var repair: EncodingRepair? = nil

    init(text: String, encoding: String, repair: EncodingRepair? = nil) {
        self.init(utf8: ArraySlice(text.utf8), encoding: encoding, repair: repair)
    }

    /// `utf8` must be valid UTF-8.
    init(utf8: ArraySlice<UInt8>, encoding: String, repair: EncodingRepair? = nil) {
        self.utf8 = utf8
        self.encoding = encoding
        self.repair = repair
    }
}

/// Turns a file's bytes into text: UTF-8 with or without BOM, UTF-16 with BOM, GB18030/GBK (via iconv).
public enum TextDecoder {
    public static func decode(_ bytes: [UInt8]) throws(DecodeError) -> DecodedText {
        if bytes.isEmpty { throw .empty }
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            var controls = ControlBytes()   // counted but not judged: a file with a BOM is text
            if UTF8Validation.isValid(bytes[3...], counting: &controls) {
                return DecodedText(utf8: bytes[3...], encoding: "UTF-8 with BOM")
            }
            guard let repaired = repairedUTF8(bytes[3...]) else { throw .undecodable }
            return repaired
        }
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
            return decodeUTF16(bytes, littleEndian: bytes[0] == 0xFF)
        }
        if let format = binaryFormat(bytes) { throw .binaryFormat(format) }
        // One scan validates the UTF-8 of most files and counts their control bytes; it stops at the first
        // invalid sequence, and the controls of the rest are counted apart.
        var controls = ControlBytes()
        let isUTF8 = UTF8Validation.isValid(bytes[...], counting: &controls)
        if !isUTF8 { controls = ControlBytes(bytes) }
        if controls.hasNul { throw .notText }
        if isUTF8 {
            if controls.tooMany(of: bytes.count) { throw .notText }
            return DecodedText(utf8: bytes[...], encoding: "UTF-8")
        }
        // A UTF-8 file with a few bad bytes is read as UTF-8 before GB18030 is tried: GB18030 accepts many
        // byte pairs, and would turn a cut UTF-8 file into nonsense rather than fail.
        if !controls.tooMany(of: bytes.count), let repaired = repairedUTF8(bytes[...]) { return repaired }
        if let text = gb18030(bytes) {
            if ControlBytes.tooMany(in: text) { throw .notText }
            return DecodedText(text: text, encoding: "GB18030")
        }
        // A GB18030 file cut inside a character: drop the dangling lead bytes (a character is at most 4).
        for cut in 1...3 where bytes.count > cut {
            if let text = gb18030(Array(bytes.dropLast(cut))) {
                if ControlBytes.tooMany(in: text) { throw .notText }
                return DecodedText(text: text, encoding: "GB18030",
                                   repair: EncodingRepair(replacedSequences: 1, firstLine: lineCount(text) + 1))
            }
        }
        throw .undecodable
    }

    /// Invalid sequences tolerated in a UTF-8 file: one in a thousand bytes, at least 4. A file cut inside a
    /// character or with a stray byte is still checked; a file in another encoding has far more.
    static func maxRepairs(_ byteCount: Int) -> Int { max(4, byteCount / 1000) }

    /// `bytes` as UTF-8 with each invalid sequence replaced by U+FFFD, when there are few of them.
    private static func repairedUTF8(_ bytes: ArraySlice<UInt8>) -> DecodedText? {
        let text = String(decoding: bytes, as: UTF8.self)
        var replaced = 0
        var firstLine = 1
        var line = 1
        for scalar in text.unicodeScalars {
            if scalar == "\n" { line += 1 }
            if scalar == "\u{FFFD}" {
                if replaced == 0 { firstLine = line }
                replaced += 1
                if replaced > maxRepairs(bytes.count) { return nil }
            }
        }
        guard replaced > 0 else { return nil }
        return DecodedText(text: text, encoding: "UTF-8 (repaired)",
                           repair: EncodingRepair(replacedSequences: replaced, firstLine: firstLine))
    }

    private static func lineCount(_ text: String) -> Int {
        text.utf8.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }

    private static func binaryFormat(_ bytes: [UInt8]) -> String? {
        func starts(_ magic: [UInt8]) -> Bool { bytes.count >= magic.count && Array(bytes.prefix(magic.count)) == magic }
        if starts([0x25, 0x50, 0x44, 0x46]) { return "PDF" }                      // %PDF
        if starts([0x50, 0x4B, 0x03, 0x04]) { return "ZIP (.docx/.xlsx)" }        // PK\3\4
        if starts([0xD0, 0xCF, 0x11, 0xE0]) { return "OLE (.doc/.xls)" }
        return nil
    }

    private static func decodeUTF16(_ bytes: [UInt8], littleEndian: Bool) -> DecodedText {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = 2
        while i + 1 < bytes.count {
            let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
            units.append(littleEndian ? (b << 8 | a) : (a << 8 | b))
            i += 2
        }
        return DecodedText(text: String(decoding: units, as: UTF16.self),
                           encoding: littleEndian ? "UTF-16LE" : "UTF-16BE")
    }

    /// GB18030 (a superset of GBK and GB2312) through the C library's iconv; nil when the bytes are not valid.
    static func gb18030(_ bytes: [UInt8]) -> String? {
        guard let utf8 = convert(bytes, from: "GB18030", to: "UTF-8") else { return nil }
        return String(validating: utf8, as: UTF8.self)
    }

    /// `bytes` converted between two encodings by iconv; nil when iconv does not know them or the bytes are
    /// not valid in `from`. The output buffer is twice the input: no conversion between UTF-8 and GB18030
    /// grows a text more than that.
    static func convert(_ bytes: [UInt8], from: String, to: String) -> [UInt8]? {
        let cd = iconv_open(to, from)
        if cd == iconv_t(bitPattern: -1) { return nil }
        defer { iconv_close(cd) }
        var input = bytes
        var output = [UInt8](repeating: 0, count: bytes.count * 2 + 16)
        let produced: Int? = input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf -> Int? in
                guard let inBase = inBuf.baseAddress, let outBase = outBuf.baseAddress else { return nil }
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBase).assumingMemoryBound(to: CChar.self)
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBase).assumingMemoryBound(to: CChar.self)
                var inLeft = inBuf.count
                var outLeft = outBuf.count
                let result = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                if result == -1 || inLeft != 0 { return nil }
                return outBuf.count - outLeft
            }
        }
        guard let count = produced else { return nil }
        return Array(output[..<count])
    }
}

/// Whether bytes are well-formed UTF-8, exactly as `String(validating:as:)` decides (the Unicode standard's
/// table 3-7: no overlong forms, no surrogates, nothing above U+10FFFF), with the control bytes counted on
/// the way.
///
/// The decoder needs only the answer, not a `String` of the whole file: the parser makes strings of the
/// lines and cells it reads from the bytes. One pass of this loop costs about half of the standard
/// library's validation and the separate count of control bytes it replaces.
enum UTF8Validation {
    /// Counts control bytes into `controls` up to the first invalid sequence, if there is one.
    static func isValid(_ bytes: ArraySlice<UInt8>, counting controls: inout ControlBytes) -> Bool {
        bytes.withUnsafeBufferPointer { isValid($0, counting: &controls) }
    }

    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>, counting controls: inout ControlBytes) -> Bool {
        guard let base = UnsafeRawPointer(bytes.baseAddress) else { return true }
        var i = 0
        // While four bytes can be read at once.
        while i + 4 <= bytes.count {
            let lead = bytes[i]
            if lead < 0x80 {
                if lead < 0x20 { controls.count(lead) }
                i += 1
                continue
            }
            // Most of the text: a CJK ideograph or full-width punctuation, a three-byte sequence led by E1…EC,
            // EE or EF, whose next two bytes need only be continuation bytes (10xxxxxx). Tested on four bytes
            // at once, the lead in the low byte; and two of them on eight bytes where eight can be read. Chinese
            // text runs on for many characters: they are passed over two at a time in a loop of their own,
            // which ends at the first byte that is not such a pair (ASCII, another sequence, the end).
            var passed = false
            while i + 8 <= bytes.count {
                let pair = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                let first = UInt8(truncatingIfNeeded: pair), second = UInt8(truncatingIfNeeded: pair >> 24)
                guard pair & 0xC0C0_F0C0_C0F0 == 0x8080_E080_80E0, first != 0xE0, first != 0xED,
                      second != 0xE0, second != 0xED else { break }
                i += 6
                passed = true
            }
            if passed { continue }
            let word = UInt32(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt32.self))
            if word & 0x00C0_C0F0 == 0x0080_80E0, lead != 0xE0, lead != 0xED {
                i += 3
                continue
            }
            guard let length = sequenceLength(bytes, at: i) else { return false }
            i += length
        }
        // The last bytes.
        while i < bytes.count {
            let lead = bytes[i]
            if lead < 0x80 {
                if lead < 0x20 { controls.count(lead) }
                i += 1
                continue
            }
            guard let length = sequenceLength(bytes, at: i) else { return false }
            i += length
        }
        return true
    }

    /// The length of the well-formed sequence of two to four bytes at `i`, by the table: the range of its
    /// second byte depends on the lead. Nil when it is not one.
    private static func sequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        guard i >= 0, i < bytes.count else { return nil }
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch bytes[i] {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F   // ED A0…BF would be surrogates
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: return nil
        }
        guard i + length <= bytes.count, bytes[i + 1] >= low, bytes[i + 1] <= high else { return nil }
        var k = i + 2
        while k < i + length {
            guard bytes[k] & 0xC0 == 0x80 else { return nil }
            k += 1
        }
        return length
    }
}

/// The C0 control bytes of a text: a NUL means binary data; text files hold tabs, line breaks and form
/// feeds, not other controls, of which a few stray ones are tolerated.
struct ControlBytes {
    private var nul = 0
    private var other = 0

    var hasNul: Bool { nul > 0 }

    /// Whether there are more stray controls than a text of `byteCount` bytes holds.
    func tooMany(of byteCount: Int) -> Bool { other > 8 && other * 100 > byteCount }

    static func tooMany(in text: String) -> Bool { ControlBytes(Array(text.utf8)).tooMany(of: text.utf8.count) }

    init() {}

    /// Counted in one pass of their own, for bytes that are not valid UTF-8 (or text from another encoding).
    init(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { buffer in
            // Eight bytes at a time: a word with no byte below 0x20 (most of them) is passed over with a few
            // arithmetic operations; only the bytes below 0x20 of the others are looked at one by one.
            let high: UInt64 = 0x8080_8080_8080_8080
            var i = 0
            while i + 8 <= buffer.count {
                let word = UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                // Per byte, exactly: (b & 0x7F) + 0x60 sets the high bit when b & 0x7F ≥ 0x20 and never
                // carries into the next byte; a byte with its own high bit set is ≥ 0x80.
                let atLeast20 = ((word & ~high) &+ 0x6060_6060_6060_6060) | word
                var below20 = ~atLeast20 & high
                while below20 != 0 {
                    let offset = i + below20.trailingZeroBitCount / 8
                    if offset < buffer.count { count(buffer[offset]) }
                    below20 &= below20 &- 1
                }
                i += 8
            }
            while i < buffer.count {
                if buffer[i] < 0x20 { count(buffer[i]) }
                i += 1
            }
        }
    }

    /// Counts `b`, a byte below 0x20: TAB, LF, FF and CR are the controls text holds.
    @inline(__always)
    mutating func count(_ b: UInt8) {
        if b == 0 { nul += 1 }
        if b != 0x09 && b != 0x0A && b != 0x0D && b != 0x0C { other += 1 }
    }
}
