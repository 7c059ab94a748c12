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
}
