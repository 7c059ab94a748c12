import JXModel
import Foundation

/// A named word list from `Rules/lexicons/` (ecological words, reverse-polarity words …), or a named map of
/// word lists (unit classes, indicator frameworks).
///
/// Rules test many cells against many words, so words are kept as UTF-8 indexed by their first bytes (see
/// `WordIndex`): a `containsAny` test walks the text once instead of calling `String.contains` per word.
public final class Lexicon: Sendable {
    /// The name rules use to refer to it ("eco-words").
    public let id: String
    public let description: String
    /// The words, as written in the file.
    public let words: [String]
    /// For map lexicons: each key's words ("money" → ["元", "万元", …]). Empty for plain word lists.
    public let map: [String: [String]]
    /// The file it came from, for error messages and `explain`.
    public let file: String

    /// The matcher's words (see `WordIndex`), longest first, as strings for `firstWord`.
    private let matchOrder: [String]
    private let index: WordIndex
    /// Exact-word lookups (`in`), by bytes when they can be (see `StringLookup`).
    private let wordSet: StringLookup<Bool>
    /// The words, longest first (words of one length in file order).
    let wordsLongestFirst: [String]
    /// The same as UTF-8, when every word is plain text (see `PlainText`).
    let plainWordsLongestFirst: [[UInt8]]?
    /// The scalars of each of `wordsLongestFirst` as `ScalarBits` positions, one after the other: word k's
    /// are `wordScalarBits[wordScalarStart[k]..<wordScalarStart[k + 1]]`.
    private let wordScalarBits: [Int]
    private let wordScalarStart: [Int]

    /// The `ScalarBits` positions of word `k` of `wordsLongestFirst` (none for a position out of range).
    func scalarBits(ofWord k: Int) -> ArraySlice<Int> {
        guard k >= 0, k + 1 < wordScalarStart.count, wordScalarStart[k] <= wordScalarStart[k + 1],
              wordScalarStart[k + 1] <= wordScalarBits.count else { return [] }
        return wordScalarBits[wordScalarStart[k]..<wordScalarStart[k + 1]]
    }
    /// For map lexicons: each word's key (the first key in sorted order when a word is under several).
    private let keyByWord: StringLookup<String>

    init(id: String, description: String, words: [String], map: [String: [String]], file: String) {
        self.id = id
        self.description = description
        self.words = words
        self.map = map
        self.file = file
        // Longest first, so that the word a message quotes is the most specific one (file order among
        // words of one length).
        matchOrder = words.enumerated().sorted { a, b in
            let ca = a.element.unicodeScalars.count, cb = b.element.unicodeScalars.count
            return ca != cb ? ca > cb : a.offset < b.offset
        }.map(\.element)
        index = WordIndex(matchOrder)
        wordSet = StringLookup(words.map { ($0, true) })
        wordsLongestFirst = words.sorted(by: { $0.count > $1.count })
        plainWordsLongestFirst = wordsLongestFirst.allSatisfy(PlainText.isPlain) ? wordsLongestFirst.map { Array($0.utf8) } : nil
        var bits: [Int] = [], starts: [Int] = []
        for w in wordsLongestFirst {
            starts.append(bits.count)
            bits += w.unicodeScalars.map { ScalarBits.position(of: $0) }
        }
        starts.append(bits.count)
        wordScalarBits = bits
        wordScalarStart = starts
        var keyByWord: [(String, String)] = []
        var seen: Set<String> = []
        for key in map.keys.sorted() {
            for word in map[key] ?? [] where seen.insert(word).inserted { keyByWord.append((word, key)) }
        }
        self.keyByWord = StringLookup(keyByWord)
    }

    /// The first word of the lexicon found inside `text` (at the first position where one occurs, the
    /// longest there), or nil.
    public func firstWord(in text: String) -> String? {
        index.firstMatch(in: text).map { matchOrder[$0] }
    }

    /// Whether some word of the lexicon occurs inside `text`.
    public func occurs(in text: String) -> Bool { index.firstMatch(in: text) != nil }

    /// Whether `text` ends with one of the words.
    public func hasSuffix(_ text: String) -> Bool { index.hasSuffix(text) }

    /// Whether `text` starts with one of the words.
    public func hasPrefix(_ text: String) -> Bool { index.hasPrefix(text) }

    /// Whether `text` is exactly one of the words.
    public func containsExactly(_ text: String) -> Bool { wordSet[text] ?? false }

    /// `containsExactly` of a text whose plainness is known (see `PlainText.equal(_:_:bothPlain:)`).
    func containsExactly(_ text: String, isPlain: Bool) -> Bool { wordSet.lookup(text, isPlain: isPlain) ?? false }

    /// The key of the map whose list holds `word` exactly ("万元" → "money").
    public func key(containing word: String) -> String? { keyByWord[word] }

    /// Reads a lexicon file: `{"id", "description", "words": [...]}` or `{"id", "description", "map": {...}}`.
    static func load(from url: URL) throws -> Lexicon {
        let file = url.path
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw RuleLoadError(file: file, reason: "cannot be read (\(error.localizedDescription))")
        }
        let json = try JSONObject.parse(data, file: file)
        let id = try json.requireString("id")
        let description = try json.string("description") ?? ""
        var words = try json.strings("words") ?? []
        var map: [String: [String]] = [:]
        if let m = try json.object("map") {
            for key in m.dict.keys.sorted() {
                guard let list = try m.strings(key) else { continue }
                map[key] = list
                words += list
            }
        }
        if words.isEmpty {
            throw RuleLoadError(file: file, reason: "lexicon \"\(id)\" has no \"words\" and no \"map\"")
        }
        if let empty = words.first(where: { $0.isEmpty }) {
            throw RuleLoadError(file: file, reason: "lexicon \"\(id)\" holds an empty word \(empty.debugDescription)")
        }
        return Lexicon(id: id, description: description, words: words, map: map, file: file)
    }
}

/// Words as UTF-8 in flat arrays, found by their first two bytes and by their last byte.
///
/// In valid UTF-8 a word's bytes occur in a text exactly where its scalars do, so matching bytes is matching
/// scalars (what the lexicon tests mean). A containsAny test runs on most rows, so the walk over the text
/// touches only integer arrays: the two bytes at a position pick one of 1024 buckets (for CJK text, whose
/// characters are three bytes from E0–EF and 80–BF, the bucket is nearly the character itself), and only
/// the bucket's words are compared. One-byte words ("/", "%") sit in a table of their own.
struct WordIndex: Sendable {
    /// Every word's bytes, one after the other, in match order.
    private let bytes: [UInt8]
    /// Where word i starts in `bytes`; word i ends where word i + 1 starts.
    private let starts: [Int]
    /// Words of two bytes or more, by bucket: bucket k holds `byFirstTwo[firstTwoStart[k]..<firstTwoStart[k + 1]]`
    /// in match order.
    private let firstTwoStart: [Int]
    private let byFirstTwo: [Int]
    /// Words by their last byte, the same way (for `hasSuffix`).
    private let lastStart: [Int]
    private let byLast: [Int]
    /// The one-byte word with this byte value, or -1.
    private let oneByte: [Int]
    /// Bit k of `nonEmpty[k / 64]` is set when bucket k of `byFirstTwo` holds a word.
    private let nonEmpty: [UInt64]

    init(_ words: [String]) {
        var bytes: [UInt8] = [], starts: [Int] = []
        for w in words {
            starts.append(bytes.count)
            bytes += w.utf8
        }
        starts.append(bytes.count)
        var firstTwo = [[Int]](repeating: [], count: 1024), last = [[Int]](repeating: [], count: 256)
        var oneByte = [Int](repeating: -1, count: 256)
        for (i, w) in words.enumerated() {
            let u = Array(w.utf8)
            guard let l = u.last else { continue }
            last[Int(l)].append(i)
            if u.count == 1 {
                if oneByte[Int(l)] < 0 { oneByte[Int(l)] = i }
            } else {
                firstTwo[WordIndex.bucket(u[0], u[1])].append(i)
            }
        }
        func flatten(_ buckets: [[Int]]) -> (start: [Int], items: [Int]) {
            var start = [0]
            for b in buckets { start.append((start.last ?? 0) + b.count) }
            return (start, buckets.flatMap { $0 })
        }
        (firstTwoStart, byFirstTwo) = flatten(firstTwo)
        var nonEmpty = [UInt64](repeating: 0, count: 16)
        for (k, bucket) in firstTwo.enumerated() where !bucket.isEmpty { nonEmpty[k >> 6] |= 1 << UInt64(k & 63) }
        self.nonEmpty = nonEmpty
        (lastStart, byLast) = flatten(last)
        self.bytes = bytes
        self.starts = starts
        self.oneByte = oneByte
    }

    private static func bucket(_ first: UInt8, _ second: UInt8) -> Int {
        Int(first & 0x0F) << 6 | Int(second & 0x3F)
    }

    /// The match-order number of the first word found in `text`, or nil.
    func firstMatch(in text: String) -> Int? {
        text.withUTF8Bytes { firstMatch(inBytes: $0) }
    }

    /// `firstMatch(in:)` of a text's UTF-8 bytes.
    private func firstMatch(inBytes t: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        while i < t.count {
            let b = t[i]
            // A word starts on a scalar's first byte, never on a continuation byte: the walk steps from
            // one first byte to the next (a CJK character is three bytes).
            guard b & 0xC0 != 0x80 else {
                i += 1
                continue
            }
            if i + 1 < t.count {
                let k = WordIndex.bucket(b, t[i + 1])
                // Most buckets are empty: one bit says so.
                if nonEmpty[k >> 6] & (1 << UInt64(k & 63)) != 0 {
                    for j in firstTwoStart[k]..<firstTwoStart[k + 1] where matches(byFirstTwo[j], t, at: i) {
                        return byFirstTwo[j]
                    }
                }
            }
            guard b >= 0x80 else {
                // A one-byte word (ASCII) is shorter than every word above that starts here.
                let one = oneByte[Int(b)]
                if one >= 0 { return one }
                i += 1
                continue
            }
            i += b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
        }
        return nil
    }

    func hasPrefix(_ text: String) -> Bool {
        text.withUTF8Bytes { t in
            guard let first = t.first else { return false }
            if oneByte[Int(first)] >= 0 { return true }
            guard t.count > 1 else { return false }
            let k = WordIndex.bucket(first, t[1])
            return (firstTwoStart[k]..<firstTwoStart[k + 1]).contains { matches(byFirstTwo[$0], t, at: 0) }
        }
    }

    func hasSuffix(_ text: String) -> Bool {
        text.withUTF8Bytes { t in
            guard let last = t.last else { return false }
            let k = Int(last)
            return (lastStart[k]..<lastStart[k + 1]).contains { j in
                let w = byLast[j]
                return matches(w, t, at: t.count - (starts[w + 1] - starts[w]))
            }
        }
    }

    /// Whether word `w` occurs in `text` at byte `start`.
    private func matches(_ w: Int, _ text: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        let from = starts[w], count = starts[w + 1] - from
        if start < 0 || start + count > text.count { return false }
        var i = 0
        while i < count {
            if text[start + i] != bytes[from + i] { return false }
            i += 1
        }
        return true
    }
}
