import Foundation
import XCTest

/// The command line as users meet it: exit codes, streams, formats, bad inputs, configuration, baseline.
final class CommandLineTests: XCTestCase {
    let qinhuangdao = CLI.corpusFile("2023-中共秦皇岛经济技术开发区工作委员会党建工作部")
    let pingxiang = CLI.corpusFile("2023-中共平乡县委组织部")

    func testHelpAndVersion() throws {
        let help = try CLI.run(["--help"])
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.stdout.contains("jxlint check PATH"))
        let version = try CLI.run(["--version"])
        XCTAssertEqual(version.status, 0)
        XCTAssertTrue(version.stdout.hasPrefix("jxlint "))
    }

    func testUsageErrorsExitTwo() throws {
        XCTAssertEqual(try CLI.run(["frobnicate"]).status, 2)
        XCTAssertEqual(try CLI.run(["check", "--format", "yaml", qinhuangdao]).status, 2)
        XCTAssertEqual(try CLI.run(["check", "--fail-on", "sometimes", qinhuangdao]).status, 2)
        let r = try CLI.run(["check", "--select", "no-such-rule", qinhuangdao])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("no-such-rule"))
    }

    func testCheckTextIsCompilerStyleAndExitCodesFollowFailOn() throws {
        let r = try CLI.run(["check", qinhuangdao, "--no-color"])
        XCTAssertEqual(r.status, 1, "004 has errors")
        XCTAssertTrue(r.stdout.contains("\(qinhuangdao):"))
        XCTAssertNotNil(r.stdout.range(of: #":\d+: (error|warning|info)\[[a-z0-9-]+\] "#, options: .regularExpression))
        XCTAssertFalse(r.stdout.contains("\u{1B}["), "no colour when piped")
        XCTAssertEqual(try CLI.run(["check", qinhuangdao, "--fail-on", "never"]).status, 0)
        // Only info findings selected: exit 0 at the default --fail-on error, 1 at --fail-on info.
        XCTAssertEqual(try CLI.run(["check", qinhuangdao, "--select", "name-equals-description"]).status, 0)
        XCTAssertEqual(try CLI.run(["check", qinhuangdao, "--select", "name-equals-description", "--fail-on", "info"]).status, 1)
    }

    func testJSONReportHasEveryRowWithItsParsedValue() throws {
        let r = try CLI.run(["check", CLI.corpus.path, "--format", "json", "--fail-on", "never"])
        XCTAssertEqual(r.status, 0)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any])
        let summary = try XCTUnwrap(json["summary"] as? [String: Any])
        XCTAssertEqual(summary["documents"] as? Int, 5)
        XCTAssertEqual(summary["rows"] as? Int, 1503)
        let documents = try XCTUnwrap(json["documents"] as? [[String: Any]])
        var rows = 0
        for d in documents {
            for t in d["tables"] as? [[String: Any]] ?? [] {
                for row in t["rows"] as? [[String: Any]] ?? [] {
                    rows += 1
                    for key in ["line", "level1", "level2", "name", "description", "basis", "value"] {
                        XCTAssertNotNil(row[key], key)
                    }
                    let value = try XCTUnwrap(row["value"] as? [String: Any])
                    XCTAssertNotNil(value["raw"] as? String)
                    XCTAssertNotNil(value["kind"] as? String)
                }
            }
        }
        XCTAssertEqual(rows, 1503)
        let first = try XCTUnwrap(documents.first { ($0["path"] as? String)?.contains("2023-保定") ?? false })
        XCTAssertEqual(first["department"] as? String, "保定白沟新城党群工作部")
        XCTAssertEqual(first["year"] as? Int, 2023)
        let table = try XCTUnwrap((first["tables"] as? [[String: Any]])?.first)
        XCTAssertEqual(table["line"] as? Int, 2752)
        let row = try XCTUnwrap((table["rows"] as? [[String: Any]])?.first)
        XCTAssertEqual(row["line"] as? Int, 2765)
        let value = try XCTUnwrap(row["value"] as? [String: Any])
        XCTAssertEqual(value["raw"] as? String, "≥20台")
        XCTAssertEqual(value["number"] as? Int, 20)
        XCTAssertEqual(value["unit"] as? String, "台")
        let rules = Set((table["findings"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String })
        XCTAssertTrue(rules.isSuperset(of: ["value-geq-100", "eco-mislabeled", "direction-wrong"]), "\(rules)")
    }

    func testBadFileDoesNotStopTheOthers() throws {
        let dir = try CLI.tempDir()
        let bad = dir.appendingPathComponent("random bytes 随机.txt")
        try Data((0..<2048).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ 13) }).write(to: bad)
        let empty = dir.appendingPathComponent("empty.txt")
        try Data().write(to: empty)
        let r = try CLI.run(["check", bad.path, qinhuangdao, empty.path, "/no/such/file.txt", "--fail-on", "never"])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("\(bad.path): error: "), r.stderr)
        XCTAssertTrue(r.stderr.contains("\(empty.path): error: "), r.stderr)
        XCTAssertTrue(r.stderr.contains("/no/such/file.txt: error: 文件或文件夹不存在"), r.stderr)
        XCTAssertEqual(r.stderr.split(separator: "\n").count, 3, "one line per bad input")
        XCTAssertTrue(r.stdout.contains(qinhuangdao), "the good file is still checked")
        // Nothing is modified.
        XCTAssertEqual(try Data(contentsOf: empty).count, 0)
    }

    /// Root can read any file whatever its mode bits, so an unreadable input is made the way the kernel
    /// refuses it: /proc/self/mem cannot be read from offset 0. A dangling link in a folder is skipped.
    func testUnreadableInputsAreNamed() throws {
        let dir = try CLI.tempDir()
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("gone.txt").path,
                                                   withDestinationPath: "/no/such/target.txt")
        try FileManager.default.copyItem(atPath: qinhuangdao, toPath: dir.appendingPathComponent("ok.txt").path)
        let r = try CLI.run(["check", "/proc/self/mem", dir.path, "--fail-on", "never"])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("/proc/self/mem: error: "), r.stderr)
        XCTAssertFalse(r.stderr.contains("gone.txt"), r.stderr)
        XCTAssertTrue(r.stdout.contains("ok.txt"))
    }

    func testUntitledTableIsReportedAsMalformed() throws {
        let text = "测试项目\n一级指标\t二级指标\t三级指标\t绩效指标描述\t指标值\t指标值确定依据\n产出指标\t数量指标\t培训次数\t培训次数\t≥10次\t计划\n"
        let r = try CLI.run(["check", "-", "--stdin-name", "untitled.txt", "--select", "table-malformed", "--no-color"],
                            stdin: Data(text.utf8))
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("untitled.txt:2: warning[table-malformed] 这张绩效目标表没有标题"), r.stdout)
    }

    func testStdinWithName() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: qinhuangdao))
        let r = try CLI.run(["check", "-", "--stdin-name", "部门/上报稿.txt", "--format", "json", "--fail-on", "never"], stdin: data)
        XCTAssertEqual(r.status, 0, r.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any])
        let d = try XCTUnwrap((json["documents"] as? [[String: Any]])?.first)
        XCTAssertEqual(d["path"] as? String, "部门/上报稿.txt")
        XCTAssertEqual((d["tables"] as? [Any])?.count, 27)
    }

    func testFolderWalkSkipsOtherFilesAndSymlinkLoops() throws {
        let dir = try CLI.tempDir()
        let sub = dir.appendingPathComponent("子 目录")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: pingxiang, toPath: sub.appendingPathComponent("平乡 2023.txt").path)
        try Data("not a document".utf8).write(to: sub.appendingPathComponent("notes.md"))
        try Data([0x89, 0x50, 0x4E, 0x47]).write(to: sub.appendingPathComponent("image.png"))
        try FileManager.default.createSymbolicLink(atPath: sub.appendingPathComponent("loop").path, withDestinationPath: dir.path)
        let r = try CLI.run(["check", dir.path, "--format", "json", "--fail-on", "never"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("notes.md: note:"), r.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any])
        XCTAssertEqual((json["documents"] as? [Any])?.count, 1)
    }

    func testJobsDoNotChangeTheReport() throws {
        let one = try CLI.run(["check", CLI.corpus.path, "--format", "json", "--jobs", "1", "--fail-on", "never"])
        let two = try CLI.run(["check", CLI.corpus.path, "--format", "json", "--jobs", "2", "--fail-on", "never"])
        XCTAssertEqual(one.stdoutData, two.stdoutData)
        XCTAssertFalse(one.stdoutData.isEmpty)
    }

    /// More documents than pass 2's window (64) ahead of the consumer, so the ring of results wraps around
    /// while the workers start before the cross-document findings (duplicate-table's) are worked out: the
    /// report is the same with one job and two, and every copy still gets its document's duplicate-table
    /// findings (copies of a whole document are the same projects, so each copy has the original's).
    func testJobsDoNotChangeTheReportBeyondTheWindow() throws {
        let names = ["2021-保定白沟新城管理委员会组织人事局", "2023-中共平乡县委组织部", "2023-保定白沟新城党群工作部",
                     "2023-中共秦皇岛经济技术开发区工作委员会党建工作部", "2023-曹妃甸区人力资源和社会保障局"]
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        for copy in 0..<13 {
            for name in names {
                try FileManager.default.copyItem(atPath: CLI.corpusFile(name),
                                                 toPath: dir.appendingPathComponent(String(format: "%02d-%@.txt", copy, name)).path)
            }
        }
        func duplicateFindings(_ data: Data) -> Int {
            String(decoding: data, as: UTF8.self).components(separatedBy: "\"rule\":\"duplicate-table\"").count - 1
        }
        let originals = try CLI.run(["check"] + names.map(CLI.corpusFile) + ["--format", "json", "--fail-on", "never"])
        let one = try CLI.run(["check", dir.path, "--format", "json", "--jobs", "1", "--fail-on", "never"])
        let two = try CLI.run(["check", dir.path, "--format", "json", "--jobs", "2", "--fail-on", "never"])
        XCTAssertEqual(two.status, 0, two.stderr)
        XCTAssertEqual(one.stdoutData, two.stdoutData)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: two.stdoutData) as? [String: Any])
        XCTAssertEqual((json["documents"] as? [Any])?.count, 65)
        XCTAssertGreaterThan(duplicateFindings(originals.stdoutData), 0)
        XCTAssertEqual(duplicateFindings(two.stdoutData), 13 * duplicateFindings(originals.stdoutData))
    }

    /// Beyond the keep budget (`JXLINT_KEEP_MB`; 0 here, so every document), parsed documents are set aside
    /// in a temporary file and read back for pass 2; without a usable temporary folder they are parsed again.
    /// Either way the report is the one of a run that keeps them all, and no temporary file is left behind.
    func testDocumentsSetAsideBetweenPassesGiveTheSameReport() throws {
        let tmp = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let arguments = ["check", CLI.corpus.path, "--format", "json", "--fail-on", "never", "--jobs", "2"]
        let kept = try CLI.run(arguments)
        let spooled = try CLI.run(arguments, environment: ["JXLINT_KEEP_MB": "0", "TMPDIR": tmp.path])
        let parsedAgain = try CLI.run(arguments, environment: ["JXLINT_KEEP_MB": "0", "TMPDIR": tmp.appendingPathComponent("missing").path])
        XCTAssertEqual(kept.status, 0, kept.stderr)
        XCTAssertFalse(kept.stdoutData.isEmpty)
        XCTAssertEqual(spooled.stdoutData, kept.stdoutData, spooled.stderr)
        XCTAssertEqual(parsedAgain.stdoutData, kept.stdoutData, parsedAgain.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: tmp.path), [])
    }

    func testExtractJSONMatchesTheExpectationFile() throws {
        let name = "2023-中共秦皇岛经济技术开发区工作委员会党建工作部"
        let r = try CLI.run(["extract", "Corpus/\(name).txt"], cwd: CLI.root)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdoutData, try Data(contentsOf: CLI.corpus.appendingPathComponent("expected/\(name).json")))
        let csv = try CLI.run(["extract", qinhuangdao, "--format", "csv"])
        XCTAssertTrue(csv.stdout.hasPrefix("\u{FEFF}文件,部门,年度"), String(csv.stdout.prefix(40)))
        XCTAssertEqual(csv.stdout.split(separator: "\r\n").count, 176, "header + 175 rows")
    }

    /// Several documents are one pretty-printed array, written a document at a time (the first waits for the
    /// second): each element is the document's own expectation file, indented as an array element.
    func testExtractSeveralDocumentsIsAnArrayOfTheirOwnJSON() throws {
        let names = ["2021-保定白沟新城管理委员会组织人事局", "2023-中共平乡县委组织部", "2023-曹妃甸区人力资源和社会保障局"]
        let r = try CLI.run(["extract"] + names.map { "Corpus/\($0).txt" } + ["--jobs", "2"], cwd: CLI.root)
        XCTAssertEqual(r.status, 0, r.stderr)
        let expected = try names.map { try String(contentsOf: CLI.corpus.appendingPathComponent("expected/\($0).json"), encoding: .utf8) }
        func indented(_ text: String) -> String {
            text.trimmingCharacters(in: .newlines).split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.isEmpty ? "" : "  " + $0 }.joined(separator: "\n")
        }
        XCTAssertEqual(r.stdout, "[\n" + expected.map(indented).joined(separator: ",\n") + "\n]\n")
        let array = try XCTUnwrap(try JSONSerialization.jsonObject(with: r.stdoutData) as? [[String: Any]])
        XCTAssertEqual(array.map { $0["department"] as? String }, ["保定白沟新城管理委员会组织人事局", "中共平乡县委组织部", "曹妃甸区人力资源和社会保障局"])
        let none = try CLI.run(["extract", "Corpus/README.md"], cwd: CLI.root)
        XCTAssertEqual(none.status, 2)
        XCTAssertEqual((try JSONSerialization.jsonObject(with: none.stdoutData) as? [Any])?.count, 0, "no document: an empty array")
    }

    func testRulesAndExplain() throws {
        let rules = try CLI.run(["rules"])
        XCTAssertEqual(rules.status, 0)
        for id in ["goal-placeholder", "value-geq-100", "duplicate-table", "title-anomaly"] {
            XCTAssertTrue(rules.stdout.contains(id), id)
        }
        let explain = try CLI.run(["explain", "value-geq-100"])
        XCTAssertEqual(explain.status, 0)
        XCTAssertTrue(explain.stdout.contains("≥100%"))
        XCTAssertTrue(explain.stdout.contains("完工及时率"))
        XCTAssertEqual(try CLI.run(["explain", "no-such-rule"]).status, 2)
        let en = try CLI.run(["explain", "value-geq-100", "--lang", "en"])
        XCTAssertTrue(en.stdout.contains("rate"), en.stdout)
    }

    func testRankListsTheFiveDepartments() throws {
        let r = try CLI.run(["rank", CLI.corpus.path, "--format", "json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let text = r.stdout
        for d in ["保定白沟新城党群工作部", "曹妃甸区人力资源和社会保障局", "保定白沟新城管理委员会组织人事局", "中共平乡县委组织部",
                  "中共秦皇岛经济技术开发区工作委员会党建工作部"] {
            XCTAssertTrue(text.contains(d), d)
        }
    }

    /// Markdown, HTML and SARIF open with an overview of the whole run; their documents' part waits in a
    /// temporary file (so memory holds one document, not the run), which is removed afterwards. Without a
    /// usable temporary folder it waits in memory, and the report is the same.
    func testOverviewFormatsSpoolTheirDocumentsAndLeaveNothingBehind() throws {
        for format in ["markdown", "html", "sarif"] {
            let spoolDir = try CLI.tempDir()
            let spooled = try CLI.run(["check", CLI.corpus.path, "--format", format, "--fail-on", "never"],
                                      environment: ["TMPDIR": spoolDir.path])
            XCTAssertEqual(spooled.status, 0, spooled.stderr)
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: spoolDir.path), [],
                           "\(format): the temporary part is removed")
            let inMemory = try CLI.run(["check", CLI.corpus.path, "--format", format, "--fail-on", "never"],
                                       environment: ["TMPDIR": spoolDir.appendingPathComponent("missing").path])
            XCTAssertEqual(inMemory.status, 0, inMemory.stderr)
            XCTAssertEqual(spooled.stdoutData, inMemory.stdoutData, "\(format): same report either way")
            XCTAssertGreaterThan(spooled.stdoutData.count, 100_000, "\(format): every document is in the report")
        }
        // Every document of the Corpus is in the report, after the overview.
        let html = try CLI.run(["check", CLI.corpus.path, "--format", "html", "--fail-on", "never"]).stdout
        let overview = try XCTUnwrap(html.range(of: "id=\"overview\""))
        for n in 1...5 {
            let section = try XCTUnwrap(html.range(of: "id=\"doc-\(n)\""), "document \(n)")
            XCTAssertLessThan(overview.lowerBound, section.lowerBound)
        }
        XCTAssertTrue(html.hasSuffix("</html>\n"))
    }

    /// Long runs on a terminal show "checked/total" on stderr, overwritten in place and cleared at the end;
    /// never when stderr is not a terminal (a log file, CI) or with --quiet. The terminal is made by
    /// util-linux `script`, which gives the child a pseudo-terminal.
    func testProgressLineOnlyOnATerminal() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else {
            throw XCTSkip("util-linux script is not installed")
        }
        let dir = try CLI.tempDir()
        let source = try Data(contentsOf: URL(fileURLWithPath: CLI.corpusFile("2023-中共平乡县委组织部")))
        for n in 1...31 { try source.write(to: dir.appendingPathComponent(String(format: "%02d.txt", n))) }
        func underTerminal(_ extra: String) throws -> String {
            let command = "'\(CLI.binary.path)' check '\(dir.path)' --format json -o /dev/null --fail-on never\(extra)"
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
            process.arguments = ["-qec", command, "/dev/null"]
            let out = Pipe()
            process.standardOutput = out
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            XCTAssertEqual(process.terminationStatus, 0)
            return String(decoding: data, as: UTF8.self)
        }
        let shown = try underTerminal("")
        for done in [10, 20, 30, 31] { XCTAssertTrue(shown.contains("\r\(done)/31 …"), "progress \(done)/31 in \(shown.debugDescription)") }
        XCTAssertTrue(shown.hasSuffix("\r\u{1B}[K"), "the line is cleared at the end")
        XCTAssertFalse(try underTerminal(" --quiet").contains("/31"), "--quiet shows no progress")
        let piped = try CLI.run(["check", dir.path, "--format", "json", "-o", "/dev/null", "--fail-on", "never"])
        XCTAssertEqual(piped.status, 0)
        XCTAssertFalse(piped.stderr.contains("/31"), "no progress when stderr is not a terminal")
    }
}
