import Foundation
import JXModel
import XCTest
@testable import JXReport

/// A strict RFC 4180 reader: records end with CRLF, fields are separated by commas, quoted fields may hold
/// commas, quotes (doubled) and line breaks. Throws on anything else, so a sloppy writer fails the tests.
enum RFC4180 {
    struct Malformed: Error { var offset: Int }

    static func parse(_ text: String) throws -> [[String]] {
        let scalars = Array(text.unicodeScalars)
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var index = 0
        var atFieldStart = true
        while index < scalars.count {
            let scalar = scalars[index]
            if atFieldStart && scalar == "\"" {
                index += 1
                while true {
                    guard index < scalars.count else { throw Malformed(offset: index) }
                    if scalars[index] == "\"" {
                        if index + 1 < scalars.count && scalars[index + 1] == "\"" {
                            field.unicodeScalars.append("\"")
                            index += 2
                        } else {
                            index += 1
                            break
                        }
                    } else {
                        field.unicodeScalars.append(scalars[index])
                        index += 1
                    }
                }
                atFieldStart = false
                // After a closing quote only a separator or the record end may follow.
                guard index >= scalars.count || scalars[index] == "," || scalars[index] == "\r" else { throw Malformed(offset: index) }
                continue
            }
            switch scalar {
            case ",":
                record.append(field)
                field = ""
                atFieldStart = true
                index += 1
            case "\r":
                guard index + 1 < scalars.count, scalars[index + 1] == "\n" else { throw Malformed(offset: index) }
                record.append(field)
                records.append(record)
                record = []
                field = ""
                atFieldStart = true
                index += 2
            case "\n", "\"":
                throw Malformed(offset: index)
            default:
                field.unicodeScalars.append(scalar)
                atFieldStart = false
                index += 1
            }
        }
        guard record.isEmpty && field.isEmpty else { throw Malformed(offset: index) }
        return records
    }

    /// Checks the BOM, parses, and returns the records without the BOM.
    static func parseReport(_ buffer: ByteBuffer) throws -> [[String]] {
        XCTAssertEqual(Array(buffer.bytes.prefix(3)), [0xEF, 0xBB, 0xBF], "UTF-8 BOM for Excel")
        return try parse(String(decoding: buffer.bytes.dropFirst(3), as: UTF8.self))
    }
}

final class CSVReporterTests: XCTestCase {
    func testReaderItself() throws {
        XCTAssertEqual(try RFC4180.parse("a,\"b,\"\"c\"\"\r\nd\",\r\n"), [["a", "b,\"c\"\r\nd", ""]])
        XCTAssertThrowsError(try RFC4180.parse("a,b\n"))
        XCTAssertThrowsError(try RFC4180.parse("a,\"b\"c\r\n"))
    }

    func testOneRecordPerFindingWithOneColumnCount() throws {
        let report = Fixtures.smallRun()
        let records = try RFC4180.parseReport(CSVReporter().render(report))
        XCTAssertEqual(records.count, report.summary.findings + 1)
        XCTAssertEqual(Set(records.map(\.count)), [14])
        XCTAssertEqual(records.first, ["文件", "部门", "年度", "表号", "项目", "行号", "一级指标", "二级指标", "三级指标",
                                       "指标值", "规则", "级别", "问题", "修改建议"])
        let geq = try XCTUnwrap(records.first { $0[10] == "value-geq-100" })
        XCTAssertEqual(geq, ["a.txt", "甲部门", "2023", "1", "设备购置", "16", "产出指标", "质量指标", "验收合格率", "≥100%",
                             "value-geq-100", "错误", Fixtures.nasty, "提示：改正"])
        let documentLevel = try XCTUnwrap(records.first { $0[10] == "title-anomaly" })
        XCTAssertEqual(documentLevel[3], "", "no table")
    }

    func testFormulaCellsAreDefused() throws {
        XCTAssertEqual(CSVText.defused("=100%"), "'=100%")
        XCTAssertEqual(CSVText.defused("+1"), "'+1")
        XCTAssertEqual(CSVText.defused("≥95%"), "≥95%")
        var sink = ""
        CSVText.writeRecord(["=SUM(A1)", "a\"b", "x,y"], to: &sink)
        XCTAssertEqual(sink, "'=SUM(A1),\"a\"\"b\",\"x,y\"\r\n")
    }

    func testCorpusCSV() throws {
        let report = try CorpusFixture.run()
        let records = try RFC4180.parseReport(CSVReporter().render(report))
        XCTAssertEqual(records.count, report.summary.findings + 1)
        XCTAssertEqual(Set(records.map(\.count)), [14])
    }

    func testExtractCSVHasOneRecordPerRow() throws {
        let report = try CorpusFixture.run()
        let records = try RFC4180.parseReport(ExtractCSVReporter().render(report))
        XCTAssertEqual(records.count, report.summary.rows + 1)
        XCTAssertEqual(Set(records.map(\.count)), [19])
        let small = try RFC4180.parseReport(ExtractCSVReporter().render(Fixtures.smallRun()))
        let range = try XCTUnwrap(small.first { $0[12] == "3-5 个" })
        XCTAssertEqual(Array(range[13...17]), ["", "3", "5", "个", "quantity"])
    }

    func testEnglishHeader() throws {
        let records = try RFC4180.parseReport(CSVReporter(language: .en).render(Fixtures.smallRun()))
        XCTAssertEqual(records.first?.first, "path")
        XCTAssertTrue(records.dropFirst().allSatisfy { ["error", "warning", "info"].contains($0[11]) })
    }
}
