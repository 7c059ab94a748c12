import Foundation
import JXModel

/// The rules of a run: the built-in catalog from Rules/ plus any packs given with `--rules DIR`.
///
/// A folder holds JSON files of three sorts, told apart by their content (see Rules/README.md): rule files
/// (`"id"`, `"severity"`, …), lexicons (`"words"` or `"map"`) and predicate files (`"predicates"`). Folders
/// are read recursively in name order; lexicons and predicates of every folder are known to the rules of
/// every folder, so a pack can use the built-in lexicons.
public struct RuleSet: Sendable {
    /// The rules in id order.
    public let rules: [Rule]
    public let runtime: RuleRuntime

    /// Loads every rule, lexicon and predicate under `directories`. A bad file stops the load with an error
    /// naming the file and the reason.
    public static func load(directories: [URL]) throws -> RuleSet {
        var ruleFiles: [(JSONObject, URL)] = []
        var lexicons: [String: Lexicon] = [:]
        var predicates: [String: (json: Any, file: String)] = [:]
        for dir in directories {
            for url in try jsonFiles(under: dir) {
                let data: Data
                do { data = try Data(contentsOf: url) } catch {
                    throw RuleLoadError(file: url.path, reason: "cannot be read (\(error.localizedDescription))")
                }
                let json = try JSONObject.parse(data, file: url.path)
                if json.has("predicates") {
                    let defs = try json.requireObject("predicates")
                    for name in defs.dict.keys.sorted() {
                        if let old = predicates[name] {
                            throw RuleLoadError(file: url.path, reason: "predicate \"\(name)\" is already defined in \(old.file)")
                        }
                        predicates[name] = (defs.dict[name] as Any, url.path)
                    }
                } else if json.has("words") || json.has("map") {
                    let lex = try Lexicon.load(from: url)
                    if let old = lexicons[lex.id] {
                        // A pack may extend a built-in lexicon, but only when it says so: a silent clash
                        // would change what the built-in rules find.
                        guard json.dict["extend"] as? Bool == true else {
                            throw RuleLoadError(file: url.path, reason: "lexicon \"\(lex.id)\" is already defined in \(old.file) (add \"extend\": true to add words to it)")
                        }
                        var map = old.map
                        for (k, v) in lex.map { map[k, default: []] += v }
                        lexicons[lex.id] = Lexicon(id: old.id, description: old.description, words: old.words + lex.words,
                                                   map: map, file: old.file)
                    } else {
                        lexicons[lex.id] = lex
                    }
                } else {
                    ruleFiles.append((json, url))
                }
            }
        }
        var rules: [String: Rule] = [:]
        for (json, url) in ruleFiles {
            let rule = try parseRule(json, lexicons: lexicons, predicates: predicates)
            if let old = rules[rule.metadata.id] {
                throw RuleLoadError(file: url.path, reason: "rule \"\(rule.metadata.id)\" is already defined in \(old.metadata.file)")
            }
            rules[rule.metadata.id] = rule
        }
        return RuleSet(rules: rules.keys.sorted().compactMap { rules[$0] }, runtime: RuleRuntime(lexicons: lexicons))
    }

    /// The built-in catalog plus `extra` packs.
    public static func loadDefault(extra: [URL] = []) throws -> RuleSet {
        guard let dir = defaultDirectory() else {
            throw RuleLoadError(file: "Rules", reason: "the built-in rule folder was not found (set JXLINT_RULES to its path)")
        }
        return try load(directories: [dir] + extra)
    }

    /// Where the built-in Rules/ folder is: `$JXLINT_RULES`, then `Rules` or `share/jxlint/Rules` next to or
    /// above the executable, then the source tree this file was built from (tests, `swift run`).
    public static func defaultDirectory() -> URL? {
        let fm = FileManager.default
        func ok(_ url: URL) -> Bool {
            var isDir: ObjCBool = false
            return fm.fileExists(atPath: url.appendingPathComponent("rules").path, isDirectory: &isDir) && isDir.boolValue
        }
        if let env = ProcessInfo.processInfo.environment["JXLINT_RULES"], !env.isEmpty {
            let url = URL(fileURLWithPath: env)
            if ok(url) { return url }
        }
        if let exe = CommandLine.arguments.first {
            var dir = URL(fileURLWithPath: exe).resolvingSymlinksInPath().deletingLastPathComponent()
            for _ in 0..<4 {
                for candidate in [dir.appendingPathComponent("Rules"),
                                  dir.appendingPathComponent("share/jxlint/Rules")] where ok(candidate) {
                    return candidate
                }
                dir = dir.deletingLastPathComponent()
            }
        }
        // Sources/JXRules/Loading/RuleSet.swift → the package root.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let src = root.appendingPathComponent("Rules")
        return ok(src) ? src : nil
    }

    /// The rule with this id.
    public func rule(_ id: String) -> Rule? { rules.first { $0.metadata.id == id } }

    /// This rule set with a configuration's additions: extra words for named lexicons (a bureau's own vague
    /// words) and rule thresholds. Unknown lexicon ids, rule ids or threshold names are errors naming them.
    public func configured(extraWords: [String: [String]], thresholds: [String: [String: Double]]) throws -> RuleSet {
        var runtime = self.runtime
        for (id, words) in extraWords.sorted(by: { $0.key < $1.key }) {
            guard let old = runtime.lexicons[id] else {
                throw RuleLoadError(file: "lexicons", reason: "unknown lexicon \"\(id)\" (known: \(runtime.lexicons.keys.sorted().joined(separator: ", ")))")
            }
            runtime.lexicons[id] = Lexicon(id: old.id, description: old.description, words: old.words + words,
                                           map: old.map, file: old.file)
        }
        for (rule, values) in thresholds {
            guard let known = RuleRuntime.knownThresholds[rule] else {
                throw RuleLoadError(file: "thresholds", reason: "rule \"\(rule)\" has no thresholds (rules with thresholds: \(RuleRuntime.knownThresholds.keys.sorted().joined(separator: ", ")))")
            }
            for name in values.keys where known[name] == nil {
                throw RuleLoadError(file: "thresholds", reason: "\(rule) has no threshold \"\(name)\" (it has: \(known.keys.sorted().joined(separator: ", ")))")
            }
        }
        runtime.thresholds = thresholds
        return RuleSet(rules: rules, runtime: runtime)
    }

    /// What reporters need to know about every rule.
    public var descriptions: [RuleDescription] { rules.map(\.metadata.ruleDescription) }

    private static func jsonFiles(under dir: URL) throws -> [URL] {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: dir.path, isDirectory: &isDir), isDir.boolValue else {
            throw RuleLoadError(file: dir.path, reason: "not a folder")
        }
        guard let walker = fm.enumerator(at: dir, includingPropertiesForKeys: nil) else {
            throw RuleLoadError(file: dir.path, reason: "cannot be listed")
        }
        var out: [URL] = []
        for case let url as URL in walker where url.pathExtension.lowercased() == "json" {
            out.append(url)
        }
        return out.sorted { $0.path < $1.path }
    }

    static func parseRule(_ json: JSONObject, lexicons: [String: Lexicon],
                          predicates: [String: (json: Any, file: String)]) throws -> Rule {
        let file = json.file
        let id = try json.requireString("id")
        guard id.range(of: "^[a-z0-9]+(-[a-z0-9]+)*$", options: .regularExpression) != nil else {
            throw RuleLoadError(file: file, reason: "id \"\(id)\" is not kebab-case")
        }
        func severity(_ o: JSONObject, _ key: String) throws -> Severity? {
            guard let s = try o.string(key) else { return nil }
            guard let sev = Severity(rawValue: s) else { throw o.fail(key, "\"\(s)\" is not error, warning or info") }
            return sev
        }
        guard let sev = try severity(json, "severity") else { throw json.fail("severity", "missing") }
        let scopeName = try json.requireString("scope")
        guard let scope = RuleScope(rawValue: scopeName) else {
            throw json.fail("scope", "\"\(scopeName)\" is not row, table, document or corpus")
        }
        let principleName = try json.requireString("principle")
        guard let principle = Principle(rawValue: principleName) else {
            throw json.fail("principle", "\"\(principleName)\" is not one of 指向明确, 细化量化, 合理可行, 相应匹配")
        }
        var variants: [String: RuleVariant] = [:]
        if let v = try json.object("variants") {
            for key in v.dict.keys.sorted() {
                let o = try v.requireObject(key)
                variants[key] = RuleVariant(severity: try severity(o, "severity"), message: try o.localized("message"),
                                            hint: try o.localized("hint"))
            }
        }
        var appliesTo: Set<GoalTableKind> = [.project]
        if let kinds = try json.strings("appliesTo") {
            appliesTo = Set(try kinds.map { k in
                guard let kind = GoalTableKind(rawValue: k) else { throw json.fail("appliesTo", "unknown table kind \"\(k)\"") }
                return kind
            })
        }
        let examples = try json.requireObject("examples")
        let triggering = try examples.objects("triggering").map(RuleExample.parse)
        let passing = try examples.objects("passing").map(RuleExample.parse)
        guard !triggering.isEmpty, !passing.isEmpty else {
            throw json.fail("examples", "needs at least one \"triggering\" and one \"passing\" example")
        }
        let isData = json.has("when") || json.has("cases")
        let meta = RuleMetadata(
            id: id, defaultSeverity: sev, category: try json.requireString("category"), scope: scope,
            principle: principle, title: try json.requireLocalized("title"), message: try json.requireLocalized("message"),
            hint: try json.requireLocalized("hint"), rationale: try json.requireLocalized("rationale"),
            variants: variants, appliesTo: appliesTo, triggering: triggering, passing: passing, file: file, isData: isData)

        let runtime = RuleRuntime(lexicons: lexicons)
        if !isData {
            guard let make = BuiltinRules.registry[id] else {
                throw RuleLoadError(file: file, reason: "rule \"\(id)\" has no \"when\"/\"cases\" and there is no built-in rule of that id")
            }
            let impl = try make(meta, runtime)
            let implScope: RuleScope
            switch impl {
            case .table: implScope = scope == .row ? .row : .table
            case .document: implScope = .document
            case .corpus: implScope = .corpus
            }
            guard implScope == scope else {
                throw json.fail("scope", "the built-in rule \"\(id)\" works at \(implScope.rawValue) scope, not \(scope.rawValue)")
            }
            return Rule(metadata: meta, implementation: impl)
        }
        guard scope == .row || scope == .table else {
            throw json.fail("scope", "a rule written as a condition works at row or table scope")
        }
        let parser = ConditionParser(lexicons: lexicons, predicates: predicates, file: file)
        var cases: [(condition: Condition, variant: String?)] = []
        if let when = json.dict["when"] {
            cases.append((try parser.parse(when, path: "when"), nil))
        }
        for (i, c) in try json.objects("cases").enumerated() {
            guard let when = c.dict["when"] else { throw c.fail("when", "missing") }
            let variant = try c.string("variant")
            if let variant, variants[variant] == nil {
                throw c.fail("variant", "no variant \"\(variant)\" in \"variants\"")
            }
            cases.append((try parser.parse(when, path: "cases[\(i)].when"), variant))
        }
        let unless = try json.dict["unless"].map { try parser.parse($0, path: "unless") }
        if scope == .table, cases.contains(where: { $0.condition.readsRow }) || unless?.readsRow == true {
            throw RuleLoadError(file: file, reason: "a table-scope rule reads a row field; use scope \"row\" or table fields only")
        }
        let evidenceName = try json.string("evidence") ?? (scope == .table ? "table.goal" : "value.raw")
        guard let evidence = Field.parse(evidenceName) else {
            throw json.fail("evidence", "unknown field \"\(evidenceName)\"")
        }
        return Rule(metadata: meta, implementation: .table(ConditionRule(scope: scope, cases: cases, unless: unless, evidence: evidence)))
    }
}
