import Foundation
import JXModel

/// The indicator dimensions (一级/二级) as rules compare them: "产出指标", "产出" and "产出 指标" are one label.
enum Levels {
    /// A 一级/二级 label without spaces, decorations and the trailing "指标".
    static func core(_ label: String) -> String {
        let s = label.removingSpaces()
        return PlainText.isPlain(s) ? plainCore(s) : characterCore(s)
    }

    /// `core` of plain text (spaces removed), by bytes: every row has two labels, and the character walk
    /// and `hasSuffix` (which compares under canonical equivalence) cost more than the rest of the row's
    /// label work. Plain text has one scalar per character, so trailing characters are trailing byte runs.
    static func plainCore(_ s: String) -> String {
        let trailing = plainTrailing, suffix = plainSuffix
        let end = s.withUTF8Bytes { u in
            var end = u.count
            func endsWith(_ w: [UInt8]) -> Bool { end >= w.count && u[(end - w.count)..<end].elementsEqual(w) }
            while let w = trailing.first(where: endsWith) { end -= w.count }
            if endsWith(suffix) { end -= suffix.count }
            return end
        }
        return end == s.utf8.count ? s : String(decoding: s.utf8.prefix(end), as: UTF8.self)
    }

    private static let plainTrailing: [[UInt8]] = [Array("：".utf8), Array(":".utf8), Array("。".utf8), Array(".".utf8)]
    private static let plainSuffix = Array("指标".utf8)

    /// `core` of any text (spaces removed), character by character.
    static func characterCore(_ label: String) -> String {
        var s = label
        while let last = s.last, "：:。.".contains(last) { s.removeLast() }
        if s.hasSuffix("指标") { s.removeLast(2) }
        return s
    }

    /// The 二级 dimension a row stands under, from its labels' cores: 数量, 质量, 时效, 成本 (also the 101号
    /// 经济/社会/生态环境成本), 效益 for the four 效益 labels, 满意度, or nil when unknown.
    static func dimension(level1Core: String, level2Core: String) -> Dimension? {
        // Up to nine word tests on every row: each label is checked for plainness once, not per word.
        let l1 = Label(level1Core), l2 = Label(level2Core)
        if l2.contains("数量") { return .quantity }
        if l2.contains("质量") { return .quality }
        if l2.contains("时效") { return .timeliness }
        if l2.contains("成本") || l1.contains("成本") { return .cost }
        if l2.contains("满意") || l1.contains("满意") { return .satisfaction }
        if l2.contains("效益") || l2.contains("可持续") || l1.contains("效益") { return .effect }
        return nil
    }

    /// A label with its plainness known, for `String.contains` answers by bytes (the words are plain).
    private struct Label {
        let text: String
        let plain: Bool
        init(_ text: String) {
            self.text = text
            plain = PlainText.isPlain(text)
        }
        func contains(_ word: String) -> Bool {
            plain ? PlainText.bytes(text, contain: word) : text.contains(word)
        }
    }

    static func isOutput(level1Core: String) -> Bool { level1Core.fastContains("产出") }
    static func isEffect(level1Core: String) -> Bool { level1Core.fastContains("效益") }
    static func isSatisfaction(level1Core: String, level2Core: String) -> Bool {
        level1Core.fastContains("满意") || level2Core.fastContains("满意")
    }
}

/// What rules read of a row's 一级/二级 labels: their cores, the dimension, and what the labels say the row
/// is. Derived once per label pair of a document (see `LabelMemo`): each is a few byte searches, and a
/// document repeats a few dozen pairs over hundreds of rows.
struct RowLabels {
    let level1Core: String
    let level2Core: String
    let dimension: Dimension?
    /// An 产出 row (`Levels.isOutput`).
    let isOutput: Bool
    /// An 效益 row (`Levels.isEffect`).
    let isEffect: Bool
    /// A 满意度 row (`Levels.isSatisfaction`).
    let isSatisfaction: Bool
    /// The pair's position in its document's `LabelMemo` (nil when the memo did not keep it): rules that
    /// work something out per label pair keep the answer under it, in `LabelMemo.answers`.
    var pair: Int? = nil

    init(level1: String, level2: String) {
        level1Core = Levels.core(level1)
        level2Core = Levels.core(level2)
        dimension = Levels.dimension(level1Core: level1Core, level2Core: level2Core)
        isOutput = Levels.isOutput(level1Core: level1Core)
        isEffect = Levels.isEffect(level1Core: level1Core)
        isSatisfaction = Levels.isSatisfaction(level1Core: level1Core, level2Core: level2Core)
    }
}

/// An indicator dimension (see `Levels.dimension`); the raw value is the word messages use. An enum, not the
/// word: table rules gather the dimensions of every row into sets, and hashing CJK strings normalised them.
enum Dimension: String, Sendable, CaseIterable {
    case quantity = "数量", quality = "质量", timeliness = "时效", cost = "成本", satisfaction = "满意度", effect = "效益"

    fileprivate var bit: UInt8 {
        switch self {
        case .quantity: return 1
        case .quality: return 2
        case .timeliness: return 4
        case .cost: return 8
        case .satisfaction: return 16
        case .effect: return 32
        }
    }
}

/// A set of dimensions as bits: table rules gather the dimension of every row, and a `Set` hashed each one.
struct DimensionSet {
    private var bits: UInt8 = 0

    init<S: Sequence>(_ dimensions: S) where S.Element == Dimension {
        for d in dimensions { bits |= d.bit }
    }

    func contains(_ d: Dimension) -> Bool { bits & d.bit != 0 }
    var count: Int { bits.nonzeroBitCount }
    /// The members' words, in string order.
    var sortedWords: [String] { Dimension.allCases.filter(contains).map(\.rawValue).sorted() }
}

/// Deterministic 64-bit FNV-1a hashing: Swift's `Hasher` is seeded per process, and duplicate groups must
/// come out the same in every run.
struct StableHash {
    static func fnv(_ s: String, seed: UInt64 = 0) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ (seed &* 0x9E37_79B9_7F4A_7C15)
        for b in s.utf8 {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01B3
        }
        return h
    }

    /// `fnv` carried on over more bytes: `fnvContinue(fnv(a), b) == fnv(a + b)`.
    static func fnvContinue(_ h: UInt64, _ s: String) -> UInt64 {
        var h = h
        for b in s.utf8 { h = fnvContinue(h, b) }
        return h
    }

    /// `fnv` carried on over one byte.
    @inline(__always)
    static func fnvContinue(_ h: UInt64, _ b: UInt8) -> UInt64 {
        (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3
    }

    /// A cheap remix of `h` for the i-th MinHash function.
    static func mix(_ h: UInt64, _ i: UInt64) -> UInt64 {
        var x = h ^ (i &* 0x9E37_79B9_7F4A_7C15)
        x = (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
        x = (x ^ (x >> 27)) &* 0x94D0_49BB_1331_11EB
        return x ^ (x >> 31)
    }
}
