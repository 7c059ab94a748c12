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
    /// Whether any of `words` can occur in the text as characters. The words searched here are CJK words
    /// and punctuation. The only other spelling of such a character (one that Swift compares equal) is a CJK
    /// compatibility ideograph (U+F900–U+FAFF, U+2F800–U+2FA1F; e.g. U+F98E is equal to 年): so either a
    /// word's bytes occur, or the text holds such an ideograph (checked over all scalars for every character
    /// of the words used), looked for once for all the words.
    func mayContain(anyOf words: [String]) -> Bool {
        withUTF8Bytes { hay in
            words.contains { word in
                var word = word
                return word.withUTF8 { ByteSearch.occurs($0, in: hay) }
            } || ByteSearch.holdsCompatibilityIdeograph(hay)
        }
    }

    /// `contains(word)`, answered from the bytes unless they cannot tell (see `wordMatch`).
    func contains(word: String) -> Bool {
        switch wordMatch(word) {
        case .absent: return false
        case .found: return true
        case .unsure: return contains(word)
        }
    }

    /// `hasPrefix(word)`, answered from the bytes unless they cannot tell (see `wordMatch`).
    func hasPrefix(word: String) -> Bool {
        switch wordMatch(word) {
        case .absent: return false
        // Without compatibility ideographs a prefix in characters is a prefix in bytes: the first match.
        case .found(let offset): return offset == 0
        case .unsure: return hasPrefix(word)
        }
    }

    /// `hasSuffix(word)`, answered from the bytes unless they cannot tell. Without a compatibility ideograph
    /// in the text a suffix in characters is a suffix in bytes (see `mayContain`); a byte suffix is a
    /// character suffix when the scalar before it cannot join the word's first character (see `wordMatch`).
    func hasSuffix(word: String) -> Bool {
        var word = word
        let fromBytes: Bool? = word.withUTF8 { needle in
            withUTF8Bytes { hay -> Bool? in
                if ByteSearch.holdsCompatibilityIdeograph(hay) { return nil }
                let start = hay.count - needle.count
                guard start >= 0, UnsafeBufferPointer(rebasing: hay[start...]).elementsEqual(needle) else {
                    return false
                }
                return ByteSearch.isPlainBoundary(hay, before: start) ? true : nil
            }
        }
        return fromBytes ?? hasSuffix(word)
    }

    /// `firstRange(of: word)`, answered from the bytes unless they cannot tell (see `wordMatch`).
    func firstRange(ofWord word: String) -> Range<Index>? {
        switch wordMatch(word) {
        case .absent:
            return nil
        case .found(let offset):
            // The match lies on character boundaries, so UTF-8 positions are character positions.
            let start = utf8.index(utf8.startIndex, offsetBy: offset)
            return start..<utf8.index(start, offsetBy: word.utf8.count)
        case .unsure:
            return firstRange(of: word)
        }
    }

    /// Where `word` first occurs as characters, decided on bytes when that is exact.
    ///
    /// Without a CJK compatibility ideograph in the text, the word's characters have one spelling only (see
    /// `mayContain`), so no byte match means no character match. A byte match is a character match when it
    /// starts and ends on character boundaries: the scalars on either side are ASCII or CJK ideographs
    /// (U+4000–U+9FFF), and no grapheme rule joins those to a neighbour. Anything else (a combining mark
    /// after the match, a compatibility ideograph anywhere) is `.unsure`, and the caller searches characters.
    func wordMatch(_ word: String) -> WordMatch {
        var word = word
        return word.withUTF8 { needle in
            withUTF8Bytes { hay in
                if ByteSearch.holdsCompatibilityIdeograph(hay) { return .unsure }
                guard let offset = ByteSearch.firstOffset(needle, in: hay) else { return .absent }
                let end = offset + needle.count
                return ByteSearch.isPlainBoundary(hay, before: offset) && ByteSearch.isPlainBoundary(hay, at: end)
                    ? .found(utf8Offset: offset) : .unsure
            }
        }
    }

    /// Whether the text has a space: `memchr` rather than the generic byte-by-byte `contains`, as the texts
    /// asked about are often long prose.
    func containsSpace() -> Bool {
        withUTF8Bytes { buffer in
            guard let base = buffer.baseAddress else { return false }
            return memchr(base, 0x20, buffer.count) != nil
        }
    }

    /// Whether the text's UTF-8 ends with `suffix`.
    func endsWithUTF8(_ suffix: [UInt8]) -> Bool {
        utf8.count >= suffix.count && utf8.suffix(suffix.count).elementsEqual(suffix)
    }

    /// Whether the text has at most `limit` characters. A character takes at least one byte, so a text of
    /// at most `limit` bytes needs no counting; otherwise counts no further than the one after the limit.
    func hasAtMost(_ limit: Int) -> Bool {
        utf8.count <= limit || index(startIndex, offsetBy: limit + 1, limitedBy: endIndex) == nil
    }

    /// Whether the two texts are the same UTF-8 bytes. (`==` also equates canonically equivalent spellings.)
    func hasSameUTF8<Other: StringProtocol>(as other: Other) -> Bool {
        utf8.count == other.utf8.count && withUTF8Bytes { a in
            other.withUTF8Bytes { b in
                guard let x = a.baseAddress, let y = b.baseAddress else { return a.count == b.count }
                return a.count == b.count && memcmp(x, y, a.count) == 0
            }
        }
    }

    func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(utf8).withUnsafeBufferPointer(body)
    }
}

/// The answer of `StringProtocol.wordMatch`.
enum WordMatch: Equatable {
    case absent
    /// The word's first occurrence, at this UTF-8 offset, is certainly a character match.
    case found(utf8Offset: Int)
    /// The bytes cannot tell: search characters.
    case unsure
}

enum ByteSearch {
    /// memchr for the needle's last byte, memcmp for the whole (glibc's memmem needs _GNU_SOURCE). The last
    /// byte of a CJK character is a continuation byte, which varies far more than a lead byte (E4…E9 start
    /// most of the text), so memchr stops at fewer false candidates.
    static func occurs(_ needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>) -> Bool {
        needle.isEmpty || firstOffset(needle, in: haystack) != nil
    }

    /// The offset of the first occurrence of `needle` in `haystack` (nil for an empty needle).
    static func firstOffset(_ needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = UnsafeRawPointer(haystack.baseAddress), let needleBase = needle.baseAddress,
              let last = needle.last else { return nil }
        let tail = needle.count - 1
        var offset = tail   // where the needle's last byte can first stand
        while offset < haystack.count {
            guard let hit = memchr(base + offset, Int32(last), haystack.count - offset) else { return nil }
            let end = base.distance(to: UnsafeRawPointer(hit))
            // end >= tail, so the candidate start end - tail lies inside the haystack, and so does its end.
            if memcmp(base + (end - tail), needleBase, needle.count) == 0 { return end - tail }
            offset = end + 1
        }
        return nil
    }

    /// The scalar (its value) of valid UTF-8 `bytes` at `offset` and its length in bytes, if it is one that
    /// makes a character on its own, whatever stands next to it, and that Swift compares equal to no other
    /// scalar of the set: ASCII except "\r" (which joins a following "\n"); U+3000–U+3029 (CJK punctuation,
    /// before the combining tone marks U+302A–U+302F); U+4000–U+9FFF (CJK ideographs); U+FF01–U+FF5E
    /// (full-width forms). None of them has a canonical decomposition, and all have grapheme break property
    /// Other, LF or Control: in a text of them only, each scalar is one character, and characters are equal
    /// when their scalars are. nil for any other scalar, or past the end.
    static func singleCharacterScalar(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> (UInt32, Int)? {
        guard offset >= 0, offset < bytes.count else { return nil }
        let lead = bytes[offset]
        if lead < 0x80 { return lead == 0x0D ? nil : (UInt32(lead), 1) }
        guard offset + 2 < bytes.count else { return nil }
        let second = bytes[offset + 1], third = bytes[offset + 2]
        switch lead {
        case 0xE4...0xE9: break                                                // U+4000–U+9FFF
        case 0xE3: guard second == 0x80, third <= 0xA9 else { return nil }     // U+3000–U+3029
        case 0xEF:                                                             // U+FF01–U+FF5E
            guard (second == 0xBC && third >= 0x81) || (second == 0xBD && third <= 0x9E) else { return nil }
        default: return nil
        }
        let value = UInt32(lead & 0x0F) << 12 | UInt32(second & 0x3F) << 6 | UInt32(third & 0x3F)
        return (value, 3)
    }

    /// Whether every scalar of valid UTF-8 `bytes` is one `singleCharacterScalar` reads.
    static func isSingleCharacterScalars(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var offset = 0
        while offset < bytes.count {
            guard let (_, length) = singleCharacterScalar(bytes, at: offset) else { return false }
            offset += length
        }
        return true
    }

    /// Whether the scalar that ends just before `offset` is ASCII or a CJK ideograph (or there is none).
    /// No grapheme rule joins such a scalar to what follows it unless that is a combining mark, which
    /// `isPlainBoundary(_:at:)` checks on the other side.
    static func isPlainBoundary(_ bytes: UnsafeBufferPointer<UInt8>, before offset: Int) -> Bool {
        guard offset > 0, offset <= bytes.count else { return offset == 0 }
        if bytes[offset - 1] < 0x80 { return true }
        // In valid UTF-8 a three-byte lead at offset - 3 owns the two bytes after it.
        return offset >= 3 && (0xE4...0xE9).contains(bytes[offset - 3])
    }

    /// Whether the scalar that starts at `offset` is ASCII or a CJK ideograph (or the text ends there):
    /// neither extends the character before it.
    static func isPlainBoundary(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> Bool {
        guard offset >= 0, offset < bytes.count else { return offset == bytes.count }
        return bytes[offset] < 0x80 || (0xE4...0xE9).contains(bytes[offset])
    }

    /// Whether the bytes hold a CJK compatibility ideograph: EF A4…AB xx (U+F900–U+FAFF) or F0 AF xx xx
    /// (U+2F800–U+2FA1F, conservatively all of U+2F000–U+2FFFF).
    ///
    /// Asked of nearly every text searched, so it jumps from lead byte to lead byte with `memchr`: EF starts
    /// the full-width punctuation of Chinese prose (，：（）) and F0 is rare, while most bytes are neither.
    static func holdsCompatibilityIdeograph(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = UnsafeRawPointer(bytes.baseAddress) else { return false }
        func followed(_ lead: UInt8, by seconds: ClosedRange<UInt8>) -> Bool {
            var offset = 0
            while offset < bytes.count, let hit = memchr(base + offset, Int32(lead), bytes.count - offset) {
                let at = base.distance(to: UnsafeRawPointer(hit))
                if at + 1 < bytes.count, seconds.contains(bytes[at + 1]) { return true }
                offset = at + 1
            }
            return false
        }
        return followed(0xEF, by: 0xA4...0xAB) || followed(0xF0, by: 0xAF...0xAF)
    }
}
