import Foundation
import JXModel
@testable import JXReport
import XCTest

/// `extract`'s hand-written JSON is byte for byte what `JSONEncoder` writes (the Corpus expectation files'
/// format): on every Corpus document, and on documents that use every optional field and awkward text.
final class ExtractJSONWriterTests: XCTestCase {
    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    private func assertSameAsEncoder(_ document: Document, file: StaticString = #filePath, line: UInt = #line) throws {
        let expected = [UInt8](try Self.encoder.encode(document))
        let written = ExtractJSONWriter.encode(document)
        if written != expected {
            // Point at the first difference: a whole document is too long to read in a failure message.
            let at = (0..<min(written.count, expected.count)).first { written[$0] != expected[$0] } ?? min(written.count, expected.count)
            let context = { (b: [UInt8]) in String(decoding: b[max(0, at - 80)..<min(b.count, at + 80)], as: UTF8.self) }
            XCTFail("\(document.path): differs at byte \(at)\nwritten: \(context(written))\nencoder: \(context(expected))",
                    file: file, line: line)
        }
    }

    func testEveryCorpusDocumentIsWrittenAsTheEncoderWritesIt() throws {
        let documents = try CorpusFixture.documents()
        XCTAssertEqual(documents.count, 5)
        for document in documents { try assertSameAsEncoder(document) }
    }

    /// At depth 1 a document is laid out as the encoder lays out an element of an array of documents.
    func testDocumentsAsArrayElementsAreTheEncodersArray() throws {
        let documents = try CorpusFixture.documents()
        var written: [UInt8] = Array("[".utf8)
        for (i, document) in documents.enumerated() {
            written += Array((i == 0 ? "\n  " : ",\n  ").utf8) + ExtractJSONWriter.encode(document, depth: 1)
        }
        written += Array("\n]".utf8)
        XCTAssertEqual(written, [UInt8](try Self.encoder.encode(documents)))
    }

    func testEveryOptionalFieldAndAwkwardText() throws {
        let awkward = Fixtures.nasty + "/斜杠/ \u{7F}\u{08}\u{0C}\u{2028}😀 e\u{301}"
        let grades = GradedThresholds(excellent: Fixtures.cell("≥95%"), good: Fixtures.cell("≥90%"),
                                      fair: Fixtures.cell(awkward), poor: CellText(raw: "<80%", text: "＜80%"))
        let numbers: [Double?] = [nil, 0, -0.0, 95, 0.1, 0.30000000000000004, 1e-7, 123456789.125, 1e16, 1e22, -34.92, 2.5e-300]
        var rows: [IndicatorRow] = []
        for (i, number) in numbers.enumerated() {
            let value = IndicatorValue(raw: "≥\(i)万元 " + awkward, text: "≥\(i)万元", comparator: i % 2 == 0 ? nil : .atLeast,
                                       number: number, upperNumber: i % 3 == 0 ? nil : numbers[(i + 5) % numbers.count],
                                       unit: i % 4 == 0 ? nil : "万元", kind: ValueKind.allCases[i % ValueKind.allCases.count],
                                       trailingText: i % 5 == 0 ? "完工及时率" : nil)
            rows.append(IndicatorRow(line: 10 + i, index: i + 1, level1: Fixtures.cell("产出指标"), level2: Fixtures.cell(""),
                                     name: CellText(raw: awkward, text: "名称"), description: Fixtures.cell("描述\n第二行"),
                                     value: value, basis: .empty, level1CarriedOver: i % 2 == 0, level2CarriedOver: i % 3 == 0,
                                     grades: i % 2 == 0 ? grades : nil,
                                     extra: i % 3 == 0 ? [] : [ExtraCell(label: "权重", value: Fixtures.cell("10")),
                                                                ExtraCell(label: awkward, value: .empty)]))
        }
        let defects = [ParseDefect(kind: .missingCells, line: 12, evidence: awkward, expectedCells: 6, foundCells: 4),
                       ParseDefect(kind: .noTitle, line: 3, evidence: "")]
        let tables = [
            GoalTable(kind: .departmentWide, layout: .pipeRow, index: 1, printedNumber: nil, title: Fixtures.cell(awkward),
                      project: awkward, goal: .empty, line: 3, section: "", rows: rows, defects: defects),
            GoalTable(kind: .project, layout: .tabRow, index: 2, printedNumber: "438", title: Fixtures.cell("438、项目绩效目标表"),
                      project: "项目", goal: CellText(raw: "1.目标\n2.目标", text: "1.目标 2.目标"), line: 40,
                      section: "第二部分", rows: []),
        ]
        try assertSameAsEncoder(Document(path: "dir/“文件”.txt", department: awkward, budgetYear: 2023, tables: tables,
                                         lineCount: 41, byteCount: 999, encodingRepair: EncodingRepair(replacedSequences: 2, firstLine: 7)))
        try assertSameAsEncoder(Document(path: "a.txt", department: nil, budgetYear: nil, tables: [], lineCount: 0, byteCount: 0))
        try assertSameAsEncoder(Document(path: "b.txt", department: "部门", budgetYear: 2021, tables: [tables[1]],
                                         lineCount: 1, byteCount: 1))
    }
}
