import Foundation
import JXModel

/// Accepted findings, so that a department re-checking its tables sees only what is new.
///
/// A finding's fingerprint is rule + department + project + 三级指标 + evidence — not the line number, so
/// re-exporting a document (lines move) does not bring old findings back. The same fingerprint may be
/// accepted several times (two identical rows); each accepted copy suppresses one finding.
struct Baseline {
    struct Entry: Codable, Hashable {
        var rule: String
        var department: String
        var project: String
        var name: String
        var evidence: String
        var count: Int
    }

    /// File format: `{"version": 1, "tool": "jxlint", "findings": [Entry…]}`, sorted, one entry per fingerprint.
    struct File: Codable {
        var version: Int
        var tool: String
        var findings: [Entry]
    }

    private(set) var remaining: [String: Int] = [:]
    private(set) var entries: [Entry] = []

    static func fingerprint(rule: String, department: String, project: String, name: String, evidence: String) -> String {
        [rule, department, project, name, evidence].joined(separator: "\u{1F}")
    }

    static func fingerprint(_ finding: Finding, department: String?, project: String?) -> String {
        fingerprint(rule: finding.ruleID, department: department ?? "", project: project ?? "",
                    name: finding.location.rowName ?? "", evidence: finding.evidence)
    }

    init(entries: [Entry]) {
        self.entries = entries
        for e in entries {
            remaining[Self.fingerprint(rule: e.rule, department: e.department, project: e.project, name: e.name,
                                       evidence: e.evidence), default: 0] += max(1, e.count)
        }
    }

    /// Reads a baseline file; the error names the file and the reason.
    static func load(_ path: String) throws -> Baseline {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw UsageError(message: "\(path): baseline file cannot be read")
        }
        do {
            let file = try JSONDecoder().decode(File.self, from: data)
            guard file.version == 1 else {
                throw UsageError(message: "\(path): baseline version \(file.version) is not supported (expected 1)")
            }
            return Baseline(entries: file.findings)
        } catch let error as UsageError {
            throw error
        } catch {
            throw UsageError(message: "\(path): not a jxlint baseline file (\(error.localizedDescription))")
        }
    }

    /// Whether `finding` was accepted; consumes one accepted copy when it was.
    mutating func suppresses(_ finding: Finding, department: String?, project: String?) -> Bool {
        let key = Self.fingerprint(finding, department: department, project: project)
        guard let n = remaining[key], n > 0 else { return false }
        remaining[key] = n - 1
        return true
    }

    /// The baseline file for a set of findings with their department and project.
    static func encode(_ findings: [(Finding, String?, String?)]) throws -> Data {
        var counts: [Entry: Int] = [:]
        for (f, department, project) in findings {
            let e = Entry(rule: f.ruleID, department: department ?? "", project: project ?? "",
                          name: f.location.rowName ?? "", evidence: f.evidence, count: 0)
            counts[e, default: 0] += 1
        }
        let entries = counts.map { entry, n -> Entry in
            var e = entry
            e.count = n
            return e
        }.sorted { ($0.department, $0.project, $0.rule, $0.name, $0.evidence) < ($1.department, $1.project, $1.rule, $1.name, $1.evidence) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(File(version: 1, tool: "jxlint", findings: entries))
        data.append(0x0A)
        return data
    }
}
