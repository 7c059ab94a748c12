import Foundation

/// A named word list from `Rules/lexicons/` (ecological words, reverse-polarity words …), or a named map of
/// word lists (unit classes, indicator frameworks).
///
/// Rules test many cells against many words, so words are kept as scalar arrays indexed by their first
/// scalar: a `containsAny` test walks the text once instead of calling `String.contains` per word.
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

    /// Words by their first scalar, longest first; `firstScalars` answers "could a word start here?" without
    /// hashing, which is the common answer.
    private let byFirst: [Unicode.Scalar: [[Unicode.Scalar]]]
    private let firstScalars: ScalarFilter
    /// Words by their last scalar, for suffix tests.
    private let byLast: [Unicode.Scalar: [[Unicode.Scalar]]]
    private let lastScalars: ScalarFilter
    private let wordSet: Set<String>
    /// `StableHash.fnv` of every word, when all words are plain text: a plain text equals a word only if
    /// their bytes are equal, so most texts are turned down without `String` hashing (which normalises).
    private let plainWordHashes: Set<UInt64>?
    /// The words, longest first (words of one length in file order).
    let wordsLongestFirst: [String]
    /// The same as UTF-8, when every word is plain text (see `PlainText`).
    let plainWordsLongestFirst: [[UInt8]]?
    /// For map lexicons: each word's key (the first key in sorted order when a word is under several).
    private let keyByWord: [String: String]

    init(id: String, description: String, words: [String], map: [String: [String]], file: String) {
        self.id = id
        self.description = description
        self.words = words
        self.map = map
        self.file = file
        var byFirst: [Unicode.Scalar: [[Unicode.Scalar]]] = [:]
        var byLast: [Unicode.Scalar: [[Unicode.Scalar]]] = [:]
        for w in words {
            let scalars = Array(w.unicodeScalars)
            guard let first = scalars.first, let last = scalars.last else { continue }
            byFirst[first, default: []].append(scalars)
            byLast[last, default: []].append(scalars)
        }
        // Longest first, so that the word a message quotes is the most specific one.
        self.byFirst = byFirst.mapValues { $0.sorted { $0.count > $1.count } }
        self.byLast = byLast
        firstScalars = ScalarFilter(byFirst.keys)
        lastScalars = ScalarFilter(byLast.keys)
        self.wordSet = Set(words)
        plainWordHashes = words.allSatisfy(PlainText.isPlain) ? Set(words.map { StableHash.fnv($0) }) : nil
        wordsLongestFirst = words.sorted(by: { $0.count > $1.count })
        plainWordsLongestFirst = wordsLongestFirst.allSatisfy(PlainText.isPlain) ? wordsLongestFirst.map { Array($0.utf8) } : nil
        var keyByWord: [String: String] = [:]
        for key in map.keys.sorted() {
            for word in map[key] ?? [] where keyByWord[word] == nil { keyByWord[word] = key }
        }
        self.keyByWord = keyByWord
    }

    /// The first word of the lexicon found inside `text`, or nil.
    public func firstWord(in text: [Unicode.Scalar]) -> String? {
        firstMatch(in: text).map { String(String.UnicodeScalarView($0)) }
    }

    /// Whether some word of the lexicon occurs inside `text`.
    public func occurs(in text: [Unicode.Scalar]) -> Bool { firstMatch(in: text) != nil }

    private func firstMatch(in text: [Unicode.Scalar]) -> [Unicode.Scalar]? {
        for start in text.indices where firstScalars.mayContain(text[start]) {
            guard let candidates = byFirst[text[start]] else { continue }
            for w in candidates where Lexicon.matches(w, in: text, at: start) { return w }
        }
        return nil
    }

    /// Whether `text` ends with one of the words.
    public func hasSuffix(_ text: [Unicode.Scalar]) -> Bool {
        guard let last = text.last, lastScalars.mayContain(last), let list = byLast[last] else { return false }
        return list.contains { Lexicon.matches($0, in: text, at: text.count - $0.count) }
    }

    /// Whether `text` starts with one of the words.
    public func hasPrefix(_ text: [Unicode.Scalar]) -> Bool {
        guard let first = text.first, let list = byFirst[first] else { return false }
        return list.contains { Lexicon.matches($0, in: text, at: 0) }
    }

    /// Whether `text` is exactly one of the words.
    public func containsExactly(_ text: String) -> Bool {
        if let plainWordHashes, PlainText.isPlain(text), !plainWordHashes.contains(StableHash.fnv(text)) {
            return false
        }
        return wordSet.contains(text)
    }

    /// The key of the map whose list holds `word` exactly ("万元" → "money").
    public func key(containing word: String) -> String? { keyByWord[word] }

    private static func matches(_ word: [Unicode.Scalar], in text: [Unicode.Scalar], at start: Int) -> Bool {
        if start < 0 || start + word.count > text.count { return false }
        var i = 0
        while i < word.count {
            if text[start + i] != word[i] { return false }
            i += 1
        }
        return true
    }

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

/// A set of scalars that may answer "maybe" for scalars outside it (4,096 bits by scalar value), so that a
/// "no" costs a shift and a mask.
struct ScalarFilter: Sendable {
    private var bits = [UInt64](repeating: 0, count: 64)

    init(_ scalars: some Sequence<Unicode.Scalar>) {
        for s in scalars {
            let i = Int(s.value & 4095)
            bits[i >> 6] |= 1 << UInt64(i & 63)
        }
    }

    func mayContain(_ s: Unicode.Scalar) -> Bool {
        let i = Int(s.value & 4095)
        return bits[i >> 6] & (1 << UInt64(i & 63)) != 0
    }
}
