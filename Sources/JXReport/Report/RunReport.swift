import JXModel

/// Who wrote a report: SARIF's `tool.driver` and the JSON report's `tool`.
public struct ToolInfo: Sendable, Hashable, Codable {
    public var name: String
    public var version: String
    /// Where users read about the tool (SARIF `informationUri`); omitted from reports when nil.
    public var informationURI: String?

    public init(name: String = "jxlint", version: String, informationURI: String? = nil) {
        self.name = name
        self.version = version
        self.informationURI = informationURI
    }
}

/// One goal table with its findings, score and grade.
public struct TableReport: Sendable, Hashable {
    public var table: GoalTable
    /// Findings located in this table, in reading order (line, row, most severe first, rule).
    public var findings: [Finding]
    public var score: Double
    public var grade: Grade

    public init(table: GoalTable, findings: [Finding], score: Double, grade: Grade) {
        self.table = table
        self.findings = findings
        self.score = score
        self.grade = grade
    }

    /// The row a finding points at, if it points at one of this table's rows.
    public func row(for finding: Finding) -> IndicatorRow? {
        guard let index = finding.location.rowIndex else { return nil }
        // Rows are numbered 1… in order, so try the direct position before searching.
        if index >= 1, index <= table.rows.count, table.rows[index - 1].index == index {
            return table.rows[index - 1]
        }
        return table.rows.first { $0.index == index }
    }

    public func count(_ severity: Severity) -> Int { findings.reduce(0) { $0 + ($1.severity == severity ? 1 : 0) } }
}

/// One document with its tables, its own (document-level) findings, score and grade.
public struct DocumentReport: Sendable, Hashable {
    public var path: String
    public var department: String?
    public var budgetYear: Int?
    public var tables: [TableReport]
    /// Findings that belong to no table of this document: title numbering, cross-document duplicates,
    /// and any finding whose table index matches no table (kept rather than dropped).
    public var findings: [Finding]
    /// nil when the document has no goal tables.
    public var score: Double?
    public var grade: Grade?

    public var rowCount: Int { tables.reduce(0) { $0 + $1.table.rows.count } }
    public var findingCount: Int { tables.reduce(findings.count) { $0 + $1.findings.count } }
    /// Every finding of the document: its tables' and its own.
    public var allFindings: [Finding] { tables.flatMap(\.findings) + findings }

    /// Calls `body` with every finding of the document, its tables' and its own, without gathering them
    /// into one array first (a document of many tables would hold its findings twice).
    public func forEachFinding(_ body: (Finding) -> Void) {
        for table in tables {
            for finding in table.findings { body(finding) }
        }
        for finding in findings { body(finding) }
    }

    public init(path: String, department: String?, budgetYear: Int?, tables: [TableReport],
                findings: [Finding], score: Double?, grade: Grade?) {
        self.path = path
        self.department = department
        self.budgetYear = budgetYear
        self.tables = tables
        self.findings = findings
        self.score = score
        self.grade = grade
    }

    /// Scores one document given the findings that belong to it (any finding whose path is the document's;
    /// the caller has grouped them). Use this to build and write a report one document at a time.
    public static func build(document: Document, findings: [Finding], policy: ScoringPolicy) -> DocumentReport {
        // Grouped by position: each finding is copied once, into its table's findings in reading order.
        var byTable: [Int: [Int]] = [:]
        var documentLevelPositions: [Int] = []
        let tableIndexes = Set(document.tables.map(\.index))
        for position in findings.indices {
            if let index = findings[position].location.tableIndex, tableIndexes.contains(index) {
                byTable[index, default: []].append(position)
            } else {
                documentLevelPositions.append(position)
            }
        }
        let tables = document.tables.map { table -> TableReport in
            // Taken out of the grouping as each table is built: the grouping shrinks as the tables fill.
            let tableFindings = Finding.inReadingOrder(byTable.removeValue(forKey: table.index) ?? [], of: findings)
            let score = policy.tableScore(findings: tableFindings)
            return TableReport(table: table, findings: tableFindings, score: score, grade: policy.grade(for: score))
        }
        let documentLevel = Finding.inReadingOrder(documentLevelPositions, of: findings)
        let score = policy.documentScore(tableScores: tables.map(\.score), documentFindings: documentLevel)
        return DocumentReport(path: document.path, department: document.department, budgetYear: document.budgetYear,
                              tables: tables, findings: documentLevel, score: score,
                              grade: score.map { policy.grade(for: $0) })
    }
}

/// A pointer to one table, for "worst tables" lists.
public struct TableReference: Sendable, Hashable {
    public var path: String
    public var department: String?
    public var tableIndex: Int
    public var title: String
    public var line: Int
    public var score: Double
    public var grade: Grade
}

/// Totals over a run.
public struct RunSummary: Sendable, Hashable {
    public var documents = 0
    public var tables = 0
    public var rows = 0
    public var errors = 0
    public var warnings = 0
    public var infos = 0
    /// Findings accepted by a baseline and left out of the report (always 0 until baselines exist).
    public var baselineSuppressed = 0
    /// The lowest-scoring tables, worst first (at most `worstTableLimit`).
    public var worstTables: [TableReference] = []

    public static let worstTableLimit = 5

    public init() {}

    public var findings: Int { errors + warnings + infos }

    public func count(_ severity: Severity) -> Int {
        switch severity {
        case .error: return errors
        case .warning: return warnings
        case .info: return infos
        }
    }

    /// Adds one document; summaries can so be kept while documents stream past.
    public mutating func add(_ document: DocumentReport) {
        documents += 1
        tables += document.tables.count
        rows += document.rowCount
        document.forEachFinding { finding in
            switch finding.severity {
            case .error: errors += 1
            case .warning: warnings += 1
            case .info: infos += 1
            }
        }
        for table in document.tables {
            let reference = TableReference(path: document.path, department: document.department,
                                           tableIndex: table.table.index, title: table.table.title.text,
                                           line: table.table.line, score: table.score, grade: table.grade)
            // Keep only the worst few: a short insertion instead of sorting every table of the run.
            if worstTables.count < Self.worstTableLimit || Self.isWorse(reference, than: worstTables[worstTables.count - 1]) {
                let position = worstTables.firstIndex { Self.isWorse(reference, than: $0) } ?? worstTables.count
                worstTables.insert(reference, at: position)
                if worstTables.count > Self.worstTableLimit { worstTables.removeLast() }
            }
        }
    }

    /// Lower score first; ties in input order (path, then table), so earlier documents come first.
    private static func isWorse(_ lhs: TableReference, than rhs: TableReference) -> Bool {
        lhs.score < rhs.score
    }
}

/// Everything a reporter needs: each document with its tables, findings, scores and grades, the rules
/// that ran, and the run's totals.
public struct RunReport: Sendable, Hashable {
    public var tool: ToolInfo
    public var documents: [DocumentReport]
    /// Metadata of the rules that ran (SARIF `rules`, the HTML legend); may be empty.
    public var rules: [RuleDescription]
    public var summary: RunSummary
    public var policy: ScoringPolicy
    /// What the department ranking reads of each document, in document order: made from `documents`, or
    /// given alone by a run that does not keep its documents (`jxlint rank`, and the opening of a report
    /// written one document at a time; `documents` is then empty).
    public var standings: [DocumentStanding] { givenStandings ?? documents.map(DocumentStanding.init) }
    private var givenStandings: [DocumentStanding]?

    public init(tool: ToolInfo, documents: [DocumentReport], rules: [RuleDescription], summary: RunSummary,
                policy: ScoringPolicy) {
        self.tool = tool
        self.documents = documents
        self.rules = rules
        self.summary = summary
        self.policy = policy
    }

    /// A run known by its documents' standings only: enough for the ranking reporters.
    public init(tool: ToolInfo, standings: [DocumentStanding], rules: [RuleDescription], summary: RunSummary,
                policy: ScoringPolicy) {
        self.tool = tool
        documents = []
        self.rules = rules
        self.summary = summary
        self.policy = policy
        givenStandings = standings
    }

    /// Groups `findings` by document (by path) and table, scores everything, and totals the run.
    ///
    /// Documents keep their given order. A finding whose path names no document is not dropped: it is
    /// reported under a document entry of its own with no tables.
    public static func build(documents: [Document], findings: [Finding], rules: [RuleDescription] = [],
                             policy: ScoringPolicy = .standard,
                             tool: ToolInfo = ToolInfo(version: JXReportInfo.version)) -> RunReport {
        var byPath: [String: [Finding]] = [:]
        for finding in findings { byPath[finding.location.path, default: []].append(finding) }
        var reports: [DocumentReport] = []
        reports.reserveCapacity(documents.count)
        var seenPaths = Set<String>()
        for document in documents {
            // The same path given twice gets its findings once, on its first occurrence.
            let own = seenPaths.insert(document.path).inserted ? (byPath[document.path] ?? []) : []
            reports.append(DocumentReport.build(document: document, findings: own, policy: policy))
        }
        for path in byPath.keys.sorted() where !seenPaths.contains(path) {
            let orphan = Document(path: path, department: nil, budgetYear: nil, tables: [], lineCount: 0, byteCount: 0)
            reports.append(DocumentReport.build(document: orphan, findings: byPath[path] ?? [], policy: policy))
        }
        var summary = RunSummary()
        for report in reports { summary.add(report) }
        return RunReport(tool: tool, documents: reports, rules: rules, summary: summary, policy: policy)
    }

    /// The description of `ruleID`, if the run knows it.
    public func rule(_ ruleID: String) -> RuleDescription? { rules.first { $0.id == ruleID } }
}

/// Facts about this module that reports print.
public enum JXReportInfo {
    /// The version reports name when the caller does not give one.
    public static let version = "0.1.0"
}

extension Finding {
    /// The findings at `positions` (ascending) sorted by `readingOrder`, ties in their given order (as a
    /// stable sort leaves them).
    ///
    /// Positions are sorted rather than the findings themselves: moving a finding costs a retain and a
    /// release of each of its ten strings, moving a position nothing. Each finding is copied once, into the
    /// result.
    static func inReadingOrder(_ positions: [Int], of findings: [Finding]) -> [Finding] {
        guard positions.count > 1 else { return positions.map { findings[$0] } }
        // The first keys of the order (line, row, severity) read once per finding: most comparisons are
        // decided by them, without copying a finding to compare it. Ties go to `readingOrder`.
        let keys = positions.map { position in
            let location = findings[position].location
            return (line: location.line, row: location.rowIndex ?? 0, severity: findings[position].severity,
                    position: position)
        }
        let order = keys.sorted { a, b in
            if a.line != b.line { return a.line < b.line }
            if a.row != b.row { return a.row < b.row }
            if a.severity != b.severity { return a.severity > b.severity }
            let (x, y) = (findings[a.position], findings[b.position])
            return readingOrder(x, y) || (!readingOrder(y, x) && a.position < b.position)
        }
        return order.map { findings[$0.position] }
    }

    /// Reading order: by line, then row, most severe first, then rule id and message so that the order
    /// never depends on how rules happened to run.
    /// (Borrowed: fields are read in place, no finding is copied to compare it.)
    static func readingOrder(_ lhs: borrowing Finding, _ rhs: borrowing Finding) -> Bool {
        if lhs.location.line != rhs.location.line { return lhs.location.line < rhs.location.line }
        let lhsRow = lhs.location.rowIndex ?? 0, rhsRow = rhs.location.rowIndex ?? 0
        if lhsRow != rhsRow { return lhsRow < rhsRow }
        if lhs.severity != rhs.severity { return lhs.severity > rhs.severity }
        if lhs.ruleID != rhs.ruleID { return lhs.ruleID < rhs.ruleID }
        if lhs.message.zh != rhs.message.zh { return lhs.message.zh < rhs.message.zh }
        return lhs.evidence < rhs.evidence
    }
}
