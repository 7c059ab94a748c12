import JXModel

/// How often one rule fired.
public struct RuleCount: Sendable, Hashable {
    public var rule: String
    public var count: Int
}

/// One line of `jxlint rank`: a department in one budget year.
public struct DepartmentRank: Sendable, Hashable {
    /// 1-based; departments with equal scores share a rank ("1, 2, 2, 4"); nil when there is no score
    /// (no goal tables found), and such departments come last.
    public var rank: Int?
    /// The department as the documents name it; nil when no document named it (then `paths` tells which).
    public var department: String?
    public var year: Int?
    /// The documents merged into this line.
    public var paths: [String]
    public var tables: Int
    public var rows: Int
    public var errors: Int
    public var warnings: Int
    public var infos: Int
    /// The three most frequent rules, most frequent first (ties by rule id).
    public var topRules: [RuleCount]
    public var score: Double?
    public var grade: Grade?

    /// The department's name, or the file when the document did not name its department.
    public func label(_ language: Language) -> String {
        if let department { return department }
        return Localizer(language: language).department(nil) + " " + paths.joined(separator: ", ")
    }
}

/// What the ranking reads of one checked document: its identity, its tables' scores, its own findings and
/// counts. A rank run keeps this much of each document, not its rows, so ranking a province's documents
/// takes memory for the number of documents, not their text.
public struct DocumentStanding: Sendable, Hashable {
    public var path: String
    public var department: String?
    public var budgetYear: Int?
    public var tableScores: [Double]
    public var rows: Int
    /// The document-level findings (scored with the tables when documents are merged).
    public var documentFindings: [Finding]
    /// How often each rule fired in the document (its tables and itself), by severity.
    public var findingCounts: [String: [Severity: Int]]
    /// How often each rule fired in the document.
    public var ruleCounts: [String: Int] { findingCounts.mapValues { $0.values.reduce(0, +) } }
    /// Findings of one severity, the tables' and the document's.
    public func count(_ severity: Severity) -> Int { findingCounts.values.reduce(0) { $0 + ($1[severity] ?? 0) } }

    public init(_ report: DocumentReport) {
        path = report.path
        department = report.department
        budgetYear = report.budgetYear
        tableScores = report.tables.map(\.score)
        rows = report.rowCount
        documentFindings = report.findings
        var counts: [String: [Severity: Int]] = [:]
        report.forEachFinding { counts[$0.ruleID, default: [:]][$0.severity, default: 0] += 1 }
        findingCounts = counts
    }
}

/// Ranks departments by score.
public enum DepartmentRanking {
    /// Documents of the same department and budget year are merged into one line (their tables pooled, their
    /// document-level findings pooled, scored like one document); different years stay separate. A document
    /// that names no department is a line of its own.
    ///
    /// Order: score (highest first; none last), then fewer errors, then department and year, so equal
    /// inputs always rank the same way.
    public static func build(_ report: RunReport) -> [DepartmentRank] {
        build(report.standings, policy: report.policy)
    }

    /// The ranking of documents given by their standings (see `build(_:)`).
    public static func build(_ standings: [DocumentStanding], policy: ScoringPolicy) -> [DepartmentRank] {
        struct Key: Hashable {
            var department: String
            var named: Bool
            var year: Int?
        }
        var order: [Key] = []
        var groups: [Key: [DocumentStanding]] = [:]
        for document in standings {
            let key = Key(department: document.department ?? document.path, named: document.department != nil,
                          year: document.budgetYear)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(document)
        }
        var lines: [DepartmentRank] = order.map { key in
            let documents = groups[key] ?? []
            let tableScores = documents.flatMap(\.tableScores)
            let ownFindings = documents.flatMap(\.documentFindings)
            var counts: [String: Int] = [:]
            for document in documents {
                for (rule, bySeverity) in document.findingCounts { counts[rule, default: 0] += bySeverity.values.reduce(0, +) }
            }
            let topRules = counts.map { RuleCount(rule: $0.key, count: $0.value) }
                .sorted { $0.count != $1.count ? $0.count > $1.count : $0.rule < $1.rule }
                .prefix(3)
            let score = policy.documentScore(tableScores: tableScores, documentFindings: ownFindings)
            return DepartmentRank(rank: nil, department: key.named ? key.department : nil, year: key.year,
                                  paths: documents.map(\.path),
                                  tables: documents.reduce(0) { $0 + $1.tableScores.count },
                                  rows: documents.reduce(0) { $0 + $1.rows },
                                  errors: documents.reduce(0) { $0 + $1.count(.error) },
                                  warnings: documents.reduce(0) { $0 + $1.count(.warning) },
                                  infos: documents.reduce(0) { $0 + $1.count(.info) },
                                  topRules: Array(topRules), score: score,
                                  grade: score.map { policy.grade(for: $0) })
        }
        lines.sort { lhs, rhs in
            switch (lhs.score, rhs.score) {
            case let (left?, right?) where left != right: return left > right
            case (.some, nil): return true
            case (nil, .some): return false
            default: break
            }
            if lhs.errors != rhs.errors { return lhs.errors < rhs.errors }
            let lhsName = lhs.department ?? lhs.paths.first ?? "", rhsName = rhs.department ?? rhs.paths.first ?? ""
            if lhsName != rhsName { return lhsName < rhsName }
            return (lhs.year ?? 0) < (rhs.year ?? 0)
        }
        // Competition ranking: equal scores share a rank and the next rank skips accordingly.
        var previousScore: Double?
        var previousRank = 0
        for position in lines.indices {
            guard let score = lines[position].score else { continue }
            let rank = score == previousScore ? previousRank : position + 1
            lines[position].rank = rank
            previousScore = score
            previousRank = rank
        }
        return lines
    }
}
