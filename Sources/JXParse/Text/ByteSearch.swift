#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte-level tests on UTF-8 text, for deciding cheaply that a line or cell needs no closer look.
///
/// Swift compares strings by characters under canonical equivalence, and its substring search builds a
/// table on every call; both are slow for the many short lines of a document. The tests here are exact
/// gates in front of those searches: when a gate says no, the character search would say no as well.
extension StringProtocol {
    /// Whether `word` can occur in the text as characters. The words searched here are CJK words,
    /// punctuation and "[bookmark:". The only other spelling of such a character (one that Swift compares
    /// equal) is a CJK compatibility ideograph (U+F900–U+FAFF, U+2F800–U+2FA1F; e.g. U+F98E is equal to 年):
    /// so either the word's bytes occur, or the text holds such an ideograph. (Checked over all scalars for
    /// every character of the words used.)
    func mayContain(_ word: String) -> Bool {
        var word = word
        return word.withUTF8 { needleBytes in
            withUTF8Bytes { ByteSearch.occurs(needleBytes, in: $0) || ByteSearch.holdsCompatibilityIdeograph($0) }
        }
    }

    /// `contains(word)`, skipping the character search when the bytes rule it out.
    func contains(word: String) -> Bool { mayContain(word) && contains(word) }

    /// `hasPrefix(word)`, skipping the character comparison when the bytes rule it out.
    func hasPrefix(word: String) -> Bool { mayContain(word) && hasPrefix(word) }

    /// `firstRange(of: word)`, skipping the character search when the bytes rule it out.
    func firstRange(ofWord word: String) -> Range<Index>? { mayContain(word) ? firstRange(of: word) : nil }

    /// Whether the text's UTF-8 ends with `suffix`.
    func endsWithUTF8(_ suffix: [UInt8]) -> Bool {
        utf8.count >= suffix.count && utf8.suffix(suffix.count).elementsEqual(suffix)
    }

    /// Whether the text has at most `limit` characters. A character takes at least one byte, so a text of
    /// at most `limit` bytes needs no counting; otherwise counts no further than the one after the limit.
    func hasAtMost(_ limit: Int) -> Bool {
        utf8.count <= limit || index(startIndex, offsetBy: limit + 1, limitedBy: endIndex) == nil
    }

    private func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(utf8).withUnsafeBufferPointer(body)
    }
}

enum ByteSearch {
    /// memchr for the needle's last byte, memcmp for the whole (glibc's memmem needs _GNU_SOURCE). The last
    /// byte of a CJK character is a continuation byte, which varies far more than a lead byte (E4…E9 start
    /// most of the text), so memchr stops at fewer false candidates.
    static func occurs(_ needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = UnsafeRawPointer(haystack.baseAddress), let needleBase = needle.baseAddress,
              let last = needle.last else { return needle.isEmpty }
        let tail = needle.count - 1
        var offset = tail   // where the needle's last byte can first stand
        while offset < haystack.count {
            guard let hit = memchr(base + offset, Int32(last), haystack.count - offset) else { return false }
            let end = base.distance(to: UnsafeRawPointer(hit))
            // end >= tail, so the candidate start end - tail lies inside the haystack, and so does its end.
            if memcmp(base + (end - tail), needleBase, needle.count) == 0 { return true }
            offset = end + 1
        }
        return false
    }

    /// Whether the bytes hold a CJK compatibility ideograph: EF A4…AB xx (U+F900–U+FAFF) or F0 AF xx xx
    /// (U+2F800–U+2FA1F, conservatively all of U+2F000–U+2FFFF).
    static func holdsCompatibilityIdeograph(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var previous: UInt8 = 0
        for byte in bytes {
            if (previous == 0xEF && (0xA4...0xAB).contains(byte)) || (previous == 0xF0 && byte == 0xAF) { return true }
            previous = byte
        }
        return false
    }
}
