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
///
/// Findings are copied often on their way to a report (sorted, merged with the cross-document ones, grouped
/// by table), so, like `IndicatorRow`, a finding keeps its fields in one shared immutable object: a copy
/// costs one retain instead of one per string. Reading, equality, hashing and Codable are those of the fields.
public struct Finding: Sendable, Hashable, Codable {
    @usableFromInline
    struct Fields: Sendable, Hashable, Codable {
        @usableFromInline var ruleID: String
        @usableFromInline var severity: Severity
        @usableFromInline var location: FindingLocation
        @usableFromInline var evidence: String
        @usableFromInline var message: LocalizedText
        @usableFromInline var hint: LocalizedText
    }

    @usableFromInline
    var storage: SharedFields<Fields>

    public var ruleID: String {
        @inlinable get { storage.fields.ruleID }
        set { storage = storage.updated { $0.ruleID = newValue } }
    }
    public var severity: Severity {
        @inlinable get { storage.fields.severity }
        set { storage = storage.updated { $0.severity = newValue } }
    }
    public var location: FindingLocation {
        @inlinable get { storage.fields.location }
        set { storage = storage.updated { $0.location = newValue } }
    }
    /// The offending text as the document prints it.
    public var evidence: String {
        @inlinable get { storage.fields.evidence }
        set { storage = storage.updated { $0.evidence = newValue } }
    }
    public var message: LocalizedText {
        @inlinable get { storage.fields.message }
        set { storage = storage.updated { $0.message = newValue } }
    }
    public var hint: LocalizedText {
        @inlinable get { storage.fields.hint }
        set { storage = storage.updated { $0.hint = newValue } }
    }

    public init(ruleID: String, severity: Severity, location: FindingLocation, evidence: String,
                message: LocalizedText, hint: LocalizedText) {
        storage = SharedFields(Fields(ruleID: ruleID, severity: severity, location: location, evidence: evidence,
                                 message: message, hint: hint))
    }

    public static func == (lhs: Finding, rhs: Finding) -> Bool {
        lhs.storage === rhs.storage || lhs.storage.fields == rhs.storage.fields
    }

    public func hash(into hasher: inout Hasher) { storage.fields.hash(into: &hasher) }

    public init(from decoder: Decoder) throws { storage = SharedFields(try Fields(from: decoder)) }

    public func encode(to encoder: Encoder) throws { try storage.fields.encode(to: encoder) }
}
