/// Recognises dates and deadlines in a 指标值: "2023年12月20日前完成", "10月底前", "年底前", "当年完成",
/// "每月25日前发放", "2023 年 10 月底", and the real typos "12底前" and "≥1212月以前".
///
/// A bare "12月" or "≤6 月" is not a deadline: under 时效 it is a span ("paid for 12 months", "within 6
/// months"), so the value parser reads it as a duration. A month becomes a point in time only with a year, a
/// day, a part of the month (底, 末, 上旬 …) or a closing word (前, 以前, 之前).
enum DeadlineMatcher {
    /// Whether a deadline or date starts at `start` (after optional lead-in words such as 于, 限于, 截止到).
    ///
    /// - Parameter strict: when scanning prose, a bare year ("2023年度工作计划") is not evidence of a
    ///   deadline; require a month, a day or a closing word as well.
    static func matches(_ s: [Unicode.Scalar], at start: Int, strict: Bool) -> Bool {
        var i = start
        if let lead = ValueLexicon.deadlineLeadIns.longestMatch(in: s, at: i) {
            i = skipSpaces(s, i + lead.length)
        }
        var hasYear = false      // a four-digit year: "2023年"
        var hasPeriod = false    // 当年, 每月 …
        var hasMonth = false
        var monthIsTypo = false  // "1212月": the month is guessed from the last digits
        var hasDay = false
        var hasPart = false      // 底, 末, 上旬 …
        var hasBound = false     // 前, 以前, 之前 …

        if let period = ValueLexicon.periodWords.longestMatch(in: s, at: i) {
            hasPeriod = true
            i = skipSpaces(s, i + period.length)
        }
        // Four-digit year, "2023年" or "2023 年" or "2023年度"; or an ISO-like "2023-12-31".
        if !hasPeriod, let run = digitRun(s, i), run.count == 4, let year = run.value, year >= 1900, year <= 2100 {
            let after = skipSpaces(s, run.end)
            if s.at(after) == "年" {
                hasYear = true
                i = after + 1
                if s.at(i) == "度" { i += 1 }
                i = skipSpaces(s, i)
            } else if let sep = s.at(run.end), sep == "-" || sep == "." || sep == "/",
                      let month = digitRun(s, run.end + 1), month.count <= 2,
                      let m = month.value, m >= 1, m <= 12, s.at(month.end) == sep,
                      let day = digitRun(s, month.end + 1), day.count <= 2, day.end > month.end {
                // Only a full "2023-12-31": "2023.5万元" is an amount, not a date.
                return true
            }
        }
        // "年底前", "年内完成": the budget year without a number.
        if !hasYear, !hasPeriod, s.at(i) == "年", let next = s.at(i + 1), next == "底" || next == "末" || next == "内" {
            return true
        }
        if hasYear || hasPeriod, let next = s.at(i), next == "底" || next == "末" || next == "内" {
            hasPart = true
            i += 1
        }
        // Month.
        if !hasPart, let run = digitRun(s, i), let value = run.value {
            let after = skipSpaces(s, run.end)
            if s.at(after) == "月" {
                if run.count <= 2, value >= 1, value <= 12 {
                    hasMonth = true
                    i = after + 1
                } else if run.count >= 3, run.count <= 4, trailingMonth(run) != nil {
                    // "≥1212月以前": a comparator and "12" fused with "12月以前". Only read it so when a
                    // closing word follows, checked below.
                    hasMonth = true
                    monthIsTypo = true
                    i = after + 1
                }
                if s.at(i) == "份" { i += 1 }
                i = skipSpaces(s, i)
            } else if run.count <= 2, value >= 1, value <= 12, let next = s.at(run.end), next == "底" || next == "末" {
                // "12底前完成任务": 月 left out.
                hasMonth = true
                i = run.end
            }
        }
        // Day: "20日", "25号".
        if !hasPart, let run = digitRun(s, i), run.count <= 2, let value = run.value, value >= 1, value <= 31 {
            let after = skipSpaces(s, run.end)
            if let unit = s.at(after), unit == "日" || unit == "号" {
                hasDay = true
                i = skipSpaces(s, after + 1)
            }
        }
        if !hasPart, let part = ValueLexicon.periodParts.longestMatch(in: s, at: i) {
            hasPart = true
            i = skipSpaces(s, i + part.length)
        }
        if ValueLexicon.deadlineBounds.longestMatch(in: s, at: i) != nil {
            hasBound = true
        }

        if monthIsTypo { return hasPart || hasBound }
        if hasYear { return !strict || hasMonth || hasDay || hasPart || hasBound }
        if hasMonth { return hasDay || hasPart || hasBound }
        if hasDay { return hasBound }
        if hasPeriod {
            // "当年完成", "当年", "当年11月前完成"; but not "保持当年水平" found while scanning prose.
            if hasPart { return true }
            guard let next = s.at(i) else { return true }
            return next == "完" || next == "内"
        }
        return false
    }

    /// Whether a deadline starts anywhere in `s`: "网络通信服务费缴费时间在2022年12月25日前完成".
    static func occurs(in s: [Unicode.Scalar]) -> Bool {
        var i = 0
        while i < s.count {
            let scalar = s[i]
            let startsNumber = scalar.isASCIIDigit && !(s.at(i - 1)?.isASCIIDigit ?? false)
            if startsNumber || scalar == "当" || scalar == "本" || scalar == "今" || scalar == "每" || scalar == "年" {
                if matches(s, at: i, strict: true) { return true }
            }
            i += 1
        }
        return false
    }

    /// A run of ASCII digits at `index`: its end, its length and its value (nil if too long to matter).
    static func digitRun(_ s: [Unicode.Scalar], _ index: Int) -> (end: Int, count: Int, value: Int?)? {
        var j = index
        var value = 0
        while let d = s.at(j), d.isASCIIDigit {
            if j - index < 9 { value = value * 10 + Int(d.value - 0x30) }
            j += 1
        }
        guard j > index else { return nil }
        return (j, j - index, j - index <= 9 ? value : nil)
    }

    /// A valid month in the last one or two digits of a run ("1212" → 12, "123" → 3 only if "23" is invalid).
    private static func trailingMonth(_ run: (end: Int, count: Int, value: Int?)) -> Int? {
        guard let value = run.value else { return nil }
        let two = value % 100
        if two >= 10, two <= 12 { return two }
        let one = value % 10
        return one >= 1 ? one : nil
    }

    static func skipSpaces(_ s: [Unicode.Scalar], _ index: Int) -> Int {
        var j = index
        while s.at(j) == " " { j += 1 }
        return j
    }
}
