/// How a target value relates to its number: "≥95%" is `.atLeast`.
public enum Comparator: String, Sendable, Hashable, Codable, CaseIterable {
    case atLeast = "≥"
    case atMost = "≤"
    case greater = ">"
    case less = "<"
    case equal = "="

    /// Whether the comparator sets a floor (≥, >): "at least this much".
    public var isLowerBound: Bool { self == .atLeast || self == .greater }
    /// Whether the comparator sets a ceiling (≤, <).
    public var isUpperBound: Bool { self == .atMost || self == .less }
}

/// What sort of thing a 指标值 is.
public enum ValueKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// `comparator? number unit?`, e.g. "≥20台", "95%", "801".
    case quantity
    /// A date or deadline: "2023年12月20日前", "10月底前", "年底前", "当年完成".
    case deadline
    /// A span of time: "≤6月" under 时效 reads as a number with a time unit, "3个工作日内" as a duration.
    case duration
    /// Words only: "有效", "良好", "持续发挥引领作用".
    case qualitative
    /// Nothing written, or only a unit or a comparator ("%", "≥").
    case empty
}

/// A parsed 指标值. `raw` is the cell as printed; everything else is derived from it.
public struct IndicatorValue: Sendable, Hashable, Codable {
    /// The cell exactly as printed.
    public var raw: String
    /// The normalised text the parse was made from.
    public var text: String
    public var comparator: Comparator?
    public var number: Double?
    /// Upper end of a range such as "3-5 个" (then `number` is the lower end).
    public var upperNumber: Double?
    /// Normalised unit: "%", "万元", "元/人", "次/月/村" … ("百分比" and "％" become "%").
    public var unit: String?
    public var kind: ValueKind
    /// Text fused onto the value that is not a unit, e.g. "完工及时率" in "≥100完工及时率".
    public var trailingText: String?

    public init(raw: String, text: String, comparator: Comparator? = nil, number: Double? = nil,
                upperNumber: Double? = nil, unit: String? = nil, kind: ValueKind, trailingText: String? = nil) {
        self.raw = raw
        self.text = text
        self.comparator = comparator
        self.number = number
        self.upperNumber = upperNumber
        self.unit = unit
        self.kind = kind
        self.trailingText = trailingText
    }
}
