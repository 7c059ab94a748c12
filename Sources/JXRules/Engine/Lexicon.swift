import Foundation

/// A named word list from `Rules/lexicons/` (ecological words, reverse-polarity words …), or a named map of
/// word lists (unit classes, indicator frameworks).
///
/// Rules test many cells against many words, so words are kept as UTF-8 indexed by their first byte: a
/// `containsAny` test walks the text once instead of calling `String.contains` per word.
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

    /// Words as UTF-8 by their first byte (longest first) and by their last byte. In valid UTF-8 a word's
    /// bytes occur in a text exactly where its scalars do, so matching bytes is matching scalars, and a
    /// 256-entry table needs no hashing.
    private let byFirstByte: [[[UInt8]]]
    private let byLastByte: [[[UInt8]]]
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
        var byFirstByte = [[[UInt8]]](repeating: [], count: 256)
        var byLastByte = [[[UInt8]]](repeating: [], count: 256)
        // Longest first, so that the word a message quotes is the most specific one (file order among
        // words of one length).
        let longestFirst = words.enumerated().sorted { a, b in
            let ca = a.element.unicodeScalars.count, cb = b.element.unicodeScalars.count
            return ca != cb ? ca > cb : a.offset < b.offset
        }
        for (_, w) in longestFirst {
            let bytes = Array(w.utf8)
            guard let first = bytes.first, let last = bytes.last else { continue }
            byFirstByte[Int(first)].append(bytes)
            byLastByte[Int(last)].append(bytes)
        }
        self.byFirstByte = byFirstByte
        self.byLastByte = byLastByte
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
    public func firstWord(in text: String) -> String? {
        firstMatch(in: text).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Whether some word of the lexicon occurs inside `text`.
    public func occurs(in text: String) -> Bool { firstMatch(in: text) != nil }

    private func firstMatch(in text: String) -> [UInt8]? {
        var text = text
        return text.withUTF8 { t in
            for start in t.indices {
                for w in byFirstByte[Int(t[start])] where Lexicon.matches(w, in: t, at: start) { return w }
            }
            return nil
        }
    }

    /// Whether `text` ends with one of the words.
    public func hasSuffix(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { t in
            guard let last = t.last else { return false }
            return byLastByte[Int(last)].contains { Lexicon.matches($0, in: t, at: t.count - $0.count) }
        }
    }

    /// Whether `text` starts with one of the words.
    public func hasPrefix(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { t in
            guard let first = t.first else { return false }
            return byFirstByte[Int(first)].contains { Lexicon.matches($0, in: t, at: 0) }
        }
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

    private static func matches(_ word: [UInt8], in text: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
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
