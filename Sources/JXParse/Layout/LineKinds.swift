import JXModel

/// A goal-table title: "1、党群工作部安可设备计划资金绩效目标表", "438、…", "## 3、…绩效目标表".
struct TableTitle: Equatable {
    /// The number as printed, nil for an unnumbered title.
    var printedNumber: String?
    /// The normalised title without markdown decoration.
    var text: String
    /// The project: the title without its number and "绩效目标表".
    var project: String
}

/// Recognises the lines that structure a document: goal-table titles and section headings.
enum LineKinds {
    private static let titleSuffix = "绩效目标表"

    /// The title on a line, if the line is one. `normalized` is the line's normalised text.
    static func title(_ normalized: String) -> TableTitle? {
        // The byte test first: comparing characters is slow, and most lines name no goal table.
        guard normalized.mayContain(anyOf: titleSuffixes) else { return nil }
        return titleFromScalars(normalized) ?? titleByCharacters(normalized)
    }

    /// `titleByCharacters`, read from the UTF-8 bytes when every scalar of the text is one
    /// `ByteSearch.singleCharacterScalar` reads; nil (not `.some(nil)`, "no title") otherwise.
    ///
    /// In such a text each scalar is one character and characters are equal when their scalars are, so
    /// the character steps below become byte steps on the same scalars: a byte match of whole scalars is a
    /// character match, a character count is a count of lead bytes.
    static func titleFromScalars(_ normalized: String) -> TableTitle?? {
        normalized.withUTF8Bytes { bytes -> TableTitle?? in
            guard ByteSearch.isSingleCharacterScalars(bytes) else { return nil }
            func endsWith(_ end: Int, _ word: [UInt8], after start: Int) -> Bool {
                end - start >= word.count
                    && UnsafeBufferPointer(rebasing: bytes[(end - word.count)..<end]).elementsEqual(word)
            }
            func isFullWidthOpen(at offset: Int) -> Bool {
                offset + 3 <= bytes.count && endsWith(offset + 3, fullWidthOpenUTF8, after: offset)
            }
            func string(_ range: Range<Int>) -> String {
                String(cutFromValidUTF8: UnsafeBufferPointer(rebasing: bytes[range]))
            }
            // Markdown decoration: "## 1、…", "**1、…**".
            var start = 0, end = bytes.count
            while start < end, isMarkdownDecoration(bytes[start]) { start += 1 }
            while end > start, bytes[end - 1] == 0x2A || bytes[end - 1] == 0x20 { end -= 1 }
            // A note in brackets after the title is part of the title, not of the project.
            var namedEnd = end
            if end > start, bytes[end - 1] == 0x29 || endsWith(end, fullWidthCloseUTF8, after: start),
               let open = (start..<end).last(where: { bytes[$0] == 0x28 || isFullWidthOpen(at: $0) }) {
                var before = open
                while before > start, bytes[before - 1] == 0x20 { before -= 1 }
                if endsWith(before, titleSuffixUTF8, after: start) || endsWith(before, applicationSuffixUTF8, after: start) {
                    namedEnd = before
                }
            }
            let suffixLength: Int
            if endsWith(namedEnd, titleSuffixUTF8, after: start) {
                suffixLength = titleSuffixUTF8.count
            } else if endsWith(namedEnd, applicationSuffixUTF8, after: start) {
                suffixLength = applicationSuffixUTF8.count
            } else {
                return .some(nil)
            }
            let text = UnsafeBufferPointer(rebasing: bytes[start..<end])
            let characters = text.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
            func holds(_ word: [UInt8]) -> Bool {
                word.withUnsafeBufferPointer { ByteSearch.firstOffset($0, in: text) != nil }
            }
            guard characters <= 200, !holds(fullStopUTF8), !holds(herePhraseUTF8) else { return .some(nil) }
            var digitsEnd = start
            while digitsEnd < namedEnd, (0x30...0x39).contains(bytes[digitsEnd]) { digitsEnd += 1 }
            var restStart = digitsEnd
            if digitsEnd > start {
                while restStart < namedEnd, bytes[restStart] == 0x20 { restStart += 1 }
                // "、", "." or "．"
                if restStart < namedEnd, bytes[restStart] == 0x2E {
                    restStart += 1
                } else if endsWith(min(restStart + 3, namedEnd), ideographicCommaUTF8, after: restStart)
                            || endsWith(min(restStart + 3, namedEnd), fullWidthStopUTF8, after: restStart) {
                    restStart += 3
                } else {
                    return .some(nil)
                }
                while restStart < namedEnd, bytes[restStart] == 0x20 { restStart += 1 }
            }
            var projectEnd = max(restStart, namedEnd - suffixLength)
            while projectEnd > restStart, bytes[projectEnd - 1] == 0x20 { projectEnd -= 1 }
            return TableTitle(printedNumber: digitsEnd > start ? string(start..<digitsEnd) : nil,
                              text: string(start..<end), project: string(restStart..<projectEnd))

        }
    }

    private static let fullWidthOpenUTF8 = Array("（".utf8)
    private static let fullWidthCloseUTF8 = Array("）".utf8)
    private static let fullStopUTF8 = Array("。".utf8)
    private static let herePhraseUTF8 = Array("，此处".utf8)
    private static let ideographicCommaUTF8 = Array("、".utf8)
    private static let fullWidthStopUTF8 = Array("．".utf8)

    /// `title` by characters, for any text.
    static func titleByCharacters(_ normalized: String) -> TableTitle? {
        var text = Substring(normalized)
        // Markdown decoration on web pages: "## 1、…", "**1、…**". Each character is compared only when its
        // edge byte is that of "#", "*" or " ": most titles start with a digit and end with 表, and taking a
        // string's first or last character costs far more than reading a byte.
        while text.utf8.first.map(isMarkdownDecoration) == true, let f = text.first, f == "#" || f == "*" || f == " " {
            text = text.dropFirst()
        }
        while text.utf8.last.map(isMarkdownDecoration) == true, let l = text.last, l == "*" || l == " " {
            text = text.dropLast()
        }
        // A note in brackets after the title ("…绩效目标表（单位：万元）") is part of the title, not of the project.
        // "）" and ")" are single scalars with no canonical equivalent: their last bytes are 89 and 29.
        var named = text
        if named.utf8.last == 0x89 || named.utf8.last == 0x29, let last = named.last, last == "）" || last == ")",
           let open = named.lastIndex(where: { $0 == "（" || $0 == "(" }) {
            var before = named[..<open]
            while before.last == " " { before = before.dropLast() }
            if before.hasSuffix(word: titleSuffix) || before.hasSuffix(word: applicationSuffix) { named = before }
        }
        // The suffix before the length and the sentence marks: most lines that get here are prose that
        // mentions a 绩效目标表 without ending with it, and counting their characters costs the most.
        let suffixCount: Int
        if named.hasSuffix(word: titleSuffix) {
            suffixCount = titleSuffixCount
        } else if named.hasSuffix(word: applicationSuffix) {
            suffixCount = applicationSuffixCount
        } else {
            return nil
        }
        guard text.hasAtMost(200), !text.contains(word: "。"), !text.contains(word: "，此处") else { return nil }
        let digits = named.prefix(while: { $0.isASCII && $0.isNumber })
        var rest = named[digits.endIndex...]
        if !digits.isEmpty {
            let afterSpace = rest.drop(while: { $0 == " " })
            guard let sep = afterSpace.first, sep == "、" || sep == "." || sep == "．" else { return nil }
            rest = afterSpace.dropFirst().drop(while: { $0 == " " })
        }
        var project = String(rest.dropLast(suffixCount))
        while project.last == " " { project.removeLast() }
        return TableTitle(printedNumber: digits.isEmpty ? nil : String(digits), text: String(text), project: project)
    }

    private static let titleSuffixes = [titleSuffix, applicationSuffix]

    /// Whether `byte` is that of "#", "*" or " ".
    private static func isMarkdownDecoration(_ byte: UInt8) -> Bool { byte == 0x23 || byte == 0x2A || byte == 0x20 }

    /// "绩效目标申报表": the title some provinces give the same table.
    private static let applicationSuffix = "绩效目标申报表"
    private static let applicationSuffixCount = applicationSuffix.count
    private static let applicationSuffixUTF8 = Array(applicationSuffix.utf8)

    /// Whether `c` is one of the numerals 一 … 十. Tested on its scalar rather than hashed for a set: such a
    /// character is one scalar, and the only other scalar Swift compares equal to one of them is U+F9D1, a
    /// compatibility ideograph equal to 六 (checked over all scalars).
    private static func isChineseNumeral(_ c: Character) -> Bool {
        let scalars = c.unicodeScalars
        guard let s = scalars.first, scalars.index(after: scalars.startIndex) == scalars.endIndex else { return false }
        switch s {
        case "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "\u{F9D1}": return true
        default: return false
        }
    }

    /// `titleSuffix.count`, counted once rather than for every title.
    private static let titleSuffixCount = titleSuffix.count
    private static let titleSuffixUTF8 = Array(titleSuffix.utf8)
    private static let goalUTF8 = Array("绩效目标".utf8)

    /// Whether a heading can start with `s`: 第, （, ( or a Chinese numeral.
    private static func isHeadingStart(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "第", "（", "(", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十": return true
        default: return false
        }
    }

    /// Whether a raw line can be a title or a section heading at all, decided without normalising it.
    ///
    /// A necessary condition, never a sufficient one: a title's normalised text ends with "绩效目标表", so the
    /// raw line holds those bytes; a heading's normalised text starts, after "#", "*" and spaces, with 第, （,
    /// ( or a Chinese numeral, and normalising only trims spaces before it. A "[bookmark: …]" marker, which
    /// normalising removes, could stand anywhere, so a line with "[" always gets the full check.
    static func mayBeTitleOrHeading(_ line: LineBytes) -> Bool {
        // Both title words hold "绩效目标": one search rules both out for most lines.
        if line.contains(0x5B) || (line.contains(goalUTF8)
            && (line.contains(titleSuffixUTF8) || line.contains(applicationSuffixUTF8))) { return true }
        guard let first = line.firstSignificantScalar(skippingMarkdown: true) else { return false }
        return isHeadingStart(first)
    }

    /// Whether the first scalar after "#", "*" and spaces is one a heading starts with (第, （, ( or a Chinese
    /// numeral), read from the bytes: every kind of heading below starts so, and most lines do not.
    private static func mayStartHeading(_ normalized: String) -> Bool {
        let first = normalized.unicodeScalars.first { $0 != "#" && $0 != "*" && $0 != " " }
        return first.map(isHeadingStart) ?? false
    }

    /// Whether a line (not a cell) is a section heading that ends a table: "六、政府采购预算情况",
    /// "第二部分  部门所属单位预算", "第2部分  专项资金绩效目标", "（一）总体绩效目标".
    static func isSectionHeading(_ normalized: String) -> Bool {
        guard !normalized.isEmpty, mayStartHeading(normalized) else { return false }
        return sectionHeadingFromScalars(normalized) ?? isSectionHeadingByCharacters(normalized)
    }

    /// `isSectionHeadingByCharacters`, decided on the UTF-8 bytes when the scalars it reads are all of the
    /// set `ByteSearch.singleCharacterScalar` reads; nil otherwise, and the caller compares characters.
    ///
    /// In a run of such scalars each scalar is one character, and characters are equal when their scalars
    /// are, so a scalar test is the character test, without breaking the text into graphemes (which cost
    /// the most there). A form that fails at a scalar of the set fails as characters too, whatever follows
    /// it: 第, 部, 分, the brackets, 、 and the numerals decompose into nothing, so no longer character equals
    /// one of them. Most lines that get here are prose that starts like a heading and fails in the first
    /// few scalars, so only a heading's form is read to its end.
    static func sectionHeadingFromScalars(_ normalized: String) -> Bool? {
        normalized.withUTF8Bytes { bytes -> Bool? in
            var offset = 0
            var unsure = false
            // The next scalar's value, or `end` past the end or at a scalar outside the set (then `unsure`).
            let end = UInt32.max
            func next() -> UInt32 {
                guard offset < bytes.count else { return end }
                guard let (scalar, length) = ByteSearch.singleCharacterScalar(bytes, at: offset) else {
                    unsure = true
                    return end
                }
                offset += length
                return scalar
            }
            var c = next()
            while c == 0x23 || c == 0x2A || c == 0x20 { c = next() }   // "#", "*", " "
            var numerals = 0
            let formed: Bool
            switch c {
            case v("第"):
                c = next()
                while isChineseNumeral(c) || (0x30...0x39).contains(c) { numerals += 1; c = next() }
                formed = numerals > 0 && c == v("部") && next() == v("分")
            case v("（"), v("("):
                c = next()
                while isChineseNumeral(c) { numerals += 1; c = next() }
                formed = numerals > 0 && (c == v("）") || c == v(")"))
            default:
                while isChineseNumeral(c) { numerals += 1; c = next() }
                formed = numerals > 0 && c == v("、")
            }
            if unsure { return nil }
            guard formed else { return false }
            // At most 40 characters, and not ending with a sentence mark. 42 scalars of the set are at least
            // 41 characters whatever follows them.
            var count = 0, last = end
            offset = 0
            while offset < bytes.count && count <= 41 {
                last = next()
                if unsure { return nil }
                count += 1
            }
            guard count <= 40 else { return false }
            return ![v("。"), v("；"), v(";"), v("，"), v(",")].contains(last)
        }
    }

    /// The value of scalar `s` (written as a character literal for reading).
    private static func v(_ s: Unicode.Scalar) -> UInt32 { s.value }

    /// Whether scalar value `s` is one of the numerals 一 … 十. (U+F9D1, which equals 六 as a character, is
    /// outside the set `sectionHeadingFromScalars` reads.)
    private static func isChineseNumeral(_ s: UInt32) -> Bool {
        switch s {
        case v("一"), v("二"), v("三"), v("四"), v("五"), v("六"), v("七"), v("八"), v("九"), v("十"): return true
        default: return false
        }
    }

    /// `isSectionHeading` by characters, for any text.
    static func isSectionHeadingByCharacters(_ normalized: String) -> Bool {
        guard !normalized.isEmpty, mayStartHeading(normalized) else { return false }
        var s = Substring(normalized)
        while s.utf8.first.map(isMarkdownDecoration) == true, let f = s.first, f == "#" || f == "*" || f == " " {
            s = s.dropFirst()
        }
        // The form of the start before the length: counting up to 41 characters costs far more, and most
        // lines that get here are prose that starts like a heading, or names a 绩效目标表.
        guard startsLikeHeading(s), normalized.hasAtMost(40) else { return false }
        // The last byte first: that of 。(E3 80 82) ；(EF BC 9B) ; ，(EF BC 8C) , or of U+037E (CD BE), a Greek
        // question mark that Swift compares equal to ";". No other character equals one of these marks.
        if let byte = normalized.utf8.last, [0x82, 0x9B, 0x3B, 0x8C, 0x2C, 0xBE].contains(byte),
           let last = normalized.last, "。；;，,".contains(last) { return false }
        return true
    }

    /// Whether `s` starts as a heading does: "第二部分", "第2部分", "（一）", "(一)", "六、".
    private static func startsLikeHeading(_ s: Substring) -> Bool {
        // One character compared, not `hasPrefix`, whose generic comparison costs several times more.
        let first = s.first
        if first == "第" {
            let body = s.dropFirst().prefix(while: { isChineseNumeral($0) || ($0.isASCII && $0.isNumber) })
            return !body.isEmpty && s.dropFirst(1 + body.count).hasPrefix("部分")
        }
        if first == "（" || first == "(" {
            let body = s.dropFirst().prefix(while: isChineseNumeral)
            guard !body.isEmpty, let close = s.dropFirst(1 + body.count).first else { return false }
            return close == "）" || close == ")"
        }
        let body = s.prefix(while: isChineseNumeral)
        return !body.isEmpty && s.dropFirst(body.count).first == "、"
    }
}
