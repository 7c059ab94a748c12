/// How serious a finding is. Ordered: info < warning < error.
public enum Severity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case info, warning, error

    private var rank: Int {
        switch self {
        case .info: return 0
        case .warning: return 1
        case .error: return 2
        }
    }
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// The language of what a user reads.
public enum Language: String, Sendable, Hashable, Codable {
    case zh, en
}

/// A text in both languages jxlint speaks.
public struct LocalizedText: Sendable, Hashable, Codable {
    public var zh: String
    public var en: String
    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }
    public func text(_ language: Language) -> String { language == .en ? en : zh }
}

/// Where a finding points: a document, a table in it, and possibly a row.
public struct FindingLocation: Sendable, Hashable, Codable {
    public var path: String
    /// 1-based line: the row's first line for row findings, the title's line for table findings.
    public var line: Int
    /// 1-based table index in its document (nil for document-level findings).
    public var tableIndex: Int?
    public var tableTitle: String?
    /// 1-based row index in its table (nil for table-level findings).
    public var rowIndex: Int?
    /// The row's 三级指标 as printed.
    public var rowName: String?

    public init(path: String, line: Int, tableIndex: Int? = nil, tableTitle: String? = nil,
                rowIndex: Int? = nil, rowName: String? = nil) {
        self.path = path
        self.line = line
        self.tableIndex = tableIndex
        self.tableTitle = tableTitle
        self.rowIndex = rowIndex
        self.rowName = rowName
    }
}

/// One defect a rule found.
public struct Finding: Sendable, Hashable, Codable {
    public var ruleID: String
    public var severity: Severity
    public var location: FindingLocation
    /// The offending text as the document prints it.
    public var evidence: String
    public var message: LocalizedText
    public var hint: LocalizedText

    public init(ruleID: String, severity: Severity, location: FindingLocation, evidence: String,
                message: LocalizedText, hint: LocalizedText) {
        self.ruleID = ruleID
        self.severity = severity
        self.location = location
        self.evidence = evidence
        self.message = message
        self.hint = hint
    }
}
