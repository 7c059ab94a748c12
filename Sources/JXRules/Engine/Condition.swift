import JXModel
import Foundation

/// A test over a row (or a table) written in a rule file. See Rules/README.md for the language.
indirect enum Condition: @unchecked Sendable {
    case all([Condition])
    case any([Condition])
    case not(Condition)
    case test(Field, Test)
    case always
    /// A named predicate (`{"predicate": "bounded-rate"}`), numbered at load: many rules ask the same
    /// predicate of a row, so a context answers it once.
    case predicate(Int, Condition)

    /// One operator applied to one field.
    enum Test {
        case equals(String)
        case equalsNumber(Double)
        case inList(Lexicon)
        /// A regular expression, with what every match of it contains when that is known.
        case matches(NSRegularExpression, RegexPrefilter?)
        case containsAny(Lexicon)
        case containsNone(Lexicon)
        case startsWithAny(Lexicon)
        case endsWithAny(Lexicon)
        case equalsField(Field)
        case containsField(Field)
        /// Every character of the field occurs in the other field (a goal that only restates the title).
        case charsWithin(Field)
        case gt(Double), ge(Double), lt(Double), le(Double)
        case isEmpty(Bool)
    }

    /// Text compared for "is a copy of": spaces and trailing full stops do not make two cells different.
    static func loose(_ s: String) -> String {
        // One look at the bytes answers both questions for most cells (no space, no final 。 or .), which
        // then come back unchanged; contexts take the loose form of every row field.
        let (hasSpace, lastByte) = s.withUTF8Bytes { u in (PlainText.containsSpace(u), u.last) }
        var t = hasSpace ? s.removingSpaces() : s
        // "。" ends in the byte 0x82, "." is 0x2E: most cells end in neither and need no character walk.
        guard let end = hasSpace ? t.utf8.last : lastByte, end == 0x82 || end == 0x2E else { return t }
        while let last = t.last, last == "。" || last == "." { t.removeLast() }
        return t
    }

    /// `loose(s)` and `PlainText.isPlain(s)` from one look at the bytes: a context derives both for most
    /// fields of every row.
    static func looseAndPlain(_ s: String) -> (loose: String, plain: Bool) {
        let (plain, hasSpace, lastByte) = s.withUTF8Bytes { u in
            (PlainText.isPlain(utf8: u), PlainText.containsSpace(u), u.last)
        }
        guard hasSpace || lastByte == 0x82 || lastByte == 0x2E else { return (s, plain) }
        return (loose(s), plain)
    }

    /// Whether any test reads a row field (a table-scope rule must not).
    var readsRow: Bool {
        switch self {
        case .always: return false
        case .all(let l), .any(let l): return l.contains { $0.readsRow }
        case .not(let c), .predicate(_, let c): return c.readsRow
        case .test(let f, let t):
            if f.needsRow { return true }
            switch t {
            case .equalsField(let o), .containsField(let o), .charsWithin(let o): return o.needsRow
            default: return false
            }
        }
    }
}

/// Turns the JSON of a condition into a `Condition`, resolving lexicon names and named predicates.
struct ConditionParser {
    let lexicons: [String: Lexicon]
    /// Named conditions (`{"predicate": "bounded-rate"}`), as raw JSON, with the file that defined each.
    let predicates: [String: (json: Any, file: String)]
    let file: String

    private static let operators: Set<String> = [
        "equals", "in", "matches", "containsAny", "containsNone", "startsWithAny", "endsWithAny",
        "equalsField", "containsField", "charsWithin", "gt", "ge", "lt", "le", "isEmpty", "contains",
    ]

    func parse(_ json: Any, path: String, resolving: [String] = []) throws -> Condition {
        guard let dict = json as? [String: Any] else {
            throw RuleLoadError(file: file, reason: "\(path): a condition must be a JSON object")
        }
        if let list = dict["all"] ?? dict["any"] {
            guard dict.count == 1, let items = list as? [Any] else {
                throw RuleLoadError(file: file, reason: "\(path): \"all\"/\"any\" takes an array and nothing else")
            }
            let parsed = try items.enumerated().map { i, c in
                try parse(c, path: "\(path).\(dict["all"] != nil ? "all" : "any")[\(i)]", resolving: resolving)
            }
            return dict["all"] != nil ? .all(parsed) : .any(parsed)
        }
        if let inner = dict["not"] {
            guard dict.count == 1 else {
                throw RuleLoadError(file: file, reason: "\(path): \"not\" takes one condition and nothing else")
            }
            return .not(try parse(inner, path: "\(path).not", resolving: resolving))
        }
        if let name = dict["predicate"] {
            guard dict.count == 1, let name = name as? String else {
                throw RuleLoadError(file: file, reason: "\(path): \"predicate\" takes a name and nothing else")
            }
            guard let def = predicates[name] else {
                throw RuleLoadError(file: file, reason: "\(path): unknown predicate \"\(name)\"")
            }
            if resolving.contains(name) {
                throw RuleLoadError(file: def.file, reason: "predicate \"\(name)\" refers to itself")
            }
            let inner = ConditionParser(lexicons: lexicons, predicates: predicates, file: def.file)
            let body = try inner.parse(def.json, path: "predicates.\(name)", resolving: resolving + [name])
            // Numbered by name order: every rule of a set is parsed with the same predicates.
            let id = predicates.keys.sorted().firstIndex(of: name) ?? 0
            return .predicate(id, body)
        }
        guard let fieldName = dict["field"] as? String else {
            throw RuleLoadError(file: file, reason: "\(path): expected \"all\", \"any\", \"not\", \"predicate\" or \"field\"")
        }
        guard let field = Field.parse(fieldName) else {
            throw RuleLoadError(file: file, reason: "\(path): unknown field \"\(fieldName)\"")
        }
        let ops = dict.keys.filter { $0 != "field" }
        guard ops.count == 1, let op = ops.first else {
            throw RuleLoadError(file: file, reason: "\(path): a test needs exactly one operator besides \"field\" (found \(ops.sorted()))")
        }
        guard ConditionParser.operators.contains(op), let operand = dict[op] else {
            throw RuleLoadError(file: file, reason: "\(path): unknown operator \"\(op)\"")
        }
        return .test(field, try test(op, operand, field: field, path: "\(path).\(op)"))
    }

    private func test(_ op: String, _ operand: Any, field: Field, path: String) throws -> Condition.Test {
        switch op {
        case "equals":
            if let n = JSONValue.number(operand) { return .equalsNumber(n) }
            guard let s = operand as? String else { throw bad(path, "expects a string or a number") }
            return .equals(s)
        case "in": return .inList(try words(operand, path: path))
        case "contains", "containsAny": return .containsAny(try words(operand, path: path))
        case "containsNone": return .containsNone(try words(operand, path: path))
        case "startsWithAny": return .startsWithAny(try words(operand, path: path))
        case "endsWithAny": return .endsWithAny(try words(operand, path: path))
        case "matches":
            guard let s = operand as? String else { throw bad(path, "expects a regular expression string") }
            do {
                return .matches(try NSRegularExpression(pattern: s, options: []), RegexPrefilter.of(pattern: s))
            } catch {
                throw bad(path, "invalid regular expression \(s.debugDescription)")
            }
        case "equalsField", "containsField", "charsWithin":
            guard let s = operand as? String, let other = Field.parse(s) else {
                throw bad(path, "expects a field name")
            }
            switch op {
            case "equalsField": return .equalsField(other)
            case "containsField": return .containsField(other)
            default: return .charsWithin(other)
            }
        case "gt", "ge", "lt", "le":
            guard let d = JSONValue.number(operand) else { throw bad(path, "expects a number") }
            guard field.isNumeric || field == .valueNumber else {
                throw bad(path, "compares numbers, but the field is text")
            }
            switch op {
            case "gt": return .gt(d)
            case "ge": return .ge(d)
            case "lt": return .lt(d)
            default: return .le(d)
            }
        case "isEmpty":
            guard JSONValue.isBool(operand), let b = operand as? Bool else { throw bad(path, "expects true or false") }
            return .isEmpty(b)
        default:
            throw bad(path, "unknown operator")
        }
    }

    /// A list operand: an inline array of words, or the name of a lexicon.
    private func words(_ operand: Any, path: String) throws -> Lexicon {
        if let name = operand as? String {
            guard let lex = lexicons[name] else { throw bad(path, "unknown lexicon \"\(name)\"") }
            return lex
        }
        guard let list = operand as? [Any] else { throw bad(path, "expects a lexicon name or an array of words") }
        let strings = try list.map { item -> String in
            guard let s = item as? String, !s.isEmpty else { throw bad(path, "words must be non-empty strings") }
            return s
        }
        return Lexicon(id: "inline", description: "", words: strings, map: [:], file: file)
    }

    private func bad(_ path: String, _ reason: String) -> RuleLoadError {
        RuleLoadError(file: file, reason: "\(path): \(reason)")
    }
}
