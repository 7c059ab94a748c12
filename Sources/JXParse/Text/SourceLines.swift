/// The lines of a document's text with their 1-based numbers. Splits on "\n" and drops a "\r" before it,
/// so CRLF files number their lines like LF files.
public struct SourceLines: Sendable {
    public let lines: [Substring]

    public init(_ text: String) {
        var lines: [Substring] = []
        var start = text.utf8.startIndex
        let utf8 = text.utf8
        var i = start
        while i != utf8.endIndex {
            if utf8[i] == 0x0A {
                lines.append(Self.trimCR(text[start..<i]))
                start = utf8.index(after: i)
            }
            i = utf8.index(after: i)
        }
        if start != utf8.endIndex { lines.append(Self.trimCR(text[start..<utf8.endIndex])) }
        self.lines = lines
    }

    private static func trimCR(_ line: Substring) -> Substring {
        line.utf8.last == 0x0D ? line.dropLast() : line
    }

    public var count: Int { lines.count }

    /// The line with 0-based index `i`, or "" past the end (a cut-off document must not trap).
    public subscript(_ i: Int) -> Substring { i >= 0 && i < lines.count ? lines[i] : "" }
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
