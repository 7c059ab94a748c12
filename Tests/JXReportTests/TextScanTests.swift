import Foundation
import JXModel
@testable import JXReport
@testable import JXRules
import XCTest

/// The reporters' byte scans answer as the rules' `PlainText` and as Foundation do.
final class TextScanTests: XCTestCase {
    /// Corpus cells, pieces of them, and texts that are not plain: decomposed accents, CR LF, a combining
    /// kana mark, a tone mark, a half-width form, emoji, a compatibility ideograph.
    static let texts: [String] = {
        var out = ["", "a", "a\r\nb", "e\u{301}", "か\u{3099}", "〇\u{302A}", "ｶﾞ", "😀", "\u{F91C}", "é", "e", "\u{301}",
                   "error:value-missing warning:basis-invalid", "warning:x", "error:"]
        if let documents = try? CorpusFixture.documents() {
            for document in documents {
                for table in document.tables {
                    out += [table.title.raw, table.goal.raw]
                    for row in table.rows { out += [row.name.raw, row.value.raw, row.basis.raw, row.description.raw] }
                }
            }
        }
        return Array(Set(out)).sorted()
    }()

    func testPlainnessIsTheRulesPlainness() {
        XCTAssertGreaterThan(Self.texts.count, 1000)
        for text in Self.texts { XCTAssertEqual(TextScan.isPlain(text), PlainText.isPlain(text), text.debugDescription) }
    }

    /// Every text against words taken from the texts (their starts, middles and ends) and the awkward ones.
    func testContainsAnswersAsFoundation() {
        var words = ["", "e", "\u{301}", "é", "error:", "warning:", "a", "\r", "\n", "率", "≥", "%"]
        for text in Self.texts.prefix(400) where text.count >= 2 {
            words += [String(text.prefix(2)), String(text.suffix(2)), String(text.dropFirst(text.count / 2).prefix(3))]
        }
        var found = 0
        for text in Self.texts.prefix(600) {
            for word in words {
                let expected = text.contains(word)
                XCTAssertEqual(TextScan.contains(text, word), expected, "\(text.debugDescription) ∋ \(word.debugDescription)")
                if expected { found += 1 }
            }
        }
        XCTAssertGreaterThan(found, 1000)
    }
}
