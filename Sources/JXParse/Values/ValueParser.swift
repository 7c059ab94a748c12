import JXModel

/// Parses a 指标值 cell into comparator, number, unit and kind (DESIGN.md, "Indicator values").
///
/// Reading order, left to right over the normalised text:
///
/// 1. comparators: symbols (≥ ≤ > < =, plus "=>"/"=<" slips; "≥=" is already folded by `Normalizer`) and
///    words (不低于, 达到, 不超过, 控制在 …; 约 marks an approximate figure, which has no comparator);
/// 2. a date or deadline ("2023年12月20日前完成", "10月底前", "年底前", "当年完成", "≥1212月以前") → `.deadline`;
/// 3. a number (decimals, "16,839.09"), an optional range ("3-5个", "3～5个", "3至5个"), a unit (known units,
///    compound "元/人/月", or one unknown measure word), and suffix words (以上 → ≥; 以下, 以内, 内 → ≤;
///    左右 → approximate). A time unit makes it a `.duration` ("≤6 月", "3个工作日内", "1年"), otherwise
///    `.quantity`. Text fused after the number that is not a unit is `trailingText` ("≥100完工及时率");
///    a fused "…%" or "…百分比" at its end still gives the unit "%" ("≥100生态效益提升值%");
/// 4. otherwise: nothing but comparators, units or filler ("≥", "%", "万元", "—", "**%") → `.empty`;
///    a deadline somewhere in prose → `.deadline`; "全年" → `.duration` without a number; anything else
///    → `.qualitative`. "按时完成" and "及时完成" are `.qualitative`: they name no date that can be checked.
///
/// A number in prose that has neither a comparator nor a unit ("养老金按月发放12月", "5G网络…") does not make
/// the cell a quantity: such cells are `.qualitative` without a number. Qualitative cells carry a comparator
/// only when a symbol was printed ("≥良好").
///
/// The parser never fails and never traps: every index into the text is bounds-checked.
public enum ValueParser {
    /// The parsed value of a cell as printed. Never fails: what cannot be read is `.qualitative`.
    public static func parse(_ raw: String) -> IndicatorValue {
        parse(raw: raw, text: Normalizer.normalize(raw))
    }

    /// The parsed value of a cell whose normalised text is already known, saving a second normalisation.
    public static func parse(_ cell: CellText) -> IndicatorValue {
        parse(raw: cell.raw, text: cell.text)
    }

    /// The parsed value of `raw`, read from `text`, which must be `Normalizer.normalize(raw)`.
    public static func parse(raw: String, text: String) -> IndicatorValue {
        var reader = ValueReader(scalars(of: text))
        var value = reader.read()
        value.raw = raw
        value.text = text
        return value
    }
}

extension ValueParser {
    /// The scalars of `text` in one allocation of one slot per UTF-8 byte (at least one per scalar):
    /// `Array(text.unicodeScalars)` walks the text twice, once to count them.
    static func scalars(of text: String) -> [Unicode.Scalar] {
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars { scalars.append(scalar) }
        return scalars
    }
}

/// The values parsed in one document, by their printed text: most value cells repeat ("≥95%", "100%",
/// "有效" …), and a look-up costs a fraction of parsing again. A value is a function of its raw text alone
/// (its normalised text is `Normalizer.normalize(raw)`), so a repeat gets exactly the value parsed first.
///
/// Keyed by UTF-8 bytes, not by `String` equality: canonically equivalent spellings are equal Strings, but
/// each must keep its own `raw`. Byte hashing also spares the Unicode normalisation of `String` hashing.
struct ValueCache {
    /// Room for the distinct values of a large document from the start: growing rehashes every key.
    private var values = [Key: IndicatorValue](minimumCapacity: 256)

    /// `ValueParser.parse(cell)`, parsed once per distinct raw text.
    mutating func parse(_ cell: CellText) -> IndicatorValue {
        let key = Key(text: cell.raw)
        if let known = values[key] { return known }
        let value = ValueParser.parse(cell)
        values[key] = value
        return value
    }

    private struct Key: Hashable {
        let text: String

        static func == (a: Key, b: Key) -> Bool { a.text.hasSameUTF8(as: b.text) }

        func hash(into hasher: inout Hasher) {
            text.withUTF8Bytes { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
    }
}

/// One pass over the scalars of one cell. A struct so that a parse allocates nothing but the scalar array
/// and the strings it returns.
struct ValueReader {
    private var s: [Unicode.Scalar]

    init(_ scalars: [Unicode.Scalar]) {
        s = scalars
        // Closing punctuation says nothing about the value ("100%。", "≥95%；").
        while let last = s.last, last == " " || last == "。" || last == "；" || last == ";" || last == "，"
                || last == "," || last == "、" || last == "." || last == "！" || last == "!" {
            s.removeLast()
        }
        // "(≥95%)", "（≥**%）": a value wrapped in brackets, as templates print it.
        if s.count >= 2, let first = s.first, let last = s.last,
           (first == "(" && last == ")") || (first == "（" && last == "）") {
            s.removeFirst()
            s.removeLast()
        }
    }

    mutating func read() -> IndicatorValue {
        if s.isEmpty { return result(kind: .empty) }
        var i = 0
        var symbol: Comparator? = nil
        var word: ValueCue? = nil
        var wordStart = 0
        // Comparators may come as a symbol, a word, or both ("≥ 不低于" does not occur, but costs nothing).
        var progressed = true
        while progressed {
            progressed = false
            i = DeadlineMatcher.skipSpaces(s, i)
            if let (comparator, end) = symbolComparator(at: i) {
                if symbol == nil { symbol = comparator }
                i = end
                progressed = true
            } else if word == nil, let cue = ValueLexicon.prefixCues.longestMatch(in: s, at: i) {
                word = cue.payload
                wordStart = i
                i += cue.length
                progressed = true
            }
        }
        let start = i

        if DeadlineMatcher.matches(s, at: start, strict: false) {
            return result(comparator: symbol ?? word?.comparator, kind: .deadline)
        }
        if let quantity = readQuantity(at: start, symbol: symbol, word: word) {
            return quantity
        }
        if word != nil, trimmedRange(from: start).isEmpty == false {
            // "达到效果", "不到位": with no number after it, the word is part of the prose, not a comparator.
            return readWords(from: wordStart, symbol: symbol, word: nil)
        }
        return readWords(from: start, symbol: symbol, word: word)
    }

    // MARK: - Comparators

    /// A comparator symbol at `i`, with "=>" and "=<" read as ≥ and ≤, and a stray "=" after it skipped.
    private func symbolComparator(at i: Int) -> (Comparator, Int)? {
        guard let c = s.at(i) else { return nil }
        var comparator: Comparator
        var end = i + 1
        switch c {
        case "≥", "≮": comparator = .atLeast
        case "≤", "≯": comparator = .atMost
        case ">": comparator = .greater
        case "<": comparator = .less
        case "=":
            comparator = .equal
            if let next = s.at(i + 1), next == ">" || next == "<" {
                comparator = next == ">" ? .atLeast : .atMost
                end = i + 2
            }
        default: return nil
        }
        // "≥ =90%": the normaliser only folds an adjacent "=".
        let after = DeadlineMatcher.skipSpaces(s, end)
        if comparator != .equal, s.at(after) == "=" { end = after + 1 }
        return (comparator, end)
    }

    // MARK: - Numbers

    /// `comparator? number range? unit? cue? trailing?`, or nil when no number starts at `start`.
    private func readQuantity(at start: Int, symbol: Comparator?, word: ValueCue?) -> IndicatorValue? {
        guard let (number, numberEnd) = readNumber(at: start) else { return nil }
        // "1.保障…", "2、…": an item number opening prose, not a value.
        if let next = s.at(numberEnd), next == "、" || next == "." || next == ")" || next == "）" {
            return nil
        }
        var i = DeadlineMatcher.skipSpaces(s, numberEnd)
        var unit = readUnit(at: i)
        if let u = unit { i = u.end }

        var upper: Double? = nil
        let rangeAt = DeadlineMatcher.skipSpaces(s, i)
        if let sep = s.at(rangeAt), isRangeSeparator(sep),
           let (second, secondEnd) = readNumber(at: DeadlineMatcher.skipSpaces(s, rangeAt + 1)), second >= number {
            upper = second
            i = DeadlineMatcher.skipSpaces(s, secondEnd)
            // "3个-5个" repeats the unit; "3-5个" gives it once at the end.
            if let second = readUnit(at: i) {
                if unit == nil { unit = second }
                i = second.end
            }
        }
        if unit == nil, let generic = genericUnit(at: i) {
            unit = generic
            i = generic.end
        }

        var suffix: ValueCue? = nil
        let cueAt = DeadlineMatcher.skipSpaces(s, i)
        if let cue = ValueLexicon.suffixCues.longestMatch(in: s, at: cueAt) {
            suffix = cue.payload
            i = cueAt + cue.length
        }

        var trailing = trimmedText(from: i)
        var unitName = unit?.name
        if unitName == nil, let text = trailing {
            // "≥100生态效益提升值%": a name fused in front of the unit; the unit is still a percentage.
            if let stripped = strippedPercent(text) {
                unitName = "%"
                trailing = stripped.isEmpty ? nil : stripped
            }
        }

        let comparator: Comparator?
        if word?.isApproximate == true || suffix?.isApproximate == true {
            comparator = symbol
        } else {
            comparator = symbol ?? word?.comparator ?? suffix?.comparator
        }
        if comparator == nil, unitName == nil, let text = trailing, text.unicodeScalars.contains(where: {
            $0.isIdeograph || $0.isASCIILetter
        }) {
            // A number inside prose ("5G网络覆盖全区") is not a target value.
            return nil
        }
        let kind: ValueKind = unit?.isTime == true ? .duration : .quantity
        return result(comparator: comparator, number: number, upperNumber: upper, unit: unitName, kind: kind,
                      trailingText: trailing)
    }

    /// A decimal number at `i`: ASCII digits, "," between groups of three ("16,839.09"), one "." and a
    /// leading "-" ("-5%").
    private func readNumber(at i: Int) -> (Double, Int)? {
        var j = i
        let negative = s.at(j) == "-" && s.at(j + 1)?.isASCIIDigit == true
        if negative { j += 1 }
        guard s.at(j)?.isASCIIDigit == true else { return nil }
        // The digits as one integer and the number of them after the point, for the exact fast path below.
        var mantissa: UInt64 = 0
        var digitCount = 0
        var fractionDigits = 0
        while let c = s.at(j) {
            if c.isASCIIDigit {
                if digitCount < 19 { mantissa = mantissa &* 10 &+ UInt64(c.value - 0x30) }
                digitCount += 1
                j += 1
            } else if c == ",", isThousandsGroup(at: j + 1) {
                j += 1
            } else {
                break
            }
        }
        if s.at(j) == ".", s.at(j + 1)?.isASCIIDigit == true {
            j += 1
            while let c = s.at(j), c.isASCIIDigit {
                if digitCount < 19 { mantissa = mantissa &* 10 &+ UInt64(c.value - 0x30) }
                digitCount += 1
                fractionDigits += 1
                j += 1
            }
        }
        // With at most 15 digits the integer is exact as a Double, and so is 10^k for k ≤ 22: one division
        // of two exact values is correctly rounded, which is exactly what the decimal conversion below
        // returns (the classic fast path of strtod), at a fraction of its cost.
        if digitCount <= 15, fractionDigits < Self.powersOfTen.count {
            let magnitude = Double(mantissa) / Self.powersOfTen[fractionDigits]
            return (negative ? -magnitude : magnitude, j)
        }
        // Long numbers go through the full conversion: the printed text without its group separators.
        var digits = String.UnicodeScalarView()
        var k = i
        while k < j, let c = s.at(k) {
            if c != "," { digits.append(c) }
            k += 1
        }
        // A run of hundreds of digits overflows to infinity: that is garbage, not a target.
        guard let value = Double(String(digits)), value.isFinite else { return nil }
        return (value, j)
    }

    /// 10^0 … 10^22, every one exact as a Double.
    private static let powersOfTen: [Double] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
                                                1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22]

    /// Exactly three digits at `i` and no fourth: "16,839" has a separator, "1,2345" does not.
    private func isThousandsGroup(at i: Int) -> Bool {
        (s.at(i)?.isASCIIDigit ?? false) && (s.at(i + 1)?.isASCIIDigit ?? false)
            && (s.at(i + 2)?.isASCIIDigit ?? false) && !(s.at(i + 3)?.isASCIIDigit ?? false)
    }

    private func isRangeSeparator(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "-", "~", "～", "〜", "—", "–", "至", "到": return true
        default: return false
        }
    }

    // MARK: - Units

    struct Unit {
        var name: String
        var isTime: Bool
        var end: Int
    }

    /// A known unit at `i`, with its compound parts ("元/人/月", "次/月/村", "万元/年").
    private func readUnit(at i: Int) -> Unit? {
        guard let known = ValueLexicon.units.longestMatch(in: s, at: i) else { return nil }
        var unit = Unit(name: known.payload.normalized, isTime: known.payload.isTime, end: i + known.length)
        appendCompoundParts(to: &unit)
        return unit
    }

    /// "/人", "/月", "/村": each part a known unit or a short word of at most two ideographs.
    private func appendCompoundParts(to unit: inout Unit) {
        while true {
            let slash = DeadlineMatcher.skipSpaces(s, unit.end)
            guard s.at(slash) == "/" else { return }
            let partStart = DeadlineMatcher.skipSpaces(s, slash + 1)
            if let known = ValueLexicon.units.longestMatch(in: s, at: partStart) {
                unit.name += "/" + known.payload.normalized
                unit.end = partStart + known.length
            } else if let end = wordEnd(at: partStart, maxIdeographs: 2) {
                unit.name += "/" + text(partStart, end)
                unit.end = end
            } else {
                return
            }
        }
    }

    /// An unknown unit: one measure-word ideograph ("5匹") or a short Latin token ("20GB"), and only when
    /// nothing but a suffix word, a compound part or the end follows. Two-ideograph words are never
    /// guessed: "≥95满意" is not a unit, and real two-character units are in the lexicon.
    private func genericUnit(at i: Int) -> Unit? {
        guard let first = s.at(i) else { return nil }
        let end: Int
        if first.isIdeograph {
            // Words that end rate and score names are not measure words.
            if first == "率" || first == "性" || first == "值" || first == "比" || first == "量" || first == "数"
                || first == "额" || first == "前" || first == "后" {
                return nil
            }
            end = i + 1
        } else if first.isASCIILetter {
            var j = i
            while let c = s.at(j), c.isASCIILetter || c == "²" || c == "³" || c.isASCIIDigit, j - i < 6 { j += 1 }
            if let c = s.at(j), c.isASCIILetter { return nil }
            end = j
        } else {
            return nil
        }
        let follow = DeadlineMatcher.skipSpaces(s, end)
        let followedByCue = ValueLexicon.suffixCues.longestMatch(in: s, at: follow) != nil
        guard follow >= s.count || followedByCue || s.at(follow) == "/" else { return nil }
        var unit = Unit(name: text(i, end), isTime: false, end: end)
        appendCompoundParts(to: &unit)
        return unit
    }

    /// The end of a run of ideographs or Latin letters at `i`, if it has at most `maxIdeographs` ideographs.
    private func wordEnd(at i: Int, maxIdeographs: Int) -> Int? {
        var j = i
        while let c = s.at(j), c.isIdeograph || c.isASCIILetter {
            j += 1
            if j - i > maxIdeographs { return nil }
        }
        return j > i ? j : nil
    }

    /// `text` without a final "%" or "百分比", or nil if it has neither.
    private func strippedPercent(_ text: String) -> String? {
        if text.hasSuffix("%") { return String(text.dropLast()) }
        if text.hasSuffix("百分比") { return String(text.dropLast(3)) }
        return nil
    }

    // MARK: - Cells without a number

    /// A cell that does not start with a number after its comparators.
    private func readWords(from start: Int, symbol: Comparator?, word: ValueCue?) -> IndicatorValue {
        let rest = trimmedRange(from: start)
        if rest.isEmpty {
            // "≥", "不低于": a comparator and nothing to compare with.
            return result(comparator: symbol ?? word?.comparator, kind: .empty)
        }
        // "%", "万元", "元/人", "**%": a unit, perhaps with template filler, and no value.
        var i = rest.lowerBound
        while let c = s.at(i), i < rest.upperBound, isFiller(c) { i += 1 }
        if i >= rest.upperBound {
            return result(comparator: symbol ?? word?.comparator, kind: .empty)
        }
        if let unit = readUnit(at: i), DeadlineMatcher.skipSpaces(s, unit.end) >= rest.upperBound {
            return result(comparator: symbol ?? word?.comparator, unit: unit.name, kind: .empty)
        }
        if DeadlineMatcher.occurs(in: s) {
            return result(comparator: symbol, kind: .deadline)
        }
        // "全年": the whole budget year, a span without a number.
        if rest.count == 2 || rest.count == 3, s.at(rest.lowerBound) == "全", s.at(rest.lowerBound + 1) == "年",
           rest.count == 2 || s.at(rest.lowerBound + 2) == "度" {
            return result(comparator: symbol, kind: .duration)
        }
        return result(comparator: symbol, kind: .qualitative)
    }

    /// Template filler and dashes that stand for "no value": "—", "-", "/", "*", "?", "…".
    private func isFiller(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "-", "—", "–", "/", "*", "＊", "?", "？", "…", "_", " ", "·", "、", ".", "。", "(", ")", "（", "）", "\"",
             "“", "”", "'", "@", "#", "~", "～":
            return true
        default:
            return false
        }
    }

    // MARK: - Helpers

    private func text(_ from: Int, _ to: Int) -> String {
        var out = String.UnicodeScalarView()
        var j = max(from, 0)
        while j < to, let c = s.at(j) {
            out.append(c)
            j += 1
        }
        return String(out)
    }

    /// The range from `i` to the end without surrounding spaces.
    private func trimmedRange(from i: Int) -> Range<Int> {
        var lower = max(i, 0)
        var upper = s.count
        while lower < upper, s.at(lower) == " " { lower += 1 }
        while upper > lower, s.at(upper - 1) == " " { upper -= 1 }
        return lower..<max(lower, upper)
    }

    private func trimmedText(from i: Int) -> String? {
        let range = trimmedRange(from: i)
        return range.isEmpty ? nil : text(range.lowerBound, range.upperBound)
    }

    private func result(comparator: Comparator? = nil, number: Double? = nil, upperNumber: Double? = nil,
                        unit: String? = nil, kind: ValueKind, trailingText: String? = nil) -> IndicatorValue {
        IndicatorValue(raw: "", text: "", comparator: comparator, number: number, upperNumber: upperNumber,
                       unit: unit, kind: kind, trailingText: trailingText)
    }
}

extension ValueCue {
    var comparator: Comparator? {
        if case .comparator(let c) = self { return c }
        return nil
    }

    var isApproximate: Bool {
        if case .approximate = self { return true }
        return false
    }
}
