import XCTest
@testable import JXParse

/// The scalar-level answers of `LineKinds` must be the character-level answers they stand in for.
final class LineKindsScalarTests: XCTestCase {
    /// Edge cases: every heading form, marks that only look alike, scalars that join or equal others.
    static let edgeCases = [
        "六、政府采购预算情况", "## 六、政府采购预算情况", "**（一）总体绩效目标**", "(二)年度目标", "（一)", "（一", "（）",
        "第二部分  部门所属单位预算", "第2部分  专项资金绩效目标", "第十二部分", "第部分", "第二部", "第二章",
        "十、", "十", "、", "一是加强", "六、" + String(repeating: "字", count: 38), "六、" + String(repeating: "字", count: 39),
        "六、政府采购预算情况。", "六、政府采购预算情况；", "六、政府采购预算情况;", "六、政府采购预算情况，",
        "六、政府采购预算情况,", "六、政府采购预算情况\u{037E}", "六、政府\r采购", "\u{F9D1}、预算", "六\u{301}、预算",
        "六、预算\u{301}", "#\u{301}六、政府采购预算情况", "（一\u{302A}）", "第二\u{FE0F}部分", "六\u{3001}预算",
        "# ", "#", " 六、预算", "（一）\u{FF5E}", "（一）\u{FF5F}", "（一）\u{3029}", "第２部分", "六、 ",
    ]

    func testSectionHeadingScalarsMatchCharacters() throws {
        let texts = Self.edgeCases + (try CorpusFiles.linesAndNormalisedLines())
        var decided = 0, headings = 0
        for text in texts {
            let expected = LineKinds.isSectionHeadingByCharacters(text)
            XCTAssertEqual(LineKinds.isSectionHeading(text), expected, text.debugDescription)
            if let fast = LineKinds.sectionHeadingFromScalars(text), !text.isEmpty {
                decided += 1
                // Only asked after the first-scalar gate; past it, the answer must be the characters' one.
                if text.unicodeScalars.first(where: { $0 != "#" && $0 != "*" && $0 != " " }).map({
                    "第（(一二三四五六七八九十".unicodeScalars.contains($0) }) == true {
                    XCTAssertEqual(fast, expected, text.debugDescription)
                }
                if fast { headings += 1 }
            }
        }
        // The scalar path must answer for most lines, and find headings in the corpus.
        XCTAssertGreaterThan(decided, texts.count / 2)
        XCTAssertGreaterThan(headings, 10)
    }

    func testSingleCharacterScalars() {
        for (text, expected) in [("六、预算（一）ab", true), ("a\r\nb", false), ("e\u{301}", false), ("\u{F9D1}", false),
                                 ("\u{302A}", false), ("\u{3029}", true), ("\u{FF01}\u{FF5E}", true), ("\u{FF00}", false),
                                 ("\u{FF5F}", false), ("\u{3fff}", false), ("\u{A000}", false), ("😀", false), ("", true)] {
            XCTAssertEqual(text.withUTF8Bytes(ByteSearch.isSingleCharacterScalars), expected, text.debugDescription)
        }
    }
}

extension LineKindsScalarTests {
    /// The scalar values `singleCharacterScalar` decodes are the text's own.
    func testSingleCharacterScalarValues() {
        let text = "第2部分（一）、，,;。\u{FF5E}\u{3000}"
        let values = text.withUTF8Bytes { bytes -> [UInt32] in
            var offset = 0, values: [UInt32] = []
            while let (value, length) = ByteSearch.singleCharacterScalar(bytes, at: offset) {
                values.append(value)
                offset += length
            }
            return values
        }
        XCTAssertEqual(values, text.unicodeScalars.map(\.value))
    }
}

extension LineKindsScalarTests {
    static let titleEdgeCases = [
        "1、党群工作部安可设备计划资金绩效目标表", "438、某项目绩效目标表", "## 3、某项目绩效目标表**", "**1、某项目绩效目标表**",
        "3、某项目绩效目标表（单位：万元）", "3、某项目绩效目标表 (单位:万元)", "3、某项目（二期）绩效目标表", "3、某项目（二期）",
        "3、某项目绩效目标表（一）（二）", "某项目绩效目标申报表", "12 . 某项目绩效目标表", "12．某项目绩效目标表",
        "12某项目绩效目标表", "12、绩效目标表", "绩效目标表", "1、", "1、某项目绩效目标表。", "1、某项目，此处绩效目标表",
        "1、某项目绩效目标表 ", "###", "1、" + String(repeating: "字", count: 192) + "绩效目标表",
        "1、" + String(repeating: "字", count: 193) + "绩效目标表", "1、某项目 绩效目标表", "#\u{301}3、某项目绩效目标表",
        "3、某项目绩效目标表\u{301}", "\u{F9D1}、某项目绩效目标表", "3、某\r项目绩效目标表", "3、某项目绩效目标表（）",
        "3、某项目绩效目标表）", "(绩效目标表)", "1、某项目绩效目标表*", "1、某项目绩效目标表 * ", "１、某项目绩效目标表",
    ]

    func testTitleScalarsMatchCharacters() throws {
        let texts = Self.titleEdgeCases + (try CorpusFiles.linesAndNormalisedLines())
        func bytes(_ t: TableTitle?) -> [[UInt8]]? {
            t.map { [$0.printedNumber.map { Array($0.utf8) } ?? [0xFF], Array($0.text.utf8), Array($0.project.utf8)] }
        }
        var decided = 0, titles = 0
        for text in texts {
            let expected = bytes(LineKinds.titleByCharacters(text))
            XCTAssertEqual(bytes(LineKinds.title(text)), expected, text.debugDescription)
            if let fast = LineKinds.titleFromScalars(text) {
                decided += 1
                XCTAssertEqual(bytes(fast), expected, text.debugDescription)
                if fast != nil { titles += 1 }
            }
        }
        XCTAssertGreaterThan(decided, texts.count / 2)
        XCTAssertGreaterThan(titles, 20)
    }
}
