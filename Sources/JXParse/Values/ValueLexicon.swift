import JXModel

/// A fixed set of tokens looked up by their first scalar, so that asking "which token starts here?" costs one
/// hash lookup and a handful of comparisons instead of a pass over the whole list. Longest tokens are tried
/// first so that "万元" wins over "万" and "个工作日" over "个".
struct TokenTable<Payload: Sendable>: Sendable {
    struct Entry: Sendable {
        let token: [Unicode.Scalar]
        let payload: Payload
    }

    private var byFirst: [Unicode.Scalar: [Entry]] = [:]
    /// Bit (v mod 1024) is set when some token starts with a scalar of value v. Most lookups miss, and
    /// this answers them without hashing.
    private var firstScalarBits = [UInt64](repeating: 0, count: 16)

    init(_ entries: [(String, Payload)]) {
        for (text, payload) in entries {
            let token = Array(text.unicodeScalars)
            guard let first = token.first else { continue }
            byFirst[first, default: []].append(Entry(token: token, payload: payload))
            let bit = Int(first.value & 1023)
            firstScalarBits[bit >> 6] |= 1 << UInt64(bit & 63)
        }
        for key in byFirst.keys {
            byFirst[key]?.sort { $0.token.count > $1.token.count }
        }
    }

    /// The longest token that starts at `index` in `scalars`, with its length in scalars.
    func longestMatch(in scalars: [Unicode.Scalar], at index: Int) -> (length: Int, payload: Payload)? {
        guard let first = scalars.at(index) else { return nil }
        let bit = Int(first.value & 1023)
        guard firstScalarBits[bit >> 6] & (1 << UInt64(bit & 63)) != 0, let candidates = byFirst[first] else {
            return nil
        }
        for entry in candidates where scalars.hasToken(entry.token, at: index) {
            return (entry.token.count, entry.payload)
        }
        return nil
    }
}

/// What a known unit means for classification.
struct UnitInfo: Sendable {
    /// The unit as reported in `IndicatorValue.unit` ("百分比" reports as "%").
    let normalized: String
    /// A span of time (年, 月, 天, 工作日 …): a number in it is a duration, not a quantity.
    let isTime: Bool
}

/// A word that qualifies the number next to it.
enum ValueCue: Sendable {
    case comparator(Comparator)
    /// 约, 左右: an approximate figure, which has no comparator.
    case approximate
}

/// The vocabulary of 指标值 cells. Kept in code rather than in `Rules/` because it defines how values are
/// read, not what is judged about them; rules classify units further with their own lexicons.
enum ValueLexicon {
    /// Units seen in goal tables. Lists are not exhaustive: an unknown single-character measure word or a short
    /// Latin unit after a number is still read as a unit (see `ValueParser`), but fused text such as
    /// "≥100完工及时率" must not be, so multi-character units have to be listed here.
    static let units: TokenTable<UnitInfo> = {
        let money = ["元", "万元", "亿元", "千元", "百元", "百万元", "千万元", "万亿元", "万", "亿"]
        let share = ["‰", "百分点", "个百分点", "倍"]
        let counts = [
            "人", "万人", "人次", "万人次", "名", "位", "户", "万户", "户次", "家", "个", "所", "处", "批", "件",
            "条", "项", "期", "份", "篇", "种", "类", "部", "本", "册", "卷", "套", "台", "辆", "场", "场次", "次",
            "万次", "班次", "班", "轮", "课时", "学时", "节", "张", "块", "座", "栋", "间", "株", "棵", "组",
            "支", "队", "页", "个点", "分", "岁", "册次", "篇次", "期次", "份次", "人天", "人日", "门",
        ]
        let measures = [
            "亩", "万亩", "公顷", "平方米", "平米", "万平方米", "平方公里", "立方米", "米", "公里", "千米", "吨",
            "万吨", "千克", "公斤", "斤", "千瓦", "千瓦时", "度", "㎡", "km", "kg", "m²",
        ]
        let time = ["年", "个月", "月", "周", "星期", "天", "日", "工作日", "个工作日", "小时", "个小时", "分钟",
                    "秒", "季度", "个季度", "周年"]
        var entries: [(String, UnitInfo)] = [
            ("%", UnitInfo(normalized: "%", isTime: false)),
            ("百分比", UnitInfo(normalized: "%", isTime: false)),
        ]
        for unit in money + share + counts + measures {
            entries.append((unit, UnitInfo(normalized: unit, isTime: false)))
        }
        for unit in time {
            entries.append((unit, UnitInfo(normalized: unit, isTime: true)))
        }
        return TokenTable(entries)
    }()

    /// Words before a number that set its comparator (不低于95%) or mark it approximate (约20人).
    static let prefixCues: TokenTable<ValueCue> = TokenTable([
        ("不低于", .comparator(.atLeast)), ("不少于", .comparator(.atLeast)), ("不小于", .comparator(.atLeast)),
        ("大于等于", .comparator(.atLeast)), ("大于或等于", .comparator(.atLeast)), ("至少", .comparator(.atLeast)),
        ("最少", .comparator(.atLeast)), ("达到", .comparator(.atLeast)), ("不得低于", .comparator(.atLeast)),
        ("不得少于", .comparator(.atLeast)),
        ("不高于", .comparator(.atMost)), ("不超过", .comparator(.atMost)), ("不大于", .comparator(.atMost)),
        ("不多于", .comparator(.atMost)), ("小于等于", .comparator(.atMost)), ("小于或等于", .comparator(.atMost)),
        ("最多", .comparator(.atMost)), ("至多", .comparator(.atMost)), ("控制在", .comparator(.atMost)),
        ("不得超过", .comparator(.atMost)), ("不得高于", .comparator(.atMost)),
        ("大于", .comparator(.greater)), ("高于", .comparator(.greater)), ("超过", .comparator(.greater)),
        ("多于", .comparator(.greater)),
        ("小于", .comparator(.less)), ("低于", .comparator(.less)), ("少于", .comparator(.less)),
        ("不足", .comparator(.less)), ("不到", .comparator(.less)),
        ("等于", .comparator(.equal)),
        ("约", .approximate), ("大约", .approximate), ("约为", .approximate), ("≈", .approximate),
    ])

    /// Words after a number and unit that set its comparator (90%以上, 3个工作日内) or mark it approximate.
    static let suffixCues: TokenTable<ValueCue> = TokenTable([
        ("以上", .comparator(.atLeast)), ("及以上", .comparator(.atLeast)),
        ("以下", .comparator(.atMost)), ("及以下", .comparator(.atMost)), ("以内", .comparator(.atMost)),
        ("之内", .comparator(.atMost)), ("内", .comparator(.atMost)),
        ("左右", .approximate), ("上下", .approximate),
    ])

    /// Words that may open a deadline: "限于2023年12月20日前", "截止到…", "于2023年3月底前完成".
    static let deadlineLeadIns: TokenTable<Bool> = TokenTable([
        ("于", true), ("限", true), ("限于", true), ("在", true), ("截止", true), ("截止到", true), ("截至", true),
        ("截至到", true), ("最迟", true), ("最迟于", true), ("预计于", true), ("须在", true), ("应在", true),
    ])

    /// Words naming the budget year or a recurring period: "当年完成", "每月25日前", "年底前".
    static let periodWords: TokenTable<Bool> = TokenTable([
        ("当年", true), ("本年", true), ("今年", true), ("本年度", true), ("当年度", true), ("每年", true),
        ("每月", true), ("当月", true), ("本月", true),
    ])

    /// Words that close a deadline: "…前", "…以前", "…之前", "…为止".
    static let deadlineBounds: TokenTable<Bool> = TokenTable([
        ("前", true), ("以前", true), ("之前", true), ("止", true), ("为止", true),
    ])

    /// Parts of a month or year that make "12月" a point in time: 底, 末, 初, 上旬 ….
    static let periodParts: TokenTable<Bool> = TokenTable([
        ("底", true), ("末", true), ("初", true), ("上旬", true), ("中旬", true), ("下旬", true),
    ])
}

extension Array where Element == Unicode.Scalar {
    /// The scalar at `index`, or nil past either end: document text is never indexed unchecked.
    @inline(__always)
    func at(_ index: Int) -> Unicode.Scalar? {
        index >= 0 && index < count ? self[index] : nil
    }

    /// Whether `token` occurs at `index`.
    func hasToken(_ token: [Unicode.Scalar], at index: Int) -> Bool {
        guard index >= 0, index + token.count <= count else { return false }
        var k = 0
        while k < token.count {
            if self[index + k] != token[k] { return false }
            k += 1
        }
        return true
    }
}

extension Unicode.Scalar {
    @inline(__always) var isASCIIDigit: Bool { value >= 0x30 && value <= 0x39 }
    @inline(__always) var isASCIILetter: Bool { (value | 0x20) >= 0x61 && (value | 0x20) <= 0x7A }
    /// A CJK ideograph (basic block and extension A).
    @inline(__always) var isIdeograph: Bool {
        (value >= 0x4E00 && value <= 0x9FFF) || (value >= 0x3400 && value <= 0x4DBF)
    }
}
