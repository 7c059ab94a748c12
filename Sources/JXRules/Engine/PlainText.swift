import Glibc

/// Text search that gives `String`'s answers at the speed of a byte scan, when it can.
///
/// `String` (and Foundation) compare characters under canonical equivalence: "é" is one character whether it
/// is written as one scalar or two, and a word never matches half a character. For text made only of scalars
/// that have no canonical decomposition and never join a neighbour into one character — ASCII without CR,
/// CJK ideographs, CJK and general punctuation, full-width forms: what goal tables are written in — that is
/// the same as comparing UTF-8 bytes. The helpers here take the byte path when both sides are such "plain"
/// text and the `String` path otherwise, so their answers never differ from `String`'s.
enum PlainText {
    /// Whether every scalar of `s` is in the plain ranges (see the type's comment).
    static func isPlain(_ s: String) -> Bool {
        s.unicodeScalars.allSatisfy { isPlain($0.value) }
    }

    private static func isPlain(_ v: UInt32) -> Bool {
        switch v {
        case 0x09, 0x0A, 0x20...0x7E: return true  // ASCII (CR would join LF into one character)
        case 0x2010...0x2027, 0x2030...0x205E: return true  // dashes, quotes, ‰, ※ …
        case 0x3000...0x3029, 0x3030...0x303F: return true  // CJK punctuation (not the tone marks 302A–302F)
        case 0x3400...0x4DBF, 0x4E00...0x9FFF: return true  // CJK ideographs
        case 0xFF01...0xFF60, 0xFFE0...0xFFE6: return true  // full-width forms (not half-width kana marks)
        default: return false
        }
    }

    /// The offset of the first occurrence of `word` in `text` at or after byte `from`: `memchr` finds each
    /// place the first byte occurs, `memcmp` checks the rest.
    static func firstOffset(of word: UnsafeRawBufferPointer, in text: UnsafeRawBufferPointer, from: Int = 0) -> Int? {
        guard from >= 0, from <= text.count else { return nil }
        guard let w = word.baseAddress, let first = word.first else { return from }
        guard let t = text.baseAddress else { return nil }
        var start = from
        while text.count - start >= word.count {
            // Only a start that leaves room for the whole word can match.
            let room = text.count - start - word.count + 1
            guard let hit = memchr(t + start, Int32(first), room) else { return nil }
            let offset = t.distance(to: UnsafeRawPointer(hit))
            if memcmp(hit, w, word.count) == 0 { return offset }
            start = offset + 1
        }
        return nil
    }

    /// Whether `word` occurs in `text` as bytes.
    static func bytes(_ text: String, contain word: String) -> Bool {
        var text = text, word = word
        return text.withUTF8 { t in
            word.withUTF8 { w in firstOffset(of: UnsafeRawBufferPointer(w), in: UnsafeRawBufferPointer(t)) != nil }
        }
    }

    /// `text` without the non-overlapping occurrences of `word`, taken left to right (what
    /// `replacingOccurrences(of: word, with: "")` does to plain text).
    static func removing(_ word: [UInt8], from text: [UInt8]) -> [UInt8] {
        text.withUnsafeBytes { t in
            word.withUnsafeBytes { w in
                guard var hit = firstOffset(of: w, in: t), !w.isEmpty else { return text }
                var out: [UInt8] = []
                out.reserveCapacity(text.count)
                var kept = 0
                while true {
                    out += text[kept..<hit]
                    kept = hit + w.count
                    guard let next = firstOffset(of: w, in: t, from: kept) else { break }
                    hit = next
                }
                out += text[kept...]
                return out
            }
        }
    }
}

extension String {
    /// `contains(word)`, by bytes when both texts are plain (see `PlainText`).
    func fastContains(_ word: String) -> Bool {
        if PlainText.isPlain(self) && PlainText.isPlain(word) { return PlainText.bytes(self, contain: word) }
        return contains(word)
    }
}

extension Unicode.GeneralCategory {
    /// The punctuation categories, as `Character.isPunctuation` reads them.
    var isPunctuation: Bool {
        switch self {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
             .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }
}
