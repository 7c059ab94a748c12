import XCTest
@testable import JXParse

/// The byte answers of `ByteSearch` must be the character answers they stand in for.
final class ByteSearchTests: XCTestCase {
    func testHasSuffixWordMatchesCharacterSuffix() {
        let words = ["绩效目标表", "绩效目标表**", "年"]
        let texts = ["1、党群工作部安可设备计划资金绩效目标表", "绩效目标表", "表", "", "项目（二期）绩效目标表",
                     "## 3、某项目绩效目标表**", "x绩效目标表 ", "\u{0600}绩效目标表",   // a prepend mark joins 绩
                     "e\u{301}绩效目标表", "2023\u{F98E}", "2023年", "\u{F98E}绩效目标表", "绩效目标表\u{301}"]
        for text in texts {
            for word in words {
                XCTAssertEqual(text.hasSuffix(word: word), text.hasSuffix(word),
                               "\(text.debugDescription) ends with \(word.debugDescription)")
                XCTAssertEqual(Substring(text).hasSuffix(word: word), text.hasSuffix(word))
            }
        }
    }

    /// The byte tests in front of `LineKinds`' character comparisons must not change their answers, also for
    /// characters that Swift compares equal to a mark ("\u{037E}" equals ";") or that join one ("#\u{301}").
    func testLineKindsByteGuardsMatchCharacters() {
        XCTAssertTrue(LineKinds.isSectionHeading("六、政府采购预算情况"))
        for mark in ["。", "；", ";", "，", ",", "\u{037E}"] {
            XCTAssertFalse(LineKinds.isSectionHeading("六、政府采购预算情况" + mark), mark)
        }
        XCTAssertTrue(LineKinds.isSectionHeading("## 六、政府采购预算情况"))
        XCTAssertFalse(LineKinds.isSectionHeading("#\u{301}六、政府采购预算情况"))
        XCTAssertEqual(LineKinds.title("## 3、某项目绩效目标表**")?.project, "某项目")
        XCTAssertEqual(LineKinds.title("3、某项目绩效目标表（单位：万元）")?.text, "3、某项目绩效目标表（单位：万元）")
        XCTAssertEqual(LineKinds.title("3、某项目绩效目标表（单位：万元）")?.project, "某项目")
        XCTAssertEqual(LineKinds.title("#\u{301}3、某项目绩效目标表")?.project, "#\u{301}3、某项目")
    }
}
