import JXModel
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
    /// Whether every scalar of `s` is in the plain ranges (see the type's comment). Read from the UTF-8
    /// bytes: plain scalars take one byte (ASCII) or three (the rest lie between U+0800 and U+FFFF).
    static func isPlain(_ s: String) -> Bool {
        allScalars(s) { isPlain($0) }
    }

    /// `isPlain` of a string's UTF-8 bytes, for callers that read the bytes for other reasons too.
    static func isPlain(utf8 u: UnsafeBufferPointer<UInt8>) -> Bool {
        allScalars(utf8: u) { isPlain($0) }
    }

    /// Whether every scalar of `s` is one byte or three in UTF-8 and passes `accept`, read from the bytes
    /// without decoding the string. Two- and four-byte scalars are never plain, so they fail at once.
    /// `accept` must hold for U+5000…U+9FFF, which are passed without asking it.
    private static func allScalars(_ s: String, _ accept: (UInt32) -> Bool) -> Bool {
        s.withUTF8Bytes { allScalars(utf8: $0, accept) }
    }

    private static func allScalars(utf8 u: UnsafeBufferPointer<UInt8>, _ accept: (UInt32) -> Bool) -> Bool {
        var i = 0
        while i < u.count {
            let b = u[i]
            if b < 0x80 {
                guard accept(UInt32(b)) else { return false }
                i += 1
            } else if b >= 0xE5 && b <= 0xE9 {
                // U+5000…U+9FFF, all CJK ideographs, which every caller accepts: most of a cell's bytes
                // are these, and they need no decoding. (Valid UTF-8: two continuation bytes follow.)
                i += 3
            } else {
                // Valid UTF-8 (a String is), so a lead byte 1110xxxx has two continuation bytes after it.
                guard b & 0xF0 == 0xE0, i + 2 < u.count else { return false }
                let v = UInt32(b & 0x0F) << 12 | UInt32(u[i + 1] & 0x3F) << 6 | UInt32(u[i + 2] & 0x3F)
                guard accept(v) else { return false }
                i += 3
            }
        }
        return true
    }

    /// Whether `s` can be compared and hashed as bytes (equal bytes ⇔ equal strings against any other such
    /// text), a wider test than `isPlain`, for keys only, not for searching.
    ///
    /// Swift compares strings by their NFC forms. A text whose scalars have no canonical decomposition,
    /// combining class 0 and no composition with a neighbour in the same set is its own NFC form, so two such
    /// texts are equal exactly when their bytes are. Plain scalars qualify; so does all of ASCII (controls
    /// too: keys are joined by U+001F, which alone sent every duplicate-row key to `String` hashing), and
    /// ≤ ≥ (they compose only with U+0338, which is not in the set) and ★ ☆, the symbols of indicator values
    /// and names in the corpus.
    static func isByteComparable(_ s: String) -> Bool {
        allScalars(s) { v in v < 0x80 || isPlain(v) || v == 0x2264 || v == 0x2265 || v == 0x2605 || v == 0x2606 }
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
    /// place the word's last byte occurs, `memcmp` checks the whole word there. (The last byte, not the
    /// first: in CJK text nearly every character starts with one of a few bytes, E4–E9, while a last byte
    /// is one of 64, so far fewer places are checked.)
    static func firstOffset(of word: UnsafeRawBufferPointer, in text: UnsafeRawBufferPointer, from: Int = 0) -> Int? {
        guard from >= 0, from <= text.count else { return nil }
        guard let w = word.baseAddress, let last = word.last else { return from }
        guard let t = text.baseAddress else { return nil }
        let lastOffset = word.count - 1
        var start = from
        while text.count - start >= word.count {
            // Only a start that leaves room for the whole word can match.
            let room = text.count - start - word.count + 1
            guard let hit = memchr(t + start + lastOffset, Int32(last), room) else { return nil }
            let offset = t.distance(to: UnsafeRawPointer(hit)) - lastOffset
            if memcmp(t + offset, w, word.count) == 0 { return offset }
            start = offset + 1
        }
        return nil
    }

    /// Whether the bytes hold a space (0x20), by `memchr`: every field of every row is asked, and the
    /// generic byte-by-byte `contains` cost several times as much on long cells.
    static func containsSpace(_ u: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = u.baseAddress else { return false }
        return memchr(base, 0x20, u.count) != nil
    }

    /// Whether the two texts have the same UTF-8 bytes (`memcmp`: the generic element-by-element comparison
    /// was a visible share of every lookup by bytes).
    static func sameBytes(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        return a.withUTF8Bytes { x in
            b.withUTF8Bytes { y in
                guard let p = x.baseAddress, let q = y.baseAddress else { return true }  // both empty
                return memcmp(p, q, x.count) == 0
            }
        }
    }

    /// `a == b`, by bytes when it can: equal bytes are equal strings, and unequal plain texts are unequal
    /// strings. `String`'s own comparison of non-ASCII text normalises both sides first.
    static func equal(_ a: String, _ b: String) -> Bool {
        if sameBytes(a, b) { return true }
        if isPlain(a) && isPlain(b) { return false }
        return a == b
    }

    /// `equal(a, b)` when the caller already knows whether both texts are plain (a row field's plainness is
    /// recorded once when its context is made, a rule's constant's when the rule is compiled): no scan.
    static func equal(_ a: String, _ b: String, bothPlain: Bool) -> Bool {
        bothPlain ? sameBytes(a, b) : equal(a, b)
    }

    /// Whether `word` occurs in `text` as bytes.
    static func bytes(_ text: String, contain word: String) -> Bool {
        text.withUTF8Bytes { t in
            word.withUTF8Bytes { w in firstOffset(of: UnsafeRawBufferPointer(w), in: UnsafeRawBufferPointer(t)) != nil }
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

/// A table from strings to values that answers plain-text queries by bytes.
///
/// `String` hashes and compares non-ASCII text under canonical equivalence, normalising it on every
/// lookup. When every key is byte-comparable (see `PlainText.isByteComparable`; plain text is) and so is
/// the query, byte equality is string equality, so the table hashes and compares UTF-8 bytes instead; other queries go to an ordinary
/// dictionary, so answers never differ from `[String: Value]`'s. The first value given for a key wins.
struct StringLookup<Value: Sendable>: Sendable {
    private let byString: [String: Value]
    /// The same entries by bytes; nil when some key is not byte-comparable.
    private let byBytes: [UTF8Key: Value]?
    /// Bit n set when some key is n UTF-8 bytes long (bit 63: 63 bytes or more), and bit b of
    /// `firstBytes[b / 64]` when some key starts with byte b. Most queries (cells tested against a word list)
    /// are no key, and these turn most of them away before hashing the query. For byte-comparable keys only.
    private let lengths: UInt64
    private let firstBytes: [UInt64]
    /// The byte-comparable entries again, in two parallel arrays, when there are few of them: comparing a
    /// query's bytes with a handful of keys costs less than hashing it (a comparator list, a framework's
    /// labels).
    private let fewKeys: [String]
    private let fewValues: [Value]
    private static var fewLimit: Int { 8 }

    init(_ entries: [(String, Value)]) {
        var byString: [String: Value] = [:]
        for (k, v) in entries where byString[k] == nil { byString[k] = v }
        self.byString = byString
        // Byte-comparable keys (a wider set than plain: "≥", "≤", "★") keep comparator and symbol lists on
        // the byte path too.
        byBytes = byString.keys.allSatisfy(PlainText.isByteComparable)
            ? Dictionary(byString.map { (UTF8Key($0.key), $0.value) }, uniquingKeysWith: { a, _ in a }) : nil
        var lengths: UInt64 = 0
        var firstBytes = [UInt64](repeating: 0, count: 4)
        for k in byString.keys {
            lengths |= StringLookup.lengthBit(k)
            if let b = k.utf8.first { firstBytes[Int(b >> 6)] |= 1 << UInt64(b & 63) }
        }
        self.lengths = lengths
        self.firstBytes = firstBytes
        let few = byBytes != nil && byString.count <= StringLookup.fewLimit ? Array(byString) : []
        fewKeys = few.map(\.key)
        fewValues = few.map(\.value)
    }

    private static func lengthBit(_ s: String) -> UInt64 { 1 << UInt64(min(s.utf8.count, 63)) }

    /// False when no key has the query's byte length or first byte (so no plain key equals it).
    private func mayHold(_ key: String) -> Bool {
        guard lengths & StringLookup.lengthBit(key) != 0 else { return false }
        guard let b = key.utf8.first else { return true }
        let i = Int(b >> 6)
        return firstBytes.indices.contains(i) && firstBytes[i] & (1 << UInt64(b & 63)) != 0
    }

    subscript(_ key: String) -> Value? {
        lookup(key, isPlain: PlainText.isPlain(key))
    }

    /// The value for `key`, whose plainness the caller knows (see `PlainText.equal(_:_:bothPlain:)`).
    func lookup(_ key: String, isPlain: Bool) -> Value? {
        // Plain text is byte-comparable; other queries ("≥") are checked, a short scan that costs less
        // than hashing under canonical equivalence.
        guard let byBytes, isPlain || PlainText.isByteComparable(key) else { return byString[key] }
        guard mayHold(key) else { return nil }
        if !fewKeys.isEmpty {
            for i in fewKeys.indices where PlainText.sameBytes(fewKeys[i], key) { return fewValues[i] }
            return nil
        }
        return byBytes[UTF8Key(key)]
    }
}

/// A string compared and hashed as its UTF-8 bytes (right for plain text only; see `StringLookup`).
struct UTF8Key: Hashable, Sendable {
    let text: String
    init(_ text: String) { self.text = text }

    static func == (a: UTF8Key, b: UTF8Key) -> Bool {
        PlainText.sameBytes(a.text, b.text)
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(text.withUTF8Bytes(PlainText.digest))
    }
}

extension PlainText {
    /// A 64-bit digest of the bytes, for `Hasher`: their length and every byte, eight at a time (the last
    /// eight read as one word, some of them twice), mixed by multiplication.
    ///
    /// Equal bytes digest alike, so a table keyed by bytes answers as before. Every byte counts: templated
    /// cells of one length often differ in a few bytes anywhere ("完成年度张家王庄村道路硬化工程…"), and a
    /// sample of the bytes would put thousands of such rows in one bucket, compared pair by pair. Feeding
    /// `Hasher` every byte cost about a thousand instructions per key; a few rounds of `mix` cost dozens.
    static func digest(_ u: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let raw = UnsafeRawBufferPointer(u)
        var h = mix(0x243F_6A88_85A3_08D3, UInt64(u.count))
        var offset = 0
        while offset + 8 <= u.count {
            h = mix(h, raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            offset += 8
        }
        guard offset < u.count else { return h }
        if u.count >= 8 { return mix(h, raw.loadUnaligned(fromByteOffset: u.count - 8, as: UInt64.self)) }
        var tail: UInt64 = 0
        for k in offset..<u.count { tail = tail << 8 | UInt64(u[k]) }
        return mix(h, tail)
    }

    /// One step of `digest`: the value folded in, multiplied by an odd constant, high bits folded down.
    static func mix(_ h: UInt64, _ value: UInt64) -> UInt64 {
        let m = (h ^ value) &* 0x9E37_79B9_7F4A_7C15
        return m ^ (m >> 29)
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
