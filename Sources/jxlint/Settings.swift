import Foundation
import JXModel
import JXReport
import JXRules

/// The effective configuration of a run: the `.jxlint.json` file (found by walking up from the first input,
/// or `--config FILE`) overlaid by the command line. Every value remembers where it came from, for
/// `jxlint config --print`.
///
/// Keys of the file (all optional; anything else is an error naming the key and the file):
/// - `select`, `ignore`: rule ids;
/// - `severity`: `{ "rule-id": "error" | "warning" | "info" | "off" }`;
/// - `thresholds`: `{ "value-template-uniform": {"minShare": 0.75, "minRows": 5}, "duplicate-table": {…} }`;
/// - `scoring`: `{ "penalties": {"error": 12, "warning": 5, "info": 1}, "maxCountPerRule": 3,
///   "grades": {"excellent": 90, "good": 75, "fair": 60} }`;
/// - `lexicons`: `{ "vague-words": ["…"] }` — words added to a built-in lexicon;
/// - `rules`: rule-pack folders, relative to the file.
struct Settings {
    var ruleSet: RuleSet
    var engine: RuleEngine
    var policy: ScoringPolicy
    var color: Bool
    /// "key = value  (source)" lines for `config --print`.
    var provenance: [String]

    static let allowedKeys: Set<String> = ["select", "ignore", "severity", "thresholds", "scoring", "lexicons", "rules"]

    /// - Parameter messages: whether findings need their message and hint (`rank` keeps only counts, so it
    ///   asks for none and no finding's texts are rendered).
    static func resolve(_ options: Options, messages: Bool = true) throws -> Settings {
        var provenance: [String] = []
        let configURL = try configFile(options)
        var file = ConfigFile()
        if let url = configURL {
            file = try ConfigFile.load(url)
            provenance.append("config file: \(url.path)")
        } else {
            provenance.append("config file: none (no .jxlint.json above the inputs)")
        }
        let ruleDirs = file.rules.map { URL(fileURLWithPath: $0) } + options.ruleDirectories.map { URL(fileURLWithPath: $0) }
        var ruleSet: RuleSet
        do {
            ruleSet = try RuleSet.loadDefault(extra: ruleDirs)
            ruleSet = try ruleSet.configured(extraWords: file.lexicons, thresholds: file.thresholds)
        } catch let error as RuleLoadError {
            throw UsageError(message: "\(configURL.map { $0.path + ": " } ?? "")\(error)")
        }
        // "off" in the file is kept apart from "ignore": --ignore on the command line replaces the file's
        // ignore list but does not switch an "off" rule back on, and --select names rules explicitly, so
        // it wins over "off".
        var severity: [String: Severity] = [:]
        var off: Set<String> = []
        for (id, level) in file.severity {
            if level == "off" { off.insert(id) } else if let s = Severity(rawValue: level) { severity[id] = s }
        }
        var select = file.select.map(Set.init)
        if let s = options.select { select = Set(s); provenance.append("select = \(s.joined(separator: ","))  (--select)") }
        else if let s = file.select { provenance.append("select = \(s.joined(separator: ","))  (config file)") }
        else { provenance.append("select = all rules  (default)") }
        var ignore = Set(file.ignore)
        if let i = options.ignore { ignore = Set(i); provenance.append("ignore = \(i.joined(separator: ","))  (--ignore)") }
        else if !ignore.isEmpty { provenance.append("ignore = \(ignore.sorted().joined(separator: ","))  (config file)") }
        else { provenance.append("ignore = none  (default)") }
        let offNow = options.select.map { off.subtracting($0) } ?? off
        for id in offNow.sorted() { provenance.append("severity.\(id) = off  (config file)") }
        ignore.formUnion(offNow)
        for (id, s) in severity.sorted(by: { $0.key < $1.key }) { provenance.append("severity.\(id) = \(s.rawValue)  (config file)") }
        for (rule, values) in RuleRuntime.knownThresholds.sorted(by: { $0.key < $1.key }) {
            for (name, value) in values.sorted(by: { $0.key < $1.key }) {
                let configured = file.thresholds[rule]?[name]
                provenance.append("thresholds.\(rule).\(name) = \(configured ?? value)  (\(configured == nil ? "default" : "config file"))")
            }
        }
        for (id, words) in file.lexicons.sorted(by: { $0.key < $1.key }) {
            provenance.append("lexicons.\(id) += \(words.joined(separator: "、"))  (config file)")
        }
        for dir in ruleDirs { provenance.append("rules += \(dir.path)") }

        let engine = RuleEngine(rules: ruleSet, selection: RuleSelection(select: select, ignore: ignore, severity: severity),
                                languages: messages ? [options.language] : [])
        if !engine.unknownIDs.isEmpty {
            let source = configURL.map { "\($0.path): " } ?? ""
            throw UsageError(message: "\(source)unknown rule id(s): \(engine.unknownIDs.joined(separator: ", ")); see: jxlint rules")
        }
        var policy = file.scoring ?? .standard
        if let path = options.weights {
            do { policy = try ScoringPolicy.load(contentsOf: URL(fileURLWithPath: path)) } catch {
                throw UsageError(message: "\(path): not a valid scoring policy (\(error))")
            }
            provenance.append("scoring = \(path)  (--weights)")
        } else {
            provenance.append("scoring = \(file.scoring == nil ? "standard (error 12, warning 5, info 1; ≤3 per rule; 优≥90 良≥75 中≥60)  (default)" : "config file")")
        }
        let color = options.color ?? (Console.stdoutIsTerminal && options.output == nil
                                      && ProcessInfo.processInfo.environment["NO_COLOR"] == nil)
        return Settings(ruleSet: ruleSet, engine: engine, policy: policy, color: color, provenance: provenance)
    }

    /// `--config FILE`, else `.jxlint.json` in the first input's folder or the nearest folder above it.
    static func configFile(_ options: Options) throws -> URL? {
        if let path = options.configPath {
            guard FileManager.default.fileExists(atPath: path) else {
                throw UsageError(message: "\(path): config file not found")
            }
            return URL(fileURLWithPath: path)
        }
        let start = options.paths.first { $0 != "-" } ?? FileManager.default.currentDirectoryPath
        var dir = URL(fileURLWithPath: start).standardizedFileURL
        var isDir: ObjCBool = false
        if !(FileManager.default.fileExists(atPath: dir.path, isDirectory: &isDir) && isDir.boolValue) {
            dir = dir.deletingLastPathComponent()
        }
        for _ in 0..<64 {
            let candidate = dir.appendingPathComponent(".jxlint.json")
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { break }
            dir = parent
        }
        return nil
    }
}

/// The contents of a `.jxlint.json`, checked strictly: unknown keys, wrong types and unknown severities are
/// errors naming the file and the key.
struct ConfigFile {
    var select: [String]?
    var ignore: [String] = []
    var severity: [String: String] = [:]
    var thresholds: [String: [String: Double]] = [:]
    var scoring: ScoringPolicy?
    var lexicons: [String: [String]] = [:]
    var rules: [String] = []

    static func load(_ url: URL) throws -> ConfigFile {
        let path = url.path
        func fail(_ reason: String) -> UsageError { UsageError(message: "\(path): \(reason)") }
        guard let data = FileManager.default.contents(atPath: path) else { throw fail("config file cannot be read") }
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: data) } catch {
            throw fail("not valid JSON (\(error.localizedDescription))")
        }
        guard let dict = object as? [String: Any] else { throw fail("the top level must be a JSON object") }
        for key in dict.keys.sorted() where !Settings.allowedKeys.contains(key) {
            throw fail("unknown key \"\(key)\" (allowed: \(Settings.allowedKeys.sorted().joined(separator: ", ")))")
        }
        var file = ConfigFile()
        func strings(_ key: String) throws -> [String]? {
            guard let v = dict[key] else { return nil }
            guard let list = v as? [String] else { throw fail("\"\(key)\" must be a list of strings") }
            return list
        }
        file.select = try strings("select")
        file.ignore = try strings("ignore") ?? []
        if let v = dict["severity"] {
            guard let map = v as? [String: String] else { throw fail("\"severity\" must map rule ids to error|warning|info|off") }
            for (id, level) in map where !["error", "warning", "info", "off"].contains(level) {
                throw fail("severity.\(id): \"\(level)\" is not error, warning, info or off")
            }
            file.severity = map
        }
        if let v = dict["thresholds"] {
            guard let map = v as? [String: [String: Any]] else { throw fail("\"thresholds\" must map rule ids to {name: number}") }
            for (rule, values) in map {
                for (name, value) in values {
                    guard let n = value as? NSNumber, !(value is Bool) else { throw fail("thresholds.\(rule).\(name) must be a number") }
                    let x = n.doubleValue
                    // Shares are fractions of rows; row counts are small whole numbers (a rule turns them into Int).
                    if name == "minShare", !(x > 0 && x <= 1) {
                        throw fail("thresholds.\(rule).minShare must be a number in (0, 1], not \(x)")
                    }
                    if name == "minRows", !(x >= 1 && x <= 10_000 && x == x.rounded()) {
                        throw fail("thresholds.\(rule).minRows must be a whole number from 1 to 10000, not \(x)")
                    }
                    file.thresholds[rule, default: [:]][name] = x
                }
            }
        }
        if let v = dict["scoring"] {
            guard let map = v as? [String: Any] else { throw fail("\"scoring\" must be an object") }
            for key in map.keys.sorted() where !["penalties", "maxCountPerRule", "grades"].contains(key) {
                throw fail("unknown key \"scoring.\(key)\" (allowed: grades, maxCountPerRule, penalties)")
            }
            do {
                let policy = try JSONDecoder().decode(ScoringPolicy.self, from: JSONSerialization.data(withJSONObject: map))
                try policy.validate()
                file.scoring = policy
            } catch { throw fail("\"scoring\" is not a valid scoring policy (\(error))") }
        }
        if let v = dict["lexicons"] {
            guard let map = v as? [String: [String]] else { throw fail("\"lexicons\" must map lexicon ids to lists of words") }
            file.lexicons = map
        }
        let base = url.deletingLastPathComponent()
        file.rules = (try strings("rules") ?? []).map { $0.hasPrefix("/") ? $0 : base.appendingPathComponent($0).path }
        return file
    }
}
