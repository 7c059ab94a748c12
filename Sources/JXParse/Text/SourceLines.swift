#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The lines of a document's text with their 1-based numbers. Splits on "\n" and drops a "\r" before it,
/// so CRLF files number their lines like LF files; a text with no "\n" but with "\r" (old Mac line ends)
/// splits on "\r".
///
/// Lines are kept as byte ranges (found with `memchr`) into the text's UTF-8; no `String` of the whole text
/// is made. Most of a document is prose and tables that are not goal tables, which the parser only has to
/// skip: it tests a line's bytes (`bytes(_:)`) and makes its text (`subscript`, `string(_:_:)`) only when
/// the bytes say the line may matter.
public struct SourceLines: Sendable {
    /// Valid UTF-8: a `String`'s, or a file's that the decoder validated.
    private let utf8: ArraySlice<UInt8>
    /// Offsets of each line from `utf8.startIndex`, without its "\n" and the "\r" before it.
    private let ranges: [Range<Int>]

    public init(_ text: String) {
        self.init(utf8: ArraySlice(text.utf8))
    }

    /// `utf8` must be valid UTF-8 (the decoder hands over the file's bytes once it has validated them).
    init(utf8: ArraySlice<UInt8>) {
        self.utf8 = utf8
        self.ranges = utf8.withUnsafeBytes(Self.lineRanges)
    }

    private static func lineRanges(_ bytes: UnsafeRawBufferPointer) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        guard let base = bytes.baseAddress else { return ranges }
        // Lines of budget documents average about 20 bytes (cells are short): room for 16-byte lines spares
        // regrowing and copying the array.
        ranges.reserveCapacity(bytes.count / 16)
        let separator: Int32 = memchr(base, 0x0A, bytes.count) == nil && memchr(base, 0x0D, bytes.count) != nil
            ? 0x0D : 0x0A
        var start = 0
        while start < bytes.count {
            guard let found = memchr(base + start, separator, bytes.count - start) else { break }
            let newline = base.distance(to: UnsafeRawPointer(found))
            ranges.append(start..<trimCR(bytes, start, newline))
            start = newline + 1
        }
        if start < bytes.count { ranges.append(start..<trimCR(bytes, start, bytes.count)) }
        return ranges
    }

    /// `end`, or one less when the byte before it is "\r".
    private static func trimCR(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Int {
        end > start && end <= bytes.count && bytes[end - 1] == 0x0D ? end - 1 : end
    }

    public var count: Int { ranges.count }

    /// Every line (for callers that want them all at once).
    public var lines: [Substring] { ranges.indices.map { self[$0] } }

    /// The line with 0-based index `i`, or "" past the end (a cut-off document must not trap).
    public subscript(_ i: Int) -> Substring {
        guard i >= 0 && i < ranges.count else { return "" }
        return Substring(string(i, 0..<ranges[i].count))
    }

    /// Bytes `part` of the line with 0-based index `i` (offsets from the line's start) as a new string, ""
    /// when out of range. The part must start and end on character boundaries.
    func string(_ i: Int, _ part: Range<Int>) -> String {
        guard i >= 0 && i < ranges.count, !part.isEmpty, part.lowerBound >= 0,
              part.upperBound <= ranges[i].count else { return "" }
        let start = utf8.startIndex + ranges[i].lowerBound
        // Cut from the decoder's valid UTF-8: it need not be validated again.
        return utf8[(start + part.lowerBound)..<(start + part.upperBound)].withUnsafeBufferPointer(String.init(cutFromValidUTF8:))
    }

    /// Calls `body` with the UTF-8 bytes of the line with 0-based index `i` (none past the end), for readers
    /// that cut strings from them with `String(cutFromValidUTF8:)`.
    func withBytes<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        guard i >= 0 && i < ranges.count else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        let range = ranges[i]
        return utf8.withUnsafeBufferPointer { all in body(UnsafeBufferPointer(rebasing: all[range])) }
    }

    /// Whether the line with 0-based index `i` starts with a TAB (a cell, in cell-per-line documents).
    /// Cheaper than `bytes(i).startsWithTab` for the many lines that are skipped on this test alone.
    func startsWithTab(_ i: Int) -> Bool {
        guard i >= 0 && i < ranges.count, !ranges[i].isEmpty else { return false }
        return utf8[utf8.startIndex + ranges[i].lowerBound] == 0x09
    }

    /// The UTF-8 bytes of the line with 0-based index `i`, empty past the end.
    func bytes(_ i: Int) -> LineBytes {
        guard i >= 0 && i < ranges.count else { return LineBytes(bytes: []) }
        let range = ranges[i]
        return LineBytes(bytes: utf8[(utf8.startIndex + range.lowerBound)..<(utf8.startIndex + range.upperBound)])
    }
}

/// The UTF-8 bytes of one line, for the cheap tests that decide whether a line needs reading at all.
struct LineBytes {
    let bytes: ArraySlice<UInt8>

    /// Whether the line starts with a TAB: in cell-per-line documents that starts a cell.
    var startsWithTab: Bool { bytes.first == 0x09 }

    /// Whether the line holds only whitespace (spaces, tabs, U+3000, NBSP), read byte by byte: most lines
    /// are not blank and say so at their first byte.
    var isBlank: Bool {
        var i = bytes.startIndex
        while i < bytes.endIndex {
            switch bytes[i] {
            case 0x20, 0x09, 0x0D: i += 1
            case 0xC2 where i + 1 < bytes.endIndex && bytes[i + 1] == 0xA0: i += 2                         // U+00A0
            case 0xE3 where i + 2 < bytes.endIndex && bytes[i + 1] == 0x80 && bytes[i + 2] == 0x80: i += 3   // U+3000
            default: return false
            }
        }
        return true
    }

    func contains(_ byte: UInt8) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return false }
            return memchr(base, Int32(byte), buffer.count) != nil
        }
    }

    /// Whether `needle` occurs in the line, byte for byte. Callers search words whose characters have no
    /// other canonical spelling, so bytes and characters agree (see `StringProtocol.mayContain`).
    func contains(_ needle: [UInt8]) -> Bool {
        needle.withUnsafeBufferPointer { n in bytes.withUnsafeBufferPointer { ByteSearch.occurs(n, in: $0) } }
    }

    /// The first scalar that `Normalizer` would not trim away as a space, also skipping markdown's "#" and
    /// "*" when asked to.
    func firstSignificantScalar(skippingMarkdown: Bool = false) -> Unicode.Scalar? {
        scalars.first { !Normalizer.isSpace($0) && !(skippingMarkdown && ($0 == "#" || $0 == "*")) }
    }

    /// The line's scalars, decoded as they are needed.
    var scalars: Scalars { Scalars(bytes: bytes) }

    /// Decodes the line's bytes, which are valid UTF-8 (see `SourceLines.utf8`), by the lead byte's length:
    /// the standard library's general decoder, which has to find and report errors, costs several times
    /// more for the first scalar or two that callers look at. A cut-off or malformed sequence (not expected)
    /// gives U+FFFD, never a trap.
    struct Scalars: Sequence, IteratorProtocol {
        let bytes: ArraySlice<UInt8>
        var position: Int

        init(bytes: ArraySlice<UInt8>) {
            self.bytes = bytes
            position = bytes.startIndex
        }

        mutating func next() -> Unicode.Scalar? {
            guard position < bytes.endIndex else { return nil }
            let lead = bytes[position]
            let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
            guard bytes.endIndex - position >= length else {
                position = bytes.endIndex
                return "\u{FFFD}"
            }
            // The lead's payload bits, then six bits from each continuation byte.
            var value = length == 1 ? UInt32(lead) : UInt32(lead) & (0x7F >> length)
            var k = position + 1
            while k < position + length {
                value = value << 6 | UInt32(bytes[k] & 0x3F)
                k += 1
            }
            position += length
            return Unicode.Scalar(value) ?? "\u{FFFD}"
        }
    }
}

extension String {
    /// A string of `bytes`, which must be cut from well-formed UTF-8 (the decoder validated the text, or the
    /// caller encoded it), made without validating them again: for a short cell the standard library's
    /// check costs as much as the copy and allocation together. Bytes cut inside a scalar are seen at
    /// their ends and repaired as `String(decoding:)` would, never taken as they are.
    init(cutFromValidUTF8 bytes: UnsafeBufferPointer<UInt8>) {
        guard #available(macOS 26.0, iOS 26.0, tvOS 26.0, watchOS 26.0, visionOS 26.0, *),
              Self.holdsWholeScalars(bytes) else {
            self = String(decoding: bytes, as: UTF8.self)
            return
        }
        var span = unsafe UTF8Span(unchecked: bytes.span)
        // Flagged ASCII as `String(decoding:)` would flag it: ASCII strings compare and hash faster.
        _ = span.checkForASCII()
        self = String(copying: span)
    }

    /// Whether `bytes`, cut from well-formed UTF-8, start at a scalar's first byte and end with a scalar's
    /// last: the first byte is no continuation byte (10xxxxxx), and the last lead byte has as many bytes
    /// after it as its sequence needs.
    private static func holdsWholeScalars(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first else { return true }
        if first & 0xC0 == 0x80 { return false }
        var lead = bytes.count - 1
        while lead > 0, bytes[lead] & 0xC0 == 0x80 { lead -= 1 }
        let b = bytes[lead]
        let length = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
        return bytes.count - lead == length
    }
}
