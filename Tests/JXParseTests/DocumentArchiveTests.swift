import Foundation
import JXModel
import JXParse
import XCTest

/// `DocumentArchive` is how `check` sets parsed documents aside between its passes: what it reads back
/// must be the document it was given, and damaged bytes must be refused, never trusted or trapped on.
final class DocumentArchiveTests: XCTestCase {
    private func archived(_ document: Document) -> [UInt8] {
        var bytes: [UInt8] = []
        DocumentArchive.encode(document, into: &bytes)
        return bytes
    }

    private func decoded(_ bytes: [UInt8]) -> Document? {
        bytes.withUnsafeBytes { DocumentArchive.decode($0) }
    }

    func testEveryCorpusDocumentReadsBackEqual() throws {
        for name in CorpusFiles.all {
            let document = try CorpusFiles.document(name)
            let bytes = archived(document)
            XCTAssertEqual(decoded(bytes), document, name)
            // Most cells' raw and normalised texts are the same and stored once: smaller than the text.
            XCTAssertLessThan(bytes.count, document.byteCount, name)
        }
    }

    /// Fields that the corpus leaves at their defaults: grades, extra cells, defects, a repair, negative
    /// and missing numbers, raw text that differs from the normalised text.
    func testEveryFieldReadsBack() {
        let cell = CellText(raw: "≥ 95 ％", text: "≥95%")
        let row = IndicatorRow(line: 12, index: 1, level1: cell, level2: .empty, name: CellText(raw: "合格率", text: "合格率"),
                               description: cell,
                               value: IndicatorValue(raw: "-3～5 个", text: "-3-5个", comparator: .atMost, number: -3,
                                                     upperNumber: 5, unit: "个", kind: .quantity, trailingText: "余"),
                               basis: .empty, level1CarriedOver: true, level2CarriedOver: false,
                               grades: GradedThresholds(excellent: cell, good: .empty, fair: cell, poor: .empty),
                               extra: [ExtraCell(label: "权重", value: CellText(raw: "10", text: "10"))])
        let table = GoalTable(kind: .departmentWide, layout: .pipeRow, index: 2, printedNumber: nil, title: cell,
                              project: "", goal: .empty, line: 10, section: "第三部分", rows: [row],
                              defects: [ParseDefect(kind: .extraCells, line: 13, evidence: "a\tb", expectedCells: 4, foundCells: 5)])
        let document = Document(path: "d/文件.txt", department: nil, budgetYear: -1, tables: [table, table],
                                lineCount: 40, byteCount: 900, encodingRepair: EncodingRepair(replacedSequences: 2, firstLine: 7))
        XCTAssertEqual(decoded(archived(document)), document)
    }

    func testDamagedBytesAreRefused() throws {
        let bytes = archived(try CorpusFiles.document(CorpusFiles.qinhuangdao2023))
        XCTAssertNil(decoded([]))
        XCTAssertNil(decoded(Array(bytes.dropLast())), "truncated")
        XCTAssertNil(decoded(bytes + [0]), "trailing byte")
        XCTAssertNil(decoded([0x00] + bytes.dropFirst()), "not an archive")
        // Every cut of the archive, and random bytes behind the right first byte: refused or read, no trap.
        for cut in stride(from: 0, to: bytes.count, by: 97) { XCTAssertNil(decoded(Array(bytes[..<cut]))) }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let noise = [bytes[0]] + (0..<64).map { _ in UInt8.random(in: 0...255, using: &generator) }
            _ = decoded(noise)
        }
    }
}
