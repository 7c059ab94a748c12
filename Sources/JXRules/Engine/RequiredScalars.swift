import JXModel
/// What every match of a rule's regular expression contains: one scalar of each of a few sets, e.g. one of
/// 资/预/经/拨, *and* 率, *and* one of 到/执/支/使 for "(资金|预算|经费|拨款)[^，,、]{0,6}(到位率|执行率|支出率|使用率)".
///
/// Rule regexes run on every row, and most cells lack something a pattern needs, so a scan or two of the cell
/// spares the regex engine (and the bridging to NSString). One set was not enough: input-as-output's pattern
/// needed only one of 资/预/经/拨, which most of its cells hold, and its regex ran (and failed) on them all.
/// The pattern is read by a small parser that knows literals, escapes, classes, groups, alternation, anchors
/// and quantifiers; for any other syntax it gives up, and the regex simply always runs. The answer is never
/// wrong, only sometimes missing.
struct RegexPrefilter: Sendable {
    /// Every match holds a scalar of each set (narrowest first: the likeliest to be missing is tried first).
    let clauses: [RequiredScalars]
    /// What `mayMatch` reads of each set, as plain values, and the sets' merged ranges of non-ASCII scalars
    /// side by side (`scans[k]` owns `nonASCII[scans[k].ranges]`). Reading a `RequiredScalars` out of
    /// `clauses` copied it, retaining and releasing its arrays, on every cell tested: that cost more than
    /// the regex runs the second and third sets spare.
    private let scans: [RequiredScalars.ByteScan]
    private let nonASCII: [ClosedRange<UInt32>]

    /// At most this many sets are kept for a part of the pattern. Any subset of the sets is still a sound
    /// requirement, so keeping the narrowest few only bounds the work (alternation multiplies sets).
    static let maxClauses = 4

    init(clauses: [RequiredScalars]) {
        self.clauses = clauses
        var scans: [RequiredScalars.ByteScan] = [], nonASCII: [ClosedRange<UInt32>] = []
        for c in clauses {
            scans.append(c.scan(rangesFrom: nonASCII.count))
            nonASCII += c.nonASCII
        }
        self.scans = scans
        self.nonASCII = nonASCII
    }

    /// Whether a match is possible at all: `text` holds a scalar of every set.
    func mayMatch(_ text: String) -> Bool {
        text.withUTF8Bytes { u in
            scans.withUnsafeBufferPointer { scans in
                nonASCII.withUnsafeBufferPointer { ranges in
                    for scan in scans where !scan.holdsAny(utf8: u, ranges: ranges) { return false }
                    return true
                }
            }
        }
    }

    /// The requirement of `pattern`, or nil when the pattern can match without a particular scalar or uses
    /// syntax the parser does not read.
    static func of(pattern: String) -> RegexPrefilter? {
        var parser = RequiredScalars.Parser(Array(pattern.unicodeScalars))
        guard let clauses = try? parser.alternation(), parser.atEnd, !clauses.isEmpty else { return nil }
        return RegexPrefilter(clauses: clauses)
    }

    /// The narrowest `limit` sets of `clauses`, narrowest first (ties in the order given), without a set
    /// that holds another: a text with a scalar of {率} has one of {使, 率}, so the wider set says nothing
    /// more and would only crowd out a set that does ({资, 预, 经, 拨}).
    static func narrowest(_ clauses: [RequiredScalars], limit: Int = maxClauses) -> [RequiredScalars] {
        let sorted = clauses.enumerated().sorted { a, b in
            a.element.breadth != b.element.breadth ? a.element.breadth < b.element.breadth : a.offset < b.offset
        }
        var kept: [RequiredScalars] = []
        for (_, c) in sorted where kept.count < limit && !kept.contains(where: { $0.isSubset(of: c) }) {
            kept.append(c)
        }
        return kept
    }
}

/// One set of scalars, at least one of which every match of a pattern contains ("率", a digit); a
/// `RegexPrefilter` asks for one of each of its sets.
struct RequiredScalars: Sendable {
    /// Scalar values, any of which may be the one a match needs.
    let ranges: [ClosedRange<UInt32>]
    /// Whether any decimal digit (ICU's `\d`, general category Nd) will do too.
    let anyDecimalDigit: Bool

    /// The ASCII members (the digits 0-9 too, with `anyDecimalDigit`) as a 128-bit set, and the other ranges
    /// sorted and merged: `mayMatch` runs on the bytes of most cells of every row, and walking the text's
    /// scalars through `String.UnicodeScalarView` with every range tried on each was most of its cost.
    private let asciiLow: UInt64, asciiHigh: UInt64
    fileprivate let nonASCII: [ClosedRange<UInt32>]
    /// Bit `v & 63` for each other scalar `v` that will do: the low six bits of a scalar are those of the
    /// last byte of its UTF-8 form, so a scalar whose last byte misses this set is not decoded. (All bits
    /// with `anyDecimalDigit` or a range of 64 scalars or more.)
    private let lastByteBits: UInt64

    init(ranges: [ClosedRange<UInt32>] = [], anyDecimalDigit: Bool = false) {
        self.ranges = ranges
        self.anyDecimalDigit = anyDecimalDigit
        var low: UInt64 = 0, high: UInt64 = 0
        for r in ranges where r.lowerBound < 0x80 {
            for v in r.lowerBound...min(r.upperBound, 0x7F) {
                if v < 64 { low |= 1 << UInt64(v) } else { high |= 1 << UInt64(v - 64) }
            }
        }
        if anyDecimalDigit { low |= 0x03FF << 0x30 }  // "0"..."9"
        asciiLow = low
        asciiHigh = high
        let merged = Self.merged(ranges.filter { $0.upperBound >= 0x80 }.map { max($0.lowerBound, 0x80)...$0.upperBound })
        nonASCII = merged
        var lastBits: UInt64 = anyDecimalDigit ? .max : 0
        for r in merged {
            if r.upperBound - r.lowerBound >= 63 { lastBits = .max; break }
            for v in r { lastBits |= 1 << UInt64(v & 63) }
        }
        lastByteBits = lastBits
    }

    /// Whether `text` holds one of the scalars (see `RegexPrefilter.mayMatch`, which tests sets this way).
    func mayMatch(_ text: String) -> Bool {
        RegexPrefilter(clauses: [self]).mayMatch(text)
    }

    /// `ByteScan` of the set, its non-ASCII ranges to be found from position `start` on.
    fileprivate func scan(rangesFrom start: Int) -> ByteScan {
        ByteScan(asciiLow: asciiLow, asciiHigh: asciiHigh, lastByteBits: lastByteBits, anyDecimalDigit: anyDecimalDigit,
                 ranges: start..<(start + nonASCII.count))
    }

    /// What a scan of UTF-8 bytes reads of a set: plain values, and where its merged non-ASCII ranges are
    /// in an array kept beside it.
    struct ByteScan: Sendable {
        let asciiLow: UInt64, asciiHigh: UInt64, lastByteBits: UInt64
        let anyDecimalDigit: Bool
        let ranges: Range<Int>

        /// Whether the text with these UTF-8 bytes holds one of the scalars. An ASCII byte is its scalar;
        /// other scalars are decoded from their lead and continuation bytes.
        func holdsAny(utf8 u: UnsafeBufferPointer<UInt8>, ranges all: UnsafeBufferPointer<ClosedRange<UInt32>>) -> Bool {
            var i = 0
            while i < u.count {
                let b = u[i]
                if b < 0x80 {
                    let bit = UInt64(1) << UInt64(b & 63)
                    if (b < 64 ? asciiLow : asciiHigh) & bit != 0 { return true }
                    i += 1
                    continue
                }
                // Valid UTF-8 (a String is): a lead byte, then one to three continuation bytes.
                let length = b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
                if i + length <= u.count, lastByteBits & (1 << UInt64(u[i + length - 1] & 63)) != 0 {
                    var v = UInt32(b) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
                    for k in 1..<length { v = v << 6 | UInt32(u[i + k] & 0x3F) }
                    if holds(nonASCII: v, all) { return true }
                }
                i += length
            }
            return false
        }

        /// Whether a scalar of two bytes or more is one of the set: a decimal digit with `anyDecimalDigit`,
        /// or in one of the merged ranges (a binary search).
        private func holds(nonASCII v: UInt32, _ all: UnsafeBufferPointer<ClosedRange<UInt32>>) -> Bool {
            if anyDecimalDigit, let s = Unicode.Scalar(v), RequiredScalars.isDecimalDigit(s) { return true }
            // (Never out of bounds by construction; if it were, "maybe" keeps the regex running.)
            guard ranges.lowerBound >= 0, ranges.upperBound <= all.count else { return true }
            var lo = ranges.lowerBound, hi = ranges.upperBound
            while lo < hi {
                let mid = (lo + hi) / 2
                if all[mid].upperBound < v { lo = mid + 1 } else { hi = mid }
            }
            return lo < ranges.upperBound && all[lo].contains(v)
        }
    }

    /// Whether the scalar is a decimal digit (general category Nd), without the Unicode property lookup for
    /// the scalars cells are made of: ASCII (Nd only for 0-9) and CJK ideographs (never Nd). The lookup
    /// was most of what a `\d` prefilter cost per scalar.
    static func isDecimalDigit(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x80 { return v >= 0x30 && v <= 0x39 }
        if (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) { return false }
        return s.properties.generalCategory == .decimalNumber
    }

    /// The narrowest set every match of `pattern` needs (see `RegexPrefilter.of`).
    static func of(pattern: String) -> RequiredScalars? {
        RegexPrefilter.of(pattern: pattern)?.clauses.first
    }

    /// How much text the set lets through (smaller is a better filter).
    fileprivate var breadth: Int {
        mergedRanges.reduce(anyDecimalDigit ? 1_000 : 0) { $0 + Int($1.upperBound - $1.lowerBound) + 1 }
    }

    /// The set's ranges sorted and merged (a scalar listed twice counts once in `breadth`).
    private var mergedRanges: [ClosedRange<UInt32>] { Self.merged(ranges) }

    /// `ranges` sorted, with overlapping and adjacent ones joined.
    private static func merged(_ ranges: [ClosedRange<UInt32>]) -> [ClosedRange<UInt32>] {
        var merged: [ClosedRange<UInt32>] = []
        for r in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = merged.last, r.lowerBound <= last.upperBound &+ 1 {
                merged[merged.count - 1] = last.lowerBound...max(last.upperBound, r.upperBound)
            } else {
                merged.append(r)
            }
        }
        return merged
    }

    /// Whether every scalar of this set is in `other` (equal sets included).
    fileprivate func isSubset(of other: RequiredScalars) -> Bool {
        if anyDecimalDigit && !other.anyDecimalDigit { return false }
        let theirs = other.mergedRanges
        return mergedRanges.allSatisfy { r in theirs.contains { $0.contains(r.lowerBound) && $0.contains(r.upperBound) } }
    }

    fileprivate func union(_ other: RequiredScalars) -> RequiredScalars {
        RequiredScalars(ranges: Self.merged(ranges + other.ranges), anyDecimalDigit: anyDecimalDigit || other.anyDecimalDigit)
    }

    private struct Unsupported: Error {}

    /// A recursive-descent reader of the pattern; each rule returns the sets every match of what it read
    /// needs a scalar of (empty: none).
    fileprivate struct Parser {
        let p: [Unicode.Scalar]
        var i = 0
        init(_ p: [Unicode.Scalar]) { self.p = p }

        var atEnd: Bool { i >= p.count }
        var peek: Unicode.Scalar? { i < p.count ? p[i] : nil }
        mutating func next() throws -> Unicode.Scalar {
            guard let c = peek else { throw Unsupported() }
            i += 1
            return c
        }

        /// a|b: a match goes through one branch, so for a set A that a needs and a set B that b needs, it
        /// holds a scalar of A ∪ B. ("到位率|执行率" needs 率, and one of 到/执, 位/执 …)
        mutating func alternation() throws -> [RequiredScalars] {
            var result = try sequence()
            while peek == "|" {
                i += 1
                let branch = try sequence()
                var product: [RequiredScalars] = []
                for a in result { for b in branch { product.append(a.union(b)) } }
                result = RegexPrefilter.narrowest(product)
            }
            return result
        }

        /// abc: a match needs what each mandatory part needs.
        mutating func sequence() throws -> [RequiredScalars] {
            var all: [RequiredScalars] = []
            while let c = peek, c != "|", c != ")" {
                let atom = try self.atom()
                let minimum = try quantifier()
                if minimum > 0 { all += atom }
            }
            return RegexPrefilter.narrowest(all)
        }

        /// The least number of repeats of the atom just read (1 without a quantifier).
        mutating func quantifier() throws -> Int {
            var minimum = 1
            switch peek {
            case "?": i += 1; minimum = 0
            case "*": i += 1; minimum = 0
            case "+": i += 1
            case "{":
                i += 1
                var digits = ""
                while let c = peek, ("0"..."9").contains(c) { digits.unicodeScalars.append(c); i += 1 }
                guard let m = Int(digits) else { throw Unsupported() }
                minimum = m
                while let c = peek, c == "," || ("0"..."9").contains(c) { i += 1 }
                guard try next() == "}" else { throw Unsupported() }
            default:
                return 1
            }
            if peek == "?" || peek == "+" { i += 1 }  // lazy or possessive: same minimum
            return minimum
        }

        mutating func atom() throws -> [RequiredScalars] {
            let c = try next()
            switch c {
            case "(":
                if peek == "?" {
                    // Only (?:…); look-arounds, flags and named groups are not read.
                    i += 1
                    guard try next() == ":" else { throw Unsupported() }
                }
                let inner = try alternation()
                guard try next() == ")" else { throw Unsupported() }
                return inner
            case "[": return try characterClass().map { [$0] } ?? []
            case ".", "^", "$": return []
            case "\\": return try escape(inClass: false).requirement.map { [$0] } ?? []
            case "*", "+", "?", "{", "}", "]", ")", "|": throw Unsupported()
            default: return [RequiredScalars(ranges: [c.value...c.value])]
            }
        }

        /// An escape: a literal scalar, `\d`, or a class or assertion that needs nothing in particular.
        mutating func escape(inClass: Bool) throws -> (scalar: Unicode.Scalar?, requirement: RequiredScalars?) {
            let c = try next()
            switch c {
            case "d": return (nil, RequiredScalars(anyDecimalDigit: true))
            case "s", "S", "D", "w", "W": return (nil, nil)
            case "b", "B": if inClass { throw Unsupported() } else { return (nil, nil) }
            case "u":
                var hex = ""
                for _ in 0..<4 { hex.unicodeScalars.append(try next()) }
                guard let v = UInt32(hex, radix: 16), let s = Unicode.Scalar(v) else { throw Unsupported() }
                return (s, RequiredScalars(ranges: [v...v]))
            default:
                // Escaped punctuation stands for itself; escaped letters and digits mean other things.
                guard c.isASCII, !c.properties.isAlphabetic, !("0"..."9").contains(c) else { throw Unsupported() }
                return (c, RequiredScalars(ranges: [c.value...c.value]))
            }
        }

        /// [abc], [a-z], [\u4e00-\u9fa5], [^…] (a negated class needs nothing in particular).
        mutating func characterClass() throws -> RequiredScalars? {
            let negated = peek == "^"
            if negated { i += 1 }
            // The listed ranges, and whether \d was listed; nil once the class is too wide to name.
            var listed: (ranges: [ClosedRange<UInt32>], digits: Bool)? = ([], false)
            var first = true
            while true {
                var c = try next()
                if c == "]" {
                    if first { throw Unsupported() } else { break }
                }
                first = false
                // Nested sets, set operations, properties and a "-" outside a range mean more than a list.
                if "[&${}:-".unicodeScalars.contains(c) { throw Unsupported() }
                if c == "\\" {
                    let e = try escape(inClass: true)
                    guard let s = e.scalar else {
                        // \d joins the set; \s, \w … make it too wide to name.
                        if e.requirement?.anyDecimalDigit == true { listed?.digits = true } else { listed = nil }
                        continue
                    }
                    c = s
                }
                var upper = c
                if peek == "-", i + 1 < p.count, p[i + 1] != "]" {
                    i += 1
                    upper = try next()
                    if upper == "\\" {
                        guard let s = try escape(inClass: true).scalar else { throw Unsupported() }
                        upper = s
                    }
                    guard c.value <= upper.value else { throw Unsupported() }
                }
                listed?.ranges.append(c.value...upper.value)
            }
            guard !negated, let listed else { return nil }
            return RequiredScalars(ranges: listed.ranges, anyDecimalDigit: listed.digits)
        }
    }
}
