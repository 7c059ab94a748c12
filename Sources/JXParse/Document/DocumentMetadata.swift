import JXModel

/// Department and budget year, taken from the document's own words: a cover cell such as
/// "203保定白沟新城党群工作部" (unit code, then name), "预算年度：2023", or a sentence such as
/// "现将保定白沟新城管理委员会组织人事局2021年部门预算公开如下".
enum DocumentMetadata {
    private static let departmentSuffixes = ["部", "局", "委员会", "委", "办公室", "办", "中心", "院", "所", "站", "队",
                                             "处", "室", "馆", "厅", "会", "政府", "街道", "镇", "乡", "团", "社", "校",
                                             "学", "台", "园", "署", "司"]

    static func detect(_ lines: SourceLines) -> (department: String?, year: Int?) {
        var department: String?
        var year: Int?
        var sentenceDepartment: String?
        var firstLineDepartment: String?
        var expectYearOnNextLine = false
        let limit = min(lines.count, 4000)
        var i = 0
        while i < limit, department == nil || year == nil {
            let line = i
            i += 1
            // Most lines are cells and prose that name neither; they are skipped without normalising them.
            guard i <= 3 || expectYearOnNextLine
                    || mayName(lines.bytes(line), year: year == nil, department: department == nil,
                               sentence: sentenceDepartment == nil) else { continue }
            let text = Normalizer.normalize(String(lines[line]))
            if text.isEmpty { continue }
            if firstLineDepartment == nil, i <= 3, let name = departmentName(text) { firstLineDepartment = name }
            if year == nil {
                if expectYearOnNextLine, let y = fourDigitYear(text), text.count == 4 { year = y }
                expectYearOnNextLine = false
                if let r = text.firstRange(ofWord: "预算年度") {
                    let rest = text[r.upperBound...].drop(while: { $0 == "：" || $0 == ":" || $0 == " " })
                    if let y = fourDigitYear(rest) { year = y } else if rest.isEmpty { expectYearOnNextLine = true }
                } else if let r = text.firstRange(ofWord: "年部门预算") ?? text.firstRange(ofWord: "年单位预算")
                            ?? text.firstRange(ofWord: "年度部门预算") {
                    let before = text[..<r.lowerBound].filter { $0 != " " }
                    if let y = fourDigitYear(before.suffix(4)) { year = y }
                }
            }
            if department == nil {
                if let name = codedDepartment(text) { department = name }
                if sentenceDepartment == nil, let r = text.firstRange(ofWord: "现将") {
                    let rest = text[r.upperBound...]
                    if let yr = rest.firstIndex(where: { $0.isASCII && $0.isNumber }) {
                        let name = String(rest[..<yr]).trimmingSpaces
                        if !name.isEmpty, departmentName(name) != nil { sentenceDepartment = name }
                    }
                }
            }
        }
        return (department ?? sentenceDepartment ?? firstLineDepartment, year)
    }

    private static let budgetWord = Array("预算".utf8)
    private static let presentWord = Array("现".utf8)

    /// Whether a raw line can hold what `detect` still looks for after the first lines: a year
    /// ("预算年度：2023", "…2021年部门预算…", all with 预算) while `year` is wanted, a department while
    /// `department` is: a sentence with 现将 (while `sentence`, no such sentence seen yet) or a unit code
    /// (three or more leading digits, perhaps full-width, then a name, which is not ASCII). Many documents
    /// name one of the two and not the other, and `detect` then reads on for thousands of lines: only the
    /// tests for what is still missing are run. A bookmark marker ("[") could stand inside any of these
    /// words, so such lines are always read. Only words whose characters have no canonically equivalent
    /// variant are searched as bytes (年, 度 and 将 have CJK compatibility twins; 预, 算 and 现 do not).
    private static func mayName(_ line: LineBytes, year: Bool, department: Bool, sentence: Bool) -> Bool {
        if line.contains(0x5B) { return true }
        if year, line.contains(budgetWord) { return true }
        guard department else { return false }
        if sentence, line.contains(presentWord) { return true }
        var digits = 0
        for scalar in line.scalars.drop(while: Normalizer.isSpace) {
            if scalar.isASCIIDigit || (0xFF10...0xFF19).contains(scalar.value) {
                digits += 1
            } else {
                return digits >= 3 && line.bytes.contains(where: { $0 >= 0x80 })
            }
        }
        return false
    }

    /// "203保定白沟新城党群工作部" / "203 中共…党建工作部" → the name without the unit code.
    static func codedDepartment(_ text: String) -> String? {
        let digits = text.prefix(while: { $0.isASCII && $0.isNumber })
        guard digits.count >= 3, digits.count <= 9 else { return nil }
        let name = String(text.dropFirst(digits.count)).trimmingSpaces
        // Counted no further than the limit: the text is often a long line of figures.
        guard !name.hasAtMost(2), name.hasAtMost(40), let first = name.first, !first.isASCII else { return nil }
        return departmentName(name)
    }

    /// `text` when it reads like a department's name.
    static func departmentName(_ text: String) -> String? {
        guard !text.hasAtMost(2), text.hasAtMost(40),
              !text.contains(word: "。"), !text.contains(word: "："), !text.contains(word: ":"),
              !text.contains(word: "，"), !text.contains(word: "预算"), !text.contains(word: "目录"),
              departmentSuffixes.contains(where: { text.hasSuffix($0) }) else { return nil }
        return text
    }

    static func fourDigitYear<S: StringProtocol>(_ s: S) -> Int? {
        let digits = s.drop(while: { $0 == " " }).prefix(while: { $0.isASCII && $0.isNumber })
        guard digits.count == 4, let y = Int(digits), y >= 1990, y <= 2100 else { return nil }
        return y
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
