import Foundation
import XCTest
import JXModel
@testable import JXParse

/// Bad input gets a clear reason or the same tables, never a crash.
final class HostileInputTests: XCTestCase {
    func testEmptyFile() {
        XCTAssertThrowsError(try DocumentParser.parse(bytes: [], path: "empty.txt")) { error in
            XCTAssertEqual(error as? DocumentError, .decode(.empty))
        }
    }

    func testRandomBytesAreNotText() {
        var generator = SplitMix(seed: 42)
        for _ in 0..<50 {
            let bytes = (0..<4096).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            XCTAssertThrowsError(try DocumentParser.parse(bytes: bytes, path: "random.bin")) { error in
                let e = error as? DocumentError
                XCTAssertTrue(e == .decode(.notText) || e == .decode(.undecodable) || e == .noGoalTable, "\(String(describing: e))")
            }
        }
    }

    func testPDFAndDocxAreNamed() {
        XCTAssertThrowsError(try DocumentParser.parse(bytes: Array("%PDF-1.7\n...".utf8), path: "a.pdf")) { error in
            XCTAssertEqual(error as? DocumentError, .decode(.binaryFormat("PDF")))
            XCTAssertTrue((error as? DocumentError)?.message(english: true).contains("extract its text first") ?? false)
        }
        XCTAssertThrowsError(try DocumentParser.parse(bytes: [0x50, 0x4B, 0x03, 0x04, 0, 0], path: "a.docx")) { error in
            XCTAssertEqual(error as? DocumentError, .decode(.binaryFormat("ZIP (.docx/.xlsx)")))
        }
    }

    func testNulBytesAreNotText() throws {
        var bytes = try CorpusFiles.bytes(CorpusFiles.qinhuangdao2023)
        bytes[100] = 0
        XCTAssertThrowsError(try DocumentParser.parse(bytes: bytes, path: "nul.txt")) { error in
            XCTAssertEqual(error as? DocumentError, .decode(.notText))
        }
    }

    /// The control-byte count reads eight bytes at a time and the tail one by one: a NUL or a stray
    /// control counts wherever it falls, and tabs, line breaks, form feeds and CRs never count.
    func testControlBytesCountAtEveryOffset() {
        let text = Array("预算年度：2023\t一级指标\r\n\u{0C}abc".utf8)
        XCTAssertNoThrow(try TextDecoder.decode(text))
        for offset in 0..<text.count {
            var withNul = text
            withNul[offset] = 0
            XCTAssertThrowsError(try TextDecoder.decode(withNul), "NUL at \(offset)") { error in
                XCTAssertEqual(error as? DecodeError, .notText)
            }
        }
        // More than 8 stray controls and more than 1 % of the bytes: not text; 8 are tolerated.
        for start in 0..<9 {
            var bytes = [UInt8](repeating: 0x41, count: 700)
            for k in 0..<9 { bytes[start + k * 37] = 0x01 }
            XCTAssertThrowsError(try TextDecoder.decode(bytes), "controls from \(start)")
            bytes[start] = 0x09
            XCTAssertNoThrow(try TextDecoder.decode(bytes), "8 controls from \(start)")
        }
    }

    func testTextWithoutGoalTable() {
        XCTAssertThrowsError(try DocumentParser.parse(bytes: Array("部门预算\n一、部门职责\n".utf8), path: "prose.txt")) { error in
            XCTAssertEqual(error as? DocumentError, .noGoalTable)
        }
    }

    func testUTF16AndGB18030CopiesGiveTheSameTables() throws {
        let original = try CorpusFiles.document(CorpusFiles.pingxiang2023)
        let text = try XCTUnwrap(String(bytes: CorpusFiles.bytes(CorpusFiles.pingxiang2023), encoding: .utf8))
        var utf16le: [UInt8] = [0xFF, 0xFE]
        for unit in text.utf16 { utf16le += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        var utf16be: [UInt8] = [0xFE, 0xFF]
        for unit in text.utf16 { utf16be += [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
        let gb = try XCTUnwrap(TextDecoder.convert(Array(text.utf8), from: "UTF-8", to: "GB18030"))
        let bom = [0xEF, 0xBB, 0xBF] + Array(text.utf8)
        let crlf = Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
        for (label, bytes) in [("utf16le", utf16le), ("utf16be", utf16be), ("gb18030", gb), ("bom", bom), ("crlf", crlf)] {
            let copy = try DocumentParser.parse(bytes: bytes, path: original.path)
            XCTAssertEqual(copy.tables, original.tables, label)
            XCTAssertEqual(copy.department, original.department, label)
        }
    }

    /// A UTF-8 file cut inside a character, or with one stray byte, is still read: the bad bytes become
    /// U+FFFD and the document says where the first one was.
    func testCutOrStrayBytesAreRepairedNotRejected() throws {
        let bytes = try CorpusFiles.bytes(CorpusFiles.pingxiang2023)
        let original = try CorpusFiles.document(CorpusFiles.pingxiang2023)
        var cut = bytes.count / 2
        while cut < bytes.count, !(0x80..<0xC0).contains(bytes[cut]) { cut += 1 }
        let cutDoc = try DocumentParser.parse(bytes: Array(bytes[..<cut]), path: "cut.txt")
        XCTAssertEqual(cutDoc.encodingRepair?.replacedSequences, 1)
        XCTAssertGreaterThan(cutDoc.tables.count, 0)
        var stray = bytes
        stray.insert(0xA0, at: 5000)
        let strayDoc = try DocumentParser.parse(bytes: stray, path: original.path)
        XCTAssertEqual(strayDoc.encodingRepair?.replacedSequences, 1)
        XCTAssertEqual(strayDoc.tables, original.tables)
        XCTAssertNil(original.encodingRepair)
        let withBOM = [0xEF, 0xBB, 0xBF] + stray
        XCTAssertEqual(try DocumentParser.parse(bytes: withBOM, path: original.path).tables, original.tables)
    }

    func testOldMacLineEndings() throws {
        let text = String(decoding: try CorpusFiles.bytes(CorpusFiles.qinhuangdao2023), as: UTF8.self)
        let cr = text.replacingOccurrences(of: "\n", with: "\r")
        let original = try CorpusFiles.document(CorpusFiles.qinhuangdao2023)
        XCTAssertEqual(try DocumentParser.parse(bytes: Array(cr.utf8), path: original.path).tables, original.tables)
    }

    /// Titles other provinces print: a note in brackets after the title, and 绩效目标申报表.
    func testTitleVariants() throws {
        let body = "\n一级指标\t二级指标\t三级指标\t绩效指标描述\t指标值\t指标值确定依据\n产出指标\t数量指标\t培训次数\t培训次数\t≥10次\t计划\n"
        for (title, project) in [("1、测试项目绩效目标表（单位：万元）", "测试项目"), ("2、测试项目支出绩效目标申报表", "测试项目支出"),
                                 ("测试项目绩效目标表 (2023年)", "测试项目")] {
            let d = try DocumentParser.parse(bytes: Array((title + body).utf8), path: "t.txt")
            XCTAssertEqual(d.tables.first?.project, project, title)
            XCTAssertEqual(d.tables.first?.title.text, title)
            XCTAssertEqual(d.tables.first?.rows.count, 1, title)
        }
    }

    /// A goal-table header with no title above it is read, named by the text above, and reported.
    func testHeaderWithoutTitleIsReadAndReported() throws {
        let cells = """
        项目支出绩效目标
        \t一级指标
        \t二级指标
        \t三级指标
        \t绩效指标描述
        \t指标值
        \t指标值确定依据
        \t产出指标
        \t数量指标
        \t培训次数
        \t培训次数
        \t≥10次
        \t计划
        """
        let rows = "测试项目\n一级指标\t二级指标\t三级指标\t绩效指标描述\t指标值\t指标值确定依据\n产出指标\t数量指标\t培训次数\t培训次数\t≥10次\t计划\n"
        for (text, name, headerLine) in [(cells, "项目支出绩效目标", 2), (rows, "测试项目", 2)] {
            let d = try DocumentParser.parse(bytes: Array(text.utf8), path: "t.txt")
            let t = try XCTUnwrap(d.tables.first)
            XCTAssertEqual(t.project, name)
            XCTAssertEqual(t.line, 1)
            XCTAssertEqual(t.rows.count, 1)
            XCTAssertEqual(t.rows.first?.value.raw, "≥10次")
            XCTAssertEqual(t.defects.map(\.kind), [.noTitle])
            XCTAssertEqual(t.defects.first?.line, headerLine)
        }
    }

    /// Two untitled tables one after the other are two tables: the second header is not taken for a header
    /// repeated after a page break, and the second project's name is not glued to the first table's last cell.
    func testTwoUntitledTablesInARowStayApart() throws {
        let header = ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"]
        func cellPerLine(_ project: String, _ name: String) -> String {
            project + "\n" + (header + ["产出指标", "数量指标", name, name, "≥10次", "计划"]).map { "\t" + $0 + "\n" }.joined()
        }
        func tabRows(_ project: String, _ name: String) -> String {
            project + "\n" + header.joined(separator: "\t") + "\n" + ["产出指标", "数量指标", name, name, "≥10次", "计划"].joined(separator: "\t") + "\n"
        }
        for layout in [cellPerLine, tabRows] {
            let text = layout("测试项目甲", "培训次数") + layout("测试项目乙", "宣传次数")
            let tables = try DocumentParser.parse(bytes: Array(text.utf8), path: "t.txt").tables
            XCTAssertEqual(tables.map(\.project), ["测试项目甲", "测试项目乙"])
            XCTAssertEqual(tables.map { $0.rows.map(\.name.text) }, [["培训次数"], ["宣传次数"]])
            XCTAssertEqual(tables.map { $0.rows.map(\.basis.raw) }, [["计划"], ["计划"]])
            XCTAssertEqual(tables.map { $0.defects.map(\.kind) }, [[.noTitle], [.noTitle]])
        }
    }

    /// Prose after the last tab-row table (no heading ends it) is not glued to the last row, and reading it
    /// stays linear: a page-split cell continues on at most two short lines.
    func testProseAfterTabRowsEndsTheTable() throws {
        var text = "1、测试项目绩效目标表\n一级指标\t二级指标\t三级指标\t绩效指标描述\t指标值\t指标值确定依据\n"
        text += "产出指标\t数量指标\t培训次数\t培训次数\t≥10次\t年度\n工作计划\n"
        for i in 0..<20_000 { text += "调查本部门认真贯彻落实各项规定，第\(i)条说明了有关情况，请各单位遵照执行，并将执行情况按时报送。\n" }
        let t = try DocumentParser.parse(bytes: Array(text.utf8), path: "t.txt").tables[0]
        XCTAssertEqual(t.rows.count, 1)
        XCTAssertEqual(t.rows[0].basis.raw, "年度\n工作计划")
        // A run of short lines longer than a page split leaves is prose as well, and is taken back out.
        var short = "1、测试项目绩效目标表\n一级指标\t二级指标\t三级指标\t绩效指标描述\t指标值\t指标值确定依据\n"
        short += "产出指标\t数量指标\t培训次数\t培训次数\t≥10次\t年度\n附注一\n附注二\n附注三\n"
        XCTAssertEqual(try DocumentParser.parse(bytes: Array(short.utf8), path: "s.txt").tables[0].rows[0].basis.raw, "年度")
    }

    func testTruncatedMidTableReportsTheCutRow() throws {
        let bytes = try CorpusFiles.bytes(CorpusFiles.baigou2023)
        let text = try XCTUnwrap(String(bytes: bytes, encoding: .utf8))
        // Cut after the 3rd cell of the 2nd row of table 1 (line 2774: "完工及时率"… is row 3; row 2 starts at 2772).
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let cut = lines.prefix(2774).joined(separator: "\n")
        let d = try DocumentParser.parse(bytes: Array(cut.utf8), path: "cut.txt")
        let t = try XCTUnwrap(d.tables.last)
        XCTAssertEqual(t.rows.count, 1)
        XCTAssertEqual(t.defects.first?.kind, .missingCells)
        XCTAssertEqual(t.defects.first?.line, 2772)
        XCTAssertEqual(t.defects.first?.foundCells, 3)
    }

    func testTwentyMegabytesOnOneLine() throws {
        var bytes = Array("1、测试项目绩效目标表\n".utf8)
        bytes += [UInt8](repeating: 0x41, count: 20 << 20)
        bytes += Array("\n".utf8)
        let d = try DocumentParser.parse(bytes: bytes, path: "long.txt")
        XCTAssertEqual(d.tables.count, 1)
        XCTAssertEqual(d.tables[0].defects.first?.kind, .noHeader)
    }

    func testTitleWithNoTableIsADefectNotADrop() throws {
        let text = "1、甲项目绩效目标表\n六、政府采购预算情况\n"
        let d = try DocumentParser.parse(bytes: Array(text.utf8), path: "t.txt")
        XCTAssertEqual(d.tables.count, 1)
        XCTAssertEqual(d.tables[0].defects.map(\.kind), [.noHeader])
    }

    func testRowWithMissingCellInTabRows() throws {
        let text = """
        1、甲项目绩效目标表
        绩效目标\t完成任务
        一级指标\t二级指标\t三级指标\t绩效指标描述\t指标值\t指标值确定依据
        产出指标\t数量指标\t培训次数\t培训次数\t≥10次\t计划
        \t质量指标\t合格率\t合格率

        """
        let d = try DocumentParser.parse(bytes: Array(text.utf8), path: "t.txt")
        let t = d.tables[0]
        XCTAssertEqual(t.rows.count, 2)
        XCTAssertEqual(t.rows[1].line, 5)
        XCTAssertEqual(t.defects.map(\.kind), [.missingCells])
        XCTAssertEqual(t.defects.first?.foundCells, 4)
    }

    func testRowWithExtraCellsInTabRows() throws {
        let text = """
        1、甲项目绩效目标表
        一级指标\t二级指标\t三级指标\t绩效指标描述\t指标值\t指标值确定依据
        产出指标\t数量指标\t培训次数\t培训次数\t≥10次\t计划\t多出的一格\t
        """
        let t = try DocumentParser.parse(bytes: Array(text.utf8), path: "t.txt").tables[0]
        XCTAssertEqual(t.rows.count, 1)
        XCTAssertEqual(t.rows[0].basis.text, "计划")
        XCTAssertEqual(t.defects.map(\.kind), [.extraCells])
        XCTAssertEqual(t.defects.first?.foundCells, 7)
    }

    /// 100,000 one-row tables in one file: every one is read (the time this takes is measured by the
    /// benchmark, not here; a quadratic step would make this test crawl).
    func testOneHundredThousandTables() throws {
        var text = ""
        text.reserveCapacity(26 << 20)
        for i in 1...100_000 {
            text += "\(i)、项目\(i)绩效目标表\n\t绩效目标\n\t1.完成任务\(i)\n"
            text += "\t一级指标\n\t二级指标\n\t三级指标\n\t绩效指标描述\n\t指标值\n\t指标值确定依据\n"
            text += "\t产出指标\n\t数量指标\n\t培训次数\(i % 50)\n\t培训次数\n\t≥10次\n\t计划\n"
        }
        let d = try DocumentParser.parse(bytes: Array(text.utf8), path: "100k.txt")
        XCTAssertEqual(d.tables.count, 100_000)
        XCTAssertEqual(d.rowCount, 100_000)
        XCTAssertEqual(d.tables.last?.printedNumber, "100000")
        XCTAssertEqual(d.tables.last?.rows.first?.line, 100_000 * 15 - 5)
    }

    /// Thousands of mutated corpus documents through the whole parse: no crash, every row's line valid.
    func testFuzzedCorpusDocumentsNeverCrash() throws {
        var generator = SplitMix(seed: 7)
        let sources = try CorpusFiles.all.map { name -> [Substring] in
            let text = String(decoding: try CorpusFiles.bytes(name), as: UTF8.self)
            return text.split(separator: "\n", omittingEmptySubsequences: false)
        }
        let iterations = ProcessInfo.processInfo.environment["JXLINT_FUZZ_ITERATIONS"].flatMap(Int.init) ?? 2000
        for iteration in 0..<iterations {
            var lines = sources[Int(generator.next() % UInt64(sources.count))]
            // Work on a window so that each iteration stays cheap.
            let start = Int(generator.next() % UInt64(max(1, lines.count - 400)))
            lines = Array(lines[start..<min(lines.count, start + 400)])
            for _ in 0..<Int(1 + generator.next() % 8) {
                guard !lines.isEmpty else { break }
                let i = Int(generator.next() % UInt64(lines.count))
                switch generator.next() % 7 {
                case 0: lines.remove(at: i)
                case 1: lines.insert(lines[i], at: i)
                case 2: lines.swapAt(i, Int(generator.next() % UInt64(lines.count)))
                case 3: lines[i] = "\t" + lines[i] + "\t"
                case 4: lines[i] = Substring(lines[i].replacingOccurrences(of: "\t", with: "|"))
                case 5: lines = Array(lines[..<i])
                default: lines[i] = Substring(String(lines[i].reversed()))
                }
            }
            var bytes = Array(lines.joined(separator: "\n").utf8)
            if !bytes.isEmpty, generator.next() % 3 == 0 {
                bytes[Int(generator.next() % UInt64(bytes.count))] ^= UInt8(truncatingIfNeeded: generator.next())
            }
            let lineCount = bytes.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
            guard let d = try? DocumentParser.parse(bytes: bytes, path: "fuzz-\(iteration).txt") else { continue }
            for t in d.tables {
                XCTAssertTrue(t.line >= 1 && t.line <= lineCount)
                for r in t.rows { XCTAssertTrue(r.line >= 1 && r.line <= lineCount, "fuzz \(iteration)") }
                for x in t.defects { XCTAssertTrue(x.line >= 1 && x.line <= lineCount, "fuzz \(iteration)") }
            }
        }
    }

    /// The decoder's own UTF-8 validation must agree with the standard library's, which the strings made
    /// from the same bytes go through: every lead byte before every second byte (the table's edges), in each
    /// position of the four-byte fast path, and random mixes of the bytes that matter.
    func testUTF8ValidationAgreesWithStandardLibrary() {
        func check(_ bytes: [UInt8]) {
            var controls = ControlBytes()
            let ours = UTF8Validation.isValid(bytes[...], counting: &controls)
            XCTAssertEqual(ours, String(validating: bytes, as: UTF8.self) != nil, "\(bytes.map { String($0, radix: 16) })")
        }
        for lead in 0...255 {
            for second in [0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF] {
                for third: [UInt8] in [[], [0x80], [0x41], [0x80, 0x80], [0x80, 0x80, 0x41, 0x41, 0x41]] {
                    let sequence = [UInt8(lead), UInt8(second)] + third
                    check(sequence)
                    check([0x41] + sequence)
                    check([0xE4, 0xB8, 0x80] + sequence + [0x41, 0x41, 0x41])
                    // After runs of ideographs, which are passed over two at a time.
                    for run in 2...5 {
                        check(Array(repeating: [UInt8]([0xE4, 0xB8, 0x80]), count: run).flatMap { $0 } + sequence + [0x41, 0x41, 0x41])
                    }
                }
            }
        }
        let interesting: [UInt8] = [0x00, 0x0A, 0x41, 0x80, 0x9F, 0xA0, 0xBF, 0xC2, 0xE0, 0xE4, 0xB8, 0xED, 0xEF, 0xF0,
                                    0xF4, 0xF5, 0xFF]
        var random = SplitMix(seed: 5)
        for _ in 0..<20_000 {
            check((0..<Int(random.next() % 13)).map { _ in interesting[Int(random.next() % UInt64(interesting.count))] })
        }
    }

    /// Strings made without validation must be the strings `String(decoding:)` makes: every cut of a valid
    /// text, including cuts inside a scalar, which must be repaired rather than taken as they are.
    func testStringsFromValidBytesMatchDecodedStrings() {
        let bytes = Array("a≥95%，年底前\u{1F600}完成 b".utf8)
        for lower in 0...bytes.count {
            for upper in lower...bytes.count {
                let cut = Array(bytes[lower..<upper])
                let made = cut.withUnsafeBufferPointer(String.init(cutFromValidUTF8:))
                let decoded = String(decoding: cut, as: UTF8.self)
                XCTAssertEqual(Array(made.utf8), Array(decoded.utf8), "\(lower)..<\(upper)")
                XCTAssertEqual(made, decoded)
                XCTAssertEqual(made.hashValue, decoded.hashValue)
            }
        }
    }
}

/// A small deterministic generator so that fuzz failures reproduce.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
