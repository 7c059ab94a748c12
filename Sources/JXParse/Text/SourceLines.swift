#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The lines of a document's text with their 1-based numbers. Splits on "\n" and drops a "\r" before it,
/// so CRLF files number their lines like LF files.
///
/// Lines are kept as byte ranges into the text (found with `memchr`), and a line becomes a `Substring` only
/// when it is asked for: most of a document is prose that the parser only skips.
public struct SourceLines: Sendable {
    private let text: String
    /// UTF-8 offsets of each line in `text`, without its "\n" and the "\r" before it.
    private let ranges: [Range<Int>]

    public init(_ text: String) {
        var text = text
        self.ranges = text.withUTF8 { Self.lineRanges(UnsafeRawBufferPointer($0)) }
        self.text = text
    }

    private static func lineRanges(_ bytes: UnsafeRawBufferPointer) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        guard let base = bytes.baseAddress else { return ranges }
        ranges.reserveCapacity(bytes.count / 32)
        var start = 0
        while start < bytes.count {
            guard let found = memchr(base + start, 0x0A, bytes.count - start) else { break }
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
        // Line ends are character boundaries (a line break is a character of its own), so slicing the UTF-8
        // view gives the same text as slicing by characters, without the grapheme checks.
        let utf8 = text.utf8
        let range = ranges[i]
        let start = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
        let end = utf8.index(utf8.startIndex, offsetBy: range.upperBound)
        return Substring(utf8[start..<end])
    }
}

extension Substring {
    /// Whether the line starts with a TAB: in cell-per-line documents that starts a cell.
    var startsWithTab: Bool { utf8.first == 0x09 }

    /// Whether the line holds only whitespace (spaces, tabs, U+3000, NBSP).
    var isBlank: Bool {
        for s in unicodeScalars where !(s == " " || s == "\t" || s == "\u{3000}" || s == "\u{A0}" || s == "\r") {
            return false
        }
        return true
    }
}
