import Foundation
import XCTest

/// The department's pre-submission loop: configuration file, baseline, exit codes.
final class ConfigAndBaselineTests: XCTestCase {
    let source = CLI.corpusFile("2023-中共平乡县委组织部")

    private func workspace() throws -> (dir: URL, doc: URL) {
        let dir = try CLI.tempDir()
        let doc = dir.appendingPathComponent("平乡 组织部 2023.txt")
        try FileManager.default.copyItem(atPath: source, toPath: doc.path)
        return (dir, doc)
    }

    func testUnknownConfigKeyNamesTheKeyAndTheFile() throws {
        let (dir, doc) = try workspace()
        let config = dir.appendingPathComponent(".jxlint.json")
        try Data(#"{"ignore": ["goal-vague"], "colour": true}"#.utf8).write(to: config)
        let r = try CLI.run(["check", doc.path])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains(config.path) && r.stderr.contains("\"colour\""), r.stderr)
        try Data(#"{"ignore": ["goal-vagueness"]}"#.utf8).write(to: config)
        let r2 = try CLI.run(["check", doc.path])
        XCTAssertEqual(r2.status, 2)
        XCTAssertTrue(r2.stderr.contains("goal-vagueness"), r2.stderr)
        try Data(#"{"thresholds": {"value-template-uniform": {"share": 0.5}}}"#.utf8).write(to: config)
        XCTAssertTrue(try CLI.run(["check", doc.path]).stderr.contains("\"share\""))
    }

    /// Numbers a rule turns into counts or shares are range-checked: 1e19 rows used to trap.
    func testOutOfRangeThresholdsAndScoringAreErrorsNotCrashes() throws {
        let (dir, doc) = try workspace()
        let config = dir.appendingPathComponent(".jxlint.json")
        for (body, key) in [(#"{"thresholds": {"value-template-uniform": {"minRows": 1e19}}}"#, "minRows"),
                            (#"{"thresholds": {"duplicate-table": {"minShare": 3}}}"#, "minShare"),
                            (#"{"scoring": {"penalties": {"error": -50}}}"#, "scoring"),
                            (#"{"scoring": {"maxCountPerRule": -1}}"#, "scoring")] {
            try Data(body.utf8).write(to: config)
            let r = try CLI.run(["check", doc.path])
            XCTAssertEqual(r.status, 2, body)
            XCTAssertTrue(r.stderr.contains(config.path) && r.stderr.contains(key), r.stderr)
        }
    }

    /// "off" in the file: --ignore on the command line does not switch it back on; --select does.
    func testOffRulesWithCommandLineIgnoreAndSelect() throws {
        let (dir, doc) = try workspace()
        try Data(#"{"severity": {"value-not-measurable": "off"}}"#.utf8).write(to: dir.appendingPathComponent(".jxlint.json"))
        let ignored = try CLI.run(["check", doc.path, "--ignore", "name-equals-description", "--format", "json", "--fail-on", "never"])
        XCTAssertFalse(ignored.stdout.contains("\"value-not-measurable\""))
        XCTAssertTrue(ignored.stdout.contains("\"direction-wrong\""))
        let selected = try CLI.run(["check", doc.path, "--select", "value-not-measurable", "--format", "json", "--fail-on", "never"])
        XCTAssertTrue(selected.stdout.contains("\"value-not-measurable\""))
    }

    func testConfigFoundUpwardSelectsAndOverridesSeverity() throws {
        let (dir, doc) = try workspace()
        try Data(#"{"select": ["value-not-measurable", "direction-wrong"], "severity": {"direction-wrong": "info"}, "lexicons": {"vague-words": ["有效提升"]}}"#.utf8)
            .write(to: dir.appendingPathComponent(".jxlint.json"))
        let r = try CLI.run(["check", doc.path, "--format", "json", "--fail-on", "never"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any])
        var rules: [String: Set<String>] = [:]
        for d in json["documents"] as? [[String: Any]] ?? [] {
            for t in d["tables"] as? [[String: Any]] ?? [] {
                for f in t["findings"] as? [[String: Any]] ?? [] {
                    rules[f["rule"] as? String ?? "", default: []].insert(f["severity"] as? String ?? "")
                }
            }
        }
        XCTAssertEqual(Set(rules.keys), ["value-not-measurable", "direction-wrong"])
        XCTAssertEqual(rules["direction-wrong"], ["info"])
        // The command line overrides the file.
        let cli = try CLI.run(["check", doc.path, "--select", "name-equals-description", "--format", "json", "--fail-on", "never"])
        XCTAssertTrue(cli.stdout.contains("\"name-equals-description\""))
        XCTAssertFalse(cli.stdout.contains("\"value-not-measurable\""))
        let printed = try CLI.run(["config", "--print", doc.path])
        XCTAssertTrue(printed.stdout.contains("severity.direction-wrong = info  (config file)"), printed.stdout + printed.stderr)
        XCTAssertTrue(printed.stdout.contains("lexicons.vague-words += 有效提升"), printed.stdout)
    }

    /// The README's walk-through: check, write a baseline, fix a table, see what remains, introduce a
    /// "≥100%", see exactly that one new finding, exit 1.
    func testBaselineWalkThrough() throws {
        let (dir, doc) = try workspace()
        let baseline = dir.appendingPathComponent("baseline.json")
        let first = try CLI.run(["check", doc.path])
        XCTAssertEqual(first.status, 1)
        XCTAssertEqual(try CLI.run(["check", doc.path, "--write-baseline", baseline.path]).status, 1)
        let clean = try CLI.run(["check", doc.path, "--baseline", baseline.path, "--format", "json"])
        XCTAssertEqual(clean.status, 0, clean.stderr)
        let cleanJSON = try XCTUnwrap(JSONSerialization.jsonObject(with: clean.stdoutData) as? [String: Any])
        let summary = try XCTUnwrap(cleanJSON["summary"] as? [String: Any])
        XCTAssertEqual((summary["findings"] as? [String: Int])?.values.reduce(0, +), 0)
        XCTAssertGreaterThan(summary["suppressed"] as? Int ?? 0, 0)

        // Lines move (a line inserted at the top) and a table gets fixed: no finding comes back.
        var text = try String(contentsOf: doc, encoding: .utf8)
        text = "说明：本稿为修改稿\n" + text
        text = text.replacingOccurrences(of: "\t1.更好服务广大离退休干部", with: "\t1.为全县216名老党员更好服务广大离退休干部")
        try Data(text.utf8).write(to: doc)
        XCTAssertEqual(try CLI.run(["check", doc.path, "--baseline", baseline.path]).status, 0)

        // A new "≥100%" on a rate: exactly one new finding, exit 1.
        let target = "\t驻村干部体检人员对体检服务满意人数占全部体检人数比率\n\t≥95%"
        XCTAssertTrue(text.contains(target))
        text = text.replacingOccurrences(of: target, with: "\t驻村干部体检人员对体检服务满意人数占全部体检人数比率\n\t≥100%")
        try Data(text.utf8).write(to: doc)
        let after = try CLI.run(["check", doc.path, "--baseline", baseline.path, "--format", "json"])
        XCTAssertEqual(after.status, 1)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: after.stdoutData) as? [String: Any])
        var found: [String] = []
        for d in json["documents"] as? [[String: Any]] ?? [] {
            found += (d["findings"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String }
            for t in d["tables"] as? [[String: Any]] ?? [] {
                found += (t["findings"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String }
            }
        }
        XCTAssertEqual(found, ["value-geq-100"])
    }
}
