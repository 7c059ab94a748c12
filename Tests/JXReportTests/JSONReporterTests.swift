import Foundation
import JXModel
import XCTest
@testable import JXReport

final class JSONReporterTests: XCTestCase {
    private func object(_ data: Data) throws -> [String: Any] {
        try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    private func array(_ value: Any?) throws -> [[String: Any]] { try XCTUnwrap(value as? [[String: Any]]) }

    func testSmallRunMatchesTheSchema() throws {
        let output = JSONReporter().render(Fixtures.smallRun())
        let root = try object(output.data)
        XCTAssertEqual(Set(root.keys), ["tool", "documents", "summary"])
        XCTAssertEqual(root["tool"] as? [String: String], ["name": "jxlint", "version": "9.9.9-test"])

        let documents = try array(root["documents"])
        XCTAssertEqual(documents.count, 3)
        let document = try XCTUnwrap(documents.first)
        XCTAssertEqual(Set(document.keys), ["path", "department", "year", "score", "grade", "tables", "findings"])
        XCTAssertEqual(document["year"] as? Int, 2023)
        XCTAssertEqual(document["score"] as? Double, 80.5)
        XCTAssertEqual(document["grade"] as? String, "良")

        let table = try XCTUnwrap(try array(document["tables"]).first)
        XCTAssertEqual(Set(table.keys), ["index", "number", "title", "project", "line", "goal", "score", "grade", "rows", "findings", "kind"])
        XCTAssertEqual(table["number"] as? String, "1")
        XCTAssertEqual(table["score"] as? Int, 73)

        let rows = try array(table["rows"])
        XCTAssertEqual(rows.count, 3)
        for row in rows {
            XCTAssertTrue(Set(row.keys).isSuperset(of: ["line", "level1", "level2", "name", "description", "basis", "value"]))
        }
        let value = try XCTUnwrap(rows.first?["value"] as? [String: Any])
        XCTAssertEqual(Set(value.keys), ["raw", "comparator", "number", "unit", "kind"], "upperNumber only for ranges")
        XCTAssertEqual(value["comparator"] as? String, "≥")
        XCTAssertEqual(value["number"] as? Int, 20)
        let range = try XCTUnwrap(rows.last?["value"] as? [String: Any])
        XCTAssertEqual(range["upperNumber"] as? Int, 5)
        XCTAssertTrue(range["comparator"] is NSNull)
        XCTAssertEqual(rows.last?["basis"] as? String, Fixtures.nasty, "escaped text reads back unchanged")

        let finding = try XCTUnwrap(try array(table["findings"]).first { $0["rule"] as? String == "value-geq-100" })
        XCTAssertEqual(Set(finding.keys), ["rule", "severity", "line", "row", "name", "evidence", "message", "hint"])
        XCTAssertEqual(finding["severity"] as? String, "error")
        XCTAssertEqual(finding["row"] as? Int, 2)
        XCTAssertEqual(finding["message"] as? String, Fixtures.nasty)
        let tableFinding = try XCTUnwrap(try array(table["findings"]).first { $0["rule"] as? String == "goal-vague" })
        XCTAssertTrue(tableFinding["row"] is NSNull)

        let documentFindings = try array(document["findings"])
        XCTAssertEqual(documentFindings.map { $0["rule"] as? String }, ["title-anomaly"])

        let summary = try XCTUnwrap(root["summary"] as? [String: Any])
        XCTAssertEqual(summary["documents"] as? Int, 3)
        XCTAssertEqual(summary["tables"] as? Int, 4)
        XCTAssertEqual(summary["rows"] as? Int, 6)
        XCTAssertEqual(summary["findings"] as? [String: Int], ["error": 2, "warning": 5, "info": 1])
    }

    func testKeyOrderAndNumbersAreFixed() {
        let text = JSONReporter().render(Fixtures.smallRun()).text
        XCTAssertTrue(text.hasPrefix(#"{"tool":{"name":"jxlint","version":"9.9.9-test"},"documents":["#))
        XCTAssertTrue(text.contains(#"{"path":"a.txt","department":"甲部门","year":2023,"score":80.5,"grade":"良","tables":["#))
        XCTAssertTrue(text.contains(#""value":{"raw":"≥20台","comparator":"≥","number":20,"unit":"台","kind":"quantity"}"#))
        XCTAssertTrue(text.contains(#""score":73,"grade":"中""#), "whole numbers without .0")
        XCTAssertFalse(text.contains(".0,"))
        XCTAssertTrue(text.hasSuffix("\"suppressed\":0}}\n"))
    }

    func testStringEscaping() {
        var sink = ""
        JSONText.writeString("a\"b\\c\nd\re\tf\u{08}g\u{0C}h\u{01}i\u{1F}j/中文≥", to: &sink)
        XCTAssertEqual(sink, #""a\"b\\c\nd\re\tf\bg\fh\u0001i\u001fj/中文≥""#)
    }

    func testNumberFormatting() {
        XCTAssertEqual(JSONText.number(60), "60")
        XCTAssertEqual(JSONText.number(-0.0), "0")
        XCTAssertEqual(JSONText.number(71.5), "71.5")
        XCTAssertEqual(JSONText.number(0.1), "0.1")
        XCTAssertEqual(JSONText.number(34.92), "34.92")
        XCTAssertEqual(JSONText.number(1e20), "1e+20")
        XCTAssertEqual(JSONText.number(.nan), "null")
        XCTAssertEqual(JSONText.number(.infinity), "null")
        for value in [1e-7, 1e20, 123456.789] {
            let parsed = try? JSONSerialization.jsonObject(with: Data("[\(JSONText.number(value))]".utf8)) as? [Double]
            XCTAssertEqual(parsed?.first, value)
        }
    }

    func testStreamingEqualsWholeReport() {
        let report = Fixtures.smallRun()
        let writer = JSONReporter()
        var streamed = ByteBuffer()
        var summary = RunSummary()
        writer.writeStart(tool: report.tool, to: &streamed)
        for (position, document) in report.documents.enumerated() {
            writer.writeDocument(document, position: position, to: &streamed)
            summary.add(document)
        }
        writer.writeEnd(summary: summary, to: &streamed)
        XCTAssertEqual(streamed.bytes, writer.render(report).bytes)
    }

    func testFileSinkWritesTheSameBytes() throws {
        let report = Fixtures.smallRun()
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("jxlint-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        _ = try FileSink(creating: url)
        // A tiny buffer makes the sink flush many times mid-report.
        var small = FileSink(handle: try FileHandle(forWritingTo: url), capacity: 7)
        JSONReporter().write(report, to: &small)
        small.flush()
        XCTAssertNil(small.error)
        XCTAssertEqual(try Data(contentsOf: url), JSONReporter().render(report).data)
    }

    /// A failed write is kept, named as the system names it, and ends writing; creating a file in a missing
    /// folder says why.
    func testFileSinkKeepsTheFirstWriteError() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("jxlint-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data("x".utf8).write(to: url)
        // A descriptor opened for reading refuses writes (EBADF), the way a full disk refuses them (ENOSPC).
        var sink = FileSink(handle: try FileHandle(forReadingFrom: url), capacity: 4)
        sink.write("绩效目标表")
        sink.flush()
        let error = try XCTUnwrap(sink.error)
        XCTAssertEqual(error.localizedDescription, "Bad file descriptor")
        XCTAssertThrowsError(try FileSink(creating: url.appendingPathComponent("missing/r.json"))) { error in
            XCTAssertEqual(error.localizedDescription, "Not a directory")
        }
    }

    func testCorpusReportParsesAndIsDeterministic() throws {
        let report = try CorpusFixture.run()
        XCTAssertEqual(report.documents.count, 5)
        let first = JSONReporter().render(report)
        XCTAssertEqual(first.bytes, JSONReporter().render(report).bytes, "same input, same bytes")
        let root = try object(first.data)
        let documents = try array(root["documents"])
        XCTAssertEqual(documents.count, 5)
        var tables = 0, rows = 0, findings = 0
        for document in documents {
            for key in ["path", "department", "year", "score", "grade", "tables", "findings"] {
                XCTAssertNotNil(document[key], key)
            }
            for table in try array(document["tables"]) {
                tables += 1
                for key in ["index", "number", "title", "project", "line", "goal", "score", "grade", "rows", "findings"] {
                    XCTAssertNotNil(table[key], key)
                }
                rows += try array(table["rows"]).count
                findings += try array(table["findings"]).count
            }
            findings += try array(document["findings"]).count
        }
        XCTAssertEqual(tables, report.summary.tables)
        XCTAssertEqual(rows, report.summary.rows)
        XCTAssertEqual(findings, report.summary.findings)
        XCTAssertGreaterThan(tables, 100)
    }

    func testEnglishMessages() throws {
        let root = try object(JSONReporter(language: .en).render(Fixtures.smallRun()).data)
        let table = try XCTUnwrap(try array(try array(root["documents"]).first?["tables"]).first)
        let messages = try array(table["findings"]).compactMap { $0["message"] as? String }
        XCTAssertTrue(messages.allSatisfy { $0 == "problem" })
        XCTAssertEqual(table["grade"] as? String, "中", "grades stay a stable code in JSON")
    }

    /// The escape scan reads eight bytes at a time: a character to escape must be found at every offset
    /// within and across those words, beside Chinese text (whose bytes are all ≥ 0x80) and ASCII.
    func testStringEscapesAtEveryOffset() throws {
        let specials: [Character] = ["\"", "\\", "\n", "\t", "\u{01}", "\u{1F}"]
        for filler in ["绩效目标", "abcdefgh", "≥95%年"] {
            for special in specials {
                for offset in 0..<20 {
                    var text = String(repeating: filler, count: 3)
                    let position = text.index(text.startIndex, offsetBy: min(offset, text.count))
                    text.insert(special, at: position)
                    var buffer = ByteBuffer()
                    JSONText.writeString(text, to: &buffer)
                    let decoded = try JSONSerialization.jsonObject(with: buffer.data, options: .fragmentsAllowed) as? String
                    XCTAssertEqual(decoded, text, "\(filler) with \(special.unicodeScalars.first?.value ?? 0) at \(offset)")
                }
            }
        }
        // Every length across the sixteen- and eight-byte steps and the overlapping last word.
        for length in 0...40 {
            let plain = Array(repeating: UInt8(ascii: "a"), count: length)
            XCTAssertFalse(plain.withUnsafeBufferPointer(JSONText.needsEscape), "\(length)")
            for position in 0..<length {
                for special: UInt8 in [0x22, 0x5C, 0x0A, 0x00, 0x1F] {
                    var bytes = plain
                    bytes[position] = special
                    XCTAssertTrue(bytes.withUnsafeBufferPointer(JSONText.needsEscape), "\(length) \(position) \(special)")
                }
            }
        }
        // Bytes that only look special as part of a word (0x7F, 0x80…) are not escaped.
        var plain = ByteBuffer()
        JSONText.writeString("a\u{7F}b€c 目", to: &plain)
        XCTAssertEqual(plain.text, "\"a\u{7F}b€c 目\"")
    }

    /// A row keeps its fields in a shared object: it must still behave as a value, and compare, hash and
    /// encode by its fields as a plain struct of them did.
    func testIndicatorRowIsAValue() throws {
        let row = Fixtures.row(1, line: 10, "产出指标", "数量指标", "培训人数", value: Fixtures.value("≥100人", number: 100))
        var changed = row
        changed.value = Fixtures.value("95%", number: 95, unit: "%")
        changed.extra = [ExtraCell(label: "权重", value: Fixtures.cell("10"))]
        XCTAssertEqual(row.value.raw, "≥100人")
        XCTAssertEqual(row.extra, [])
        XCTAssertEqual(changed.value.raw, "95%")
        XCTAssertEqual(changed.name, row.name)
        XCTAssertNotEqual(changed, row)
        var restored = changed
        restored.value = row.value
        restored.extra = []
        XCTAssertEqual(restored, row, "equal by fields, not by identity")
        XCTAssertEqual(Set([restored, row]).count, 1)

        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = try encoder.encode(changed)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        XCTAssertEqual(Set(object.keys), ["line", "index", "level1", "level2", "name", "description", "value", "basis",
                                          "level1CarriedOver", "level2CarriedOver", "extra"], "no grades key when nil")
        XCTAssertEqual(try JSONDecoder().decode(IndicatorRow.self, from: json), changed)
    }

    /// A finding keeps its fields in a shared object too, with the same guarantees.
    func testFindingIsAValue() throws {
        let finding = Finding(ruleID: "value-geq-100", severity: .error,
                              location: FindingLocation(path: "a.txt", line: 12, tableIndex: 1, tableTitle: "表", rowIndex: 2, rowName: "完工及时率"),
                              evidence: "≥100%", message: LocalizedText(zh: "比率", en: "rate"), hint: LocalizedText(zh: "改", en: "fix"))
        var changed = finding
        changed.severity = .warning
        changed.location.line = 13
        XCTAssertEqual(finding.severity, .error)
        XCTAssertEqual(finding.location.line, 12)
        XCTAssertEqual(changed.location.line, 13)
        XCTAssertEqual(changed.evidence, finding.evidence)
        XCTAssertNotEqual(changed, finding)
        var restored = changed
        restored.severity = .error
        restored.location.line = 12
        XCTAssertEqual(restored, finding, "equal by fields, not by identity")
        XCTAssertEqual(Set([restored, finding]).count, 1)

        let json = try JSONEncoder().encode(changed)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        XCTAssertEqual(Set(object.keys), ["ruleID", "severity", "location", "evidence", "message", "hint"])
        XCTAssertEqual(try JSONDecoder().decode(Finding.self, from: json), changed)
    }

    /// The report's byte buffer is a value: a copy keeps its bytes when the original grows.
    func testByteBufferIsAValue() {
        var first = ByteBuffer()
        first.write("绩效")
        let copy = first
        for _ in 0..<1000 { first.write(byte: 0x41) }
        first.write("目标")
        XCTAssertEqual(copy.text, "绩效")
        XCTAssertEqual(first.count, 6 + 1000 + 6)
        XCTAssertEqual(first.text, "绩效" + String(repeating: "A", count: 1000) + "目标")
        XCTAssertEqual(first.bytes, Array(first.text.utf8))
    }

    /// A quoted run is written in one piece by the byte buffer: the same bytes as quote, run, quote, whether
    /// the block must grow, is shared with a copy, or the run is empty.
    func testByteBufferWritesAQuotedRunInOnePiece() {
        var buffer = ByteBuffer(), plain = ""
        var copies: [ByteBuffer] = []
        for k in 0..<300 {
            let run = Array(String(repeating: "绩效目标", count: k % 7).utf8)
            run.withUnsafeBufferPointer { bytes in
                buffer.write(bytes: bytes, between: 0x22)
                plain.write(bytes: bytes, between: 0x22)
            }
            if k % 50 == 0 { copies.append(buffer) }
        }
        XCTAssertEqual(buffer.text, plain)
        XCTAssertTrue(plain.hasPrefix("\"\"\"绩效目标\""))
        for copy in copies { XCTAssertTrue(plain.utf8.starts(with: copy.bytes)) }
    }
}
