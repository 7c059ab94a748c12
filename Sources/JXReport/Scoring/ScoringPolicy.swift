import Foundation
import JXModel

/// How findings turn into scores and grades (DESIGN.md, "Findings, scores, output").
///
/// A table starts at 100 and loses a penalty per finding by severity; each rule counts at most
/// `maxCountPerRule` times per table (so one systematic slip does not wipe out a table), and the score never
/// drops below 0. A document's (department's) score is the mean of its table scores less the penalties of
/// its document-level findings, capped per rule the same way. Scores are rounded to one decimal, and the
/// grade is taken from the rounded score, so what a reader sees and the grade always agree.
///
/// Codable so that a config file (or `--weights FILE`) can override it; every field is optional in the
/// file and falls back to the standard value:
///
/// ```json
/// { "penalties": { "error": 12, "warning": 5, "info": 1 },
///   "maxCountPerRule": 3,
///   "grades": { "excellent": 90, "good": 75, "fair": 60 } }
/// ```
public struct ScoringPolicy: Sendable, Hashable, Codable {
    /// Points taken off per finding, by severity.
    public struct Penalties: Sendable, Hashable, Codable {
        public var error: Double
        public var warning: Double
        public var info: Double

        public init(error: Double = 12, warning: Double = 5, info: Double = 1) {
            self.error = error
            self.warning = warning
            self.info = info
        }

        public func penalty(for severity: Severity) -> Double {
            switch severity {
            case .error: return error
            case .warning: return warning
            case .info: return info
            }
        }

        public init(from decoder: Decoder) throws {
            let standard = Penalties()
            let container = try decoder.container(keyedBy: CodingKeys.self)
            error = try container.decodeIfPresent(Double.self, forKey: .error) ?? standard.error
            warning = try container.decodeIfPresent(Double.self, forKey: .warning) ?? standard.warning
            info = try container.decodeIfPresent(Double.self, forKey: .info) ?? standard.info
        }
    }

    /// Lowest score of each grade above 差.
    public struct GradeBands: Sendable, Hashable, Codable {
        public var excellent: Double
        public var good: Double
        public var fair: Double

        public init(excellent: Double = 90, good: Double = 75, fair: Double = 60) {
            self.excellent = excellent
            self.good = good
            self.fair = fair
        }

        public func grade(for score: Double) -> Grade {
            if score >= excellent { return .excellent }
            if score >= good { return .good }
            if score >= fair { return .fair }
            return .poor
        }

        public init(from decoder: Decoder) throws {
            let standard = GradeBands()
            let container = try decoder.container(keyedBy: CodingKeys.self)
            excellent = try container.decodeIfPresent(Double.self, forKey: .excellent) ?? standard.excellent
            good = try container.decodeIfPresent(Double.self, forKey: .good) ?? standard.good
            fair = try container.decodeIfPresent(Double.self, forKey: .fair) ?? standard.fair
        }
    }

    public var penalties: Penalties
    /// How many findings of one rule count against one table (or one document's own findings).
    public var maxCountPerRule: Int
    public var grades: GradeBands

    public init(penalties: Penalties = Penalties(), maxCountPerRule: Int = 3, grades: GradeBands = GradeBands()) {
        self.penalties = penalties
        self.maxCountPerRule = maxCountPerRule
        self.grades = grades
    }

    /// The policy of DESIGN.md: error 12, warning 5, info 1, three per rule, 优 ≥90, 良 ≥75, 中 ≥60.
    public static let standard = ScoringPolicy()

    private enum CodingKeys: String, CodingKey {
        case penalties, maxCountPerRule, grades
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        penalties = try container.decodeIfPresent(Penalties.self, forKey: .penalties) ?? Penalties()
        maxCountPerRule = try container.decodeIfPresent(Int.self, forKey: .maxCountPerRule) ?? 3
        grades = try container.decodeIfPresent(GradeBands.self, forKey: .grades) ?? GradeBands()
    }

    /// Why a policy cannot be used.
    public struct InvalidPolicy: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// Checks that the numbers make sense: penalties not negative, a cap of at least one, bands descending
    /// within 0…100. A policy read from a file should pass this before it is used.
    public func validate() throws {
        let values = [penalties.error, penalties.warning, penalties.info]
        if values.contains(where: { $0 < 0 || !$0.isFinite }) {
            throw InvalidPolicy(description: "penalties must be finite and not negative")
        }
        if maxCountPerRule < 1 {
            throw InvalidPolicy(description: "maxCountPerRule must be at least 1")
        }
        let bands = [grades.excellent, grades.good, grades.fair]
        if bands.contains(where: { !(0...100).contains($0) }) || !(grades.excellent >= grades.good && grades.good >= grades.fair) {
            throw InvalidPolicy(description: "grade bands must lie in 0…100 with excellent ≥ good ≥ fair")
        }
    }

    /// Reads a policy from a JSON file (`--weights FILE`) and validates it.
    public static func load(contentsOf url: URL) throws -> ScoringPolicy {
        let data = try Data(contentsOf: url)
        let policy = try JSONDecoder().decode(ScoringPolicy.self, from: data)
        try policy.validate()
        return policy
    }

    // MARK: - Scores

    /// Total penalty of `findings`, each rule counted at most `maxCountPerRule` times. When a rule fires
    /// with mixed severities (a config may raise some), its most severe findings are the ones counted.
    public func penalty<C: Collection>(of findings: C) -> Double where C.Element == Finding {
        // How many findings of each severity each rule has. A table's findings come from a handful of
        // rules: looking a rule up among those already seen costs less than hashing its id into a
        // dictionary (and the ids compare as the same string, or at their first bytes).
        var rules: [RuleCounts] = []
        for finding in findings {
            // The two fields taken first: a closure reading `finding` would copy all of it.
            let ruleID = finding.ruleID, severity = finding.severity
            if let k = rules.firstIndex(where: { $0.ruleID == ruleID }) {
                rules[k].add(severity)
            } else {
                rules.append(RuleCounts(ruleID: ruleID))
                rules[rules.count - 1].add(severity)
            }
        }
        // Summed rule by rule in rule order, the most severe findings of each first, so that the
        // floating-point total does not depend on the order of `findings`.
        rules.sort { $0.ruleID < $1.ruleID }
        var total = 0.0
        for rule in rules {
            var left = max(maxCountPerRule, 0)
            func count(_ severity: Severity, _ found: Int) {
                let counted = min(found, left)
                for _ in 0..<counted { total += penalties.penalty(for: severity) }
                left -= counted
            }
            count(.error, rule.errors)
            count(.warning, rule.warnings)
            count(.info, rule.infos)
        }
        return total
    }

    /// A rule's findings counted by severity.
    private struct RuleCounts {
        let ruleID: String
        var errors = 0, warnings = 0, infos = 0

        init(ruleID: String) { self.ruleID = ruleID }

        mutating func add(_ severity: Severity) {
            switch severity {
            case .error: errors += 1
            case .warning: warnings += 1
            case .info: infos += 1
            }
        }
    }

    /// A table's score: 100 less the capped penalties of its findings, floor 0, one decimal.
    public func tableScore<C: Collection>(findings: C) -> Double where C.Element == Finding {
        Self.rounded(max(0, 100 - penalty(of: findings)))
    }

    /// A document's (department's) score: the mean of its table scores less the capped penalties of its
    /// document-level findings, floor 0, one decimal; nil when it has no tables, since there is nothing
    /// to judge.
    public func documentScore<C: Collection>(tableScores: [Double], documentFindings: C) -> Double?
    where C.Element == Finding {
        guard !tableScores.isEmpty else { return nil }
        let mean = tableScores.reduce(0, +) / Double(tableScores.count)
        return Self.rounded(max(0, mean - penalty(of: documentFindings)))
    }

    public func grade(for score: Double) -> Grade { grades.grade(for: score) }

    /// Rounds to one decimal, the precision reports show.
    static func rounded(_ value: Double) -> Double { (value * 10).rounded() / 10 }
}
