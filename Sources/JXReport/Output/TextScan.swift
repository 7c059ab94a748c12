/// Scans of a text's UTF-8 bytes that reporters make on every cell and message they write.
enum TextScan {
    /// `text.contains(where: \.isNewline)`, read from the UTF-8 bytes: walking the characters (grapheme
    /// breaking and a property test each) took over a quarter of a text report's run, for every message,
    /// quote and hint. A character is a newline when its first scalar is U+000A–000D, U+0085, U+2028 or
    /// U+2029, and each of these is a character of its own (or the start of "\r\n"), so a text holds a
    /// newline character exactly when its UTF-8 holds one of their encodings: 0A–0D, C2 85, E2 80 A8/A9.
    static func containsNewline(_ text: String) -> Bool {
        text.withUTF8Bytes(containsNewline(utf8:))
    }

    private static func containsNewline(utf8 u: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < u.count {
            let b = u[i]
            if b >= 0x0A && b <= 0x0D { return true }
            if b == 0xC2, i + 1 < u.count, u[i + 1] == 0x85 { return true }
            if b == 0xE2, i + 2 < u.count, u[i + 1] == 0x80, u[i + 2] == 0xA8 || u[i + 2] == 0xA9 { return true }
            i += 1
        }
        return false
    }

    /// Whether a byte of the text passes `test` (an ASCII test: the bytes of other characters are ≥ 0x80).
    static func anyByte(of text: String, _ test: (UInt8) -> Bool) -> Bool {
        text.withUTF8Bytes { $0.contains(where: test) }
    }
}

extension String {
    /// Calls `body` with the string's UTF-8 bytes, read in place (only a bridged string, which does not
    /// hold them contiguously, is copied): `withUTF8` is mutating, so it costs a copy into a `var` first.
    @inline(__always)
    func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return try copy.withUTF8(body)
    }
}
