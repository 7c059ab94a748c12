import Foundation
import JXModel

/// Why a rule pack could not be loaded: the file and the reason, for a message the user can act on.
public struct RuleLoadError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The file (or folder) at fault.
    public var file: String
    /// What is wrong with it, with the JSON path where it helps ("examples.passing[2].row").
    public var reason: String

    public init(file: String, reason: String) {
        self.file = file
        self.reason = reason
    }

    public var description: String { "\(file): \(reason)" }
}

/// A JSON object read with `JSONValueParser`, with accessors that throw a `RuleLoadError` naming the
/// file and the key path. Rule files are hand-written by bureaus, so every mistake must point somewhere.
struct JSONObject {
    let dict: [String: Any]
    let file: String
    let path: String

    init(_ dict: [String: Any], file: String, path: String = "") {
        self.dict = dict
        self.file = file
        self.path = path
    }

    /// Parses `data` as a JSON object.
    static func parse(_ data: Data, file: String) throws -> JSONObject {
        let any: Any
        do {
            any = try JSONValueParser.parse([UInt8](data))
        } catch {
            throw RuleLoadError(file: file, reason: "not valid JSON (\(error))")
        }
        guard let dict = any as? [String: Any] else {
            throw RuleLoadError(file: file, reason: "the top level must be a JSON object")
        }
        return JSONObject(dict, file: file)
    }

    func keyPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func fail(_ key: String, _ reason: String) -> RuleLoadError {
        RuleLoadError(file: file, reason: "\(keyPath(key)): \(reason)")
    }

    func has(_ key: String) -> Bool { dict[key] != nil && !(dict[key] is JSONNull) }

    func string(_ key: String) throws -> String? {
        guard let v = dict[key], !(v is JSONNull) else { return nil }
        guard let s = v as? String else { throw fail(key, "expected a string") }
        return s
    }

    func requireString(_ key: String) throws -> String {
        guard let s = try string(key) else { throw fail(key, "missing") }
        return s
    }

    func object(_ key: String) throws -> JSONObject? {
        guard let v = dict[key], !(v is JSONNull) else { return nil }
        guard let d = v as? [String: Any] else { throw fail(key, "expected an object") }
        return JSONObject(d, file: file, path: keyPath(key))
    }

    func requireObject(_ key: String) throws -> JSONObject {
        guard let o = try object(key) else { throw fail(key, "missing") }
        return o
    }

    func array(_ key: String) throws -> [Any]? {
        guard let v = dict[key], !(v is JSONNull) else { return nil }
        guard let a = v as? [Any] else { throw fail(key, "expected an array") }
        return a
    }

    func objects(_ key: String) throws -> [JSONObject] {
        guard let a = try array(key) else { return [] }
        return try a.enumerated().map { i, v in
            guard let d = v as? [String: Any] else { throw fail("\(key)[\(i)]", "expected an object") }
            return JSONObject(d, file: file, path: keyPath("\(key)[\(i)]"))
        }
    }

    func strings(_ key: String) throws -> [String]? {
        guard let a = try array(key) else { return nil }
        return try a.enumerated().map { i, v in
            guard let s = v as? String else { throw fail("\(key)[\(i)]", "expected a string") }
            return s
        }
    }

    func int(_ key: String) throws -> Int? {
        guard let v = dict[key], !(v is JSONNull) else { return nil }
        guard let n = JSONValue.number(v) else { throw fail(key, "expected a number") }
        // Int(Double) traps on 1e30 or NaN: a rule pack is user input, so say what is wrong instead.
        guard let i = Int(exactly: n.rounded()), n == n.rounded(), abs(i) <= 1_000_000_000 else {
            throw fail(key, "expected a whole number")
        }
        return i
    }

    /// A `{"zh": …, "en": …}` pair; both languages are required so that `--lang en` never shows a gap.
    func localized(_ key: String) throws -> LocalizedText? {
        guard let o = try object(key) else { return nil }
        return LocalizedText(zh: try o.requireString("zh"), en: try o.requireString("en"))
    }

    func requireLocalized(_ key: String) throws -> LocalizedText {
        guard let l = try localized(key) else { throw fail(key, "missing (needs \"zh\" and \"en\")") }
        return l
    }
}

/// Telling JSON numbers from booleans among `JSONValueParser`'s values: numbers are Doubles, booleans
/// Bools (not NSNumbers, of which on Linux a 0 or 1 also answered `is Bool`).
enum JSONValue {
    static func isBool(_ v: Any) -> Bool { type(of: v) == Bool.self }

    static func number(_ v: Any) -> Double? { v as? Double }
}
