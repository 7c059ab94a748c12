import JXModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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

    /// Whether `word` occurs in `text`, as Foundation's `contains` answers: by bytes when both texts are
    /// plain (see `isPlain`), where that is the same answer, through Foundation otherwise. Foundation
    /// bridged both texts to NSString on every call: a quarter of an HTML report's run went to finding a
    /// finding's evidence in the cells of its row.
    static func contains(_ text: String, _ word: String) -> Bool {
        if isPlain(text) && isPlain(word) {
            return text.withUTF8Bytes { t in
                word.withUTF8Bytes { w in
                    // An empty word is in no text, as Foundation answers.
                    guard let wb = w.baseAddress, w.count > 0 else { return false }
                    guard let tb = t.baseAddress, t.count >= w.count else { return false }
                    // Each place the word's first byte occurs (memchr), checked whole (memcmp).
                    var start = 0
                    while t.count - start >= w.count {
                        guard let hit = memchr(tb + start, Int32(w[0]), t.count - start - w.count + 1) else { return false }
                        let at = tb.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                        if memcmp(tb + at, wb, w.count) == 0 { return true }
                        start = at + 1
                    }
                    return false
                }
            }
        }
        return text.contains(word)
    }

    /// Whether every scalar of `text` is "plain": one that has no canonical decomposition and never joins
    /// a neighbour into one character (ASCII but CR, CJK ideographs and punctuation, general punctuation,
    /// full-width forms), so that comparing and searching its UTF-8 bytes answers as `String` does. The
    /// set of the rules' `PlainText.isPlain` (JXRules), which this stage cannot import; a test holds the
    /// two to the same answers.
    static func isPlain(_ text: String) -> Bool {
        text.withUTF8Bytes { u in
            var i = 0
            while i < u.count {
                let b = u[i]
                if b < 0x80 {
                    guard b == 0x09 || b == 0x0A || (b >= 0x20 && b <= 0x7E) else { return false }
                    i += 1
                    continue
                }
                // Plain scalars other than ASCII lie between U+2010 and U+FFE6: three bytes each.
                guard b & 0xF0 == 0xE0, i + 2 < u.count else { return false }
                let v = UInt32(b & 0x0F) << 12 | UInt32(u[i + 1] & 0x3F) << 6 | UInt32(u[i + 2] & 0x3F)
                switch v {
                case 0x2010...0x2027, 0x2030...0x205E, 0x3000...0x3029, 0x3030...0x303F, 0x3400...0x4DBF,
                     0x4E00...0x9FFF, 0xFF01...0xFF60, 0xFFE0...0xFFE6:
                    i += 3
                default:
                    return false
                }
            }
            return true
        }
    }

    /// Whether a byte of the text passes `test` (an ASCII test: the bytes of other characters are ≥ 0x80).
    static func anyByte(of text: String, _ test: (UInt8) -> Bool) -> Bool {
        text.withUTF8Bytes { $0.contains(where: test) }
    }
}
