import Foundation
@testable import JXRules
import XCTest

/// The rule files' JSON reader gives what JSONSerialization gives (null aside: `JSONNull`), and refuses
/// what it refuses, with the place named.
final class JSONValueParserTests: XCTestCase {
    /// The same value, compared through plain Swift shapes (numbers as Doubles, null as one marker).
    private func same(_ a: Any, _ b: Any, _ path: String = "$") -> String? {
        switch (a, b) {
        case (let x as [String: Any], let y as [String: Any]):
            guard Set(x.keys) == Set(y.keys) else { return "\(path): keys \(x.keys.sorted()) vs \(y.keys.sorted())" }
            for k in x.keys.sorted() { if let d = same(x[k]!, y[k]!, "\(path).\(k)") { return d } }
            return nil
        case (let x as [Any], let y as [Any]):
            guard x.count == y.count else { return "\(path): \(x.count) vs \(y.count) elements" }
            for i in x.indices { if let d = same(x[i], y[i], "\(path)[\(i)]") { return d } }
            return nil
        case (is JSONNull, is NSNull): return nil
        case (let x as String, let y as String): return x == y ? nil : "\(path): \(x.debugDescription) vs \(y.debugDescription)"
        default:
            // `a` is ours (Bool or Double), `b` JSONSerialization's (an NSNumber, a boolean one of its own class).
            let bIsBool = String(describing: type(of: b)).contains("Boolean") || type(of: b) == Bool.self
            if JSONValue.isBool(a) || bIsBool {
                return (JSONValue.isBool(a) && bIsBool && (a as? Bool) == (b as? Bool)) ? nil : "\(path): \(a) vs \(b)"
            }
            guard let x = JSONValue.number(a), let y = (b as? NSNumber)?.doubleValue else { return "\(path): \(a) vs \(b)" }
            return x == y ? nil : "\(path): \(x) vs \(y)"
        }
    }

    func testEveryRuleFileReadsAsJSONSerializationReadsIt() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Rules")
        let files = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".json") } ?? []
        XCTAssertGreaterThan(files.count, 40)
        for file in files {
            let data = try Data(contentsOf: root.appendingPathComponent(file))
            let ours = try JSONValueParser.parse([UInt8](data))
            let theirs = try JSONSerialization.jsonObject(with: data)
            XCTAssertNil(same(ours, theirs), file)
        }
    }

    func testEscapesNumbersAndLiterals() throws {
        let text = #"{"s": "a\"b\\c\/d\b\f\n\r\t\u00e9\u4E2D\ud83d\ude00", "n": [0, -1, 2.5, 1e3, -0.25E-2, 12345678901234],"#
            + #" "t": true, "f": false, "z": null, "e": {}, "a": [], "中文": "≥95%", "dup": 1, "dup": 2}"#
        let data = Data(text.utf8)
        XCTAssertNil(same(try JSONValueParser.parse([UInt8](data)), try JSONSerialization.jsonObject(with: data)))
        let parsed = try JSONValueParser.parse([UInt8](data)) as? [String: Any]
        XCTAssertEqual(parsed?["s"] as? String, "a\"b\\c/d\u{08}\u{0C}\n\r\té中😀")
        XCTAssertTrue(parsed?["z"] is JSONNull)
        XCTAssertEqual(JSONValue.number(parsed?["dup"] ?? 0), 2)
        XCTAssertTrue(JSONValue.isBool(parsed?["t"] ?? 0))
        XCTAssertNil(JSONValue.number(parsed?["t"] ?? 0))
        // A comma before a closing bracket passes, as JSONSerialization lets it.
        let trailing = Data(#"{"a": [1, 2,], "b": {"c": 1,},}"#.utf8)
        XCTAssertNil(same(try JSONValueParser.parse([UInt8](trailing)), try JSONSerialization.jsonObject(with: trailing)))
        // A byte order mark before the text is read past.
        XCTAssertNotNil(try JSONValueParser.parse([0xEF, 0xBB, 0xBF] + Array("[1]".utf8)) as? [Any])
    }

    func testBadTextIsRefusedWithItsPlace() {
        let bad: [(String, String)] = [
            ("{ \"id\": ", "unexpected end of text"), ("{\"a\" 1}", "expected \":\""), ("[1 2]", "expected \",\" or \"]\""), ("{\"a\":1,,}", "expected a key"), ("\"a\u{01}\"", "control character"),
            ("\"\\x\"", "unknown escape"), ("\"\\ud83d\"", "unpaired surrogate"), ("\"\\u12zz\"", "bad \\u escape"),
            ("01", "unexpected text after the value"), ("-", "bad number"), ("1.", "bad number"), ("1e", "bad number"),
            ("tru", "unexpected end of text"), ("nul!", "unexpected character"), ("[1]\n  x", "line 2, column 3"),
            ("\"abc", "unterminated string"), ("", "unexpected end of text"),
            (String(repeating: "[", count: 500), "nested too deeply"),
        ]
        for (text, expected) in bad {
            XCTAssertThrowsError(try JSONValueParser.parse(Array(text.utf8)), text) { error in
                XCTAssertTrue("\(error)".contains(expected), "\(text.debugDescription): \(error)")
            }
            XCTAssertThrowsError(try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]), text)
        }
        // Not UTF-8 inside a string.
        XCTAssertThrowsError(try JSONValueParser.parse([0x22, 0xFF, 0x22]))
    }
}
