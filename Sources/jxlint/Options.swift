import Foundation
import JXModel

/// A mistake on the command line; exit code 2.
struct UsageError: Error {
    var message: String
}

/// The command line, parsed. Every option of every command lives here; each command reads what it needs.
struct Options {
    var command: String = "help"
    var paths: [String] = []
    var format: String?
    var output: String?
    var configPath: String?
    var ruleDirectories: [String] = []
    var select: [String]?
    var ignore: [String]?
    var failOn: Severity? = .error
    var language: Language = .zh
    var baseline: String?
    var writeBaseline: String?
    var jobs: Int = 0
    var color: Bool?
    var stdinName: String = "<stdin>"
    var weights: String?
    var printConfig = false
    var quiet = false

    static let commands: Set<String> = ["check", "extract", "rank", "rules", "explain", "config", "help", "version"]

    /// Options that take a value, with the commands that accept them.
    static let valueOptions: Set<String> = [
        "--format", "-f", "-o", "--output", "--config", "--rules", "--select", "--ignore", "--fail-on", "--lang",
        "--baseline", "--write-baseline", "--jobs", "-j", "--stdin-name", "--weights",
    ]

    static func parse(_ arguments: [String]) throws(UsageError) -> Options {
        var options = Options()
        var args = arguments[...]
        guard let first = args.first else { return options }
        if first == "--help" || first == "-h" { return options }
        if first == "--version" || first == "-V" {
            options.command = "version"
            return options
        }
        guard commands.contains(first) else {
            throw UsageError(message: "unknown command '\(first)'; try: jxlint --help")
        }
        options.command = first
        args = args.dropFirst()
        var onlyPaths = false
        while let arg = args.first {
            args = args.dropFirst()
            if onlyPaths || arg == "-" || !arg.hasPrefix("-") {
                options.paths.append(arg)
                continue
            }
            if arg == "--" {
                onlyPaths = true
                continue
            }
            var name = arg
            var inlineValue: String?
            if let eq = arg.firstIndex(of: "="), arg.hasPrefix("--") {
                name = String(arg[..<eq])
                inlineValue = String(arg[arg.index(after: eq)...])
            }
            var value = ""
            if valueOptions.contains(name) {
                if let v = inlineValue {
                    value = v
                } else if let v = args.first {
                    value = v
                    args = args.dropFirst()
                } else {
                    throw UsageError(message: "option \(name) needs a value")
                }
            }
            switch name {
            case "--help", "-h": options.command = "help"
            case "--format", "-f": options.format = value
            case "-o", "--output": options.output = value
            case "--config": options.configPath = value
            case "--rules": options.ruleDirectories.append(value)
            case "--select": options.select = idList(value)
            case "--ignore": options.ignore = idList(value)
            case "--fail-on":
                if value == "never" { options.failOn = nil } else if let s = Severity(rawValue: value) {
                    options.failOn = s
                } else {
                    throw UsageError(message: "--fail-on takes error, warning, info or never, not '\(value)'")
                }
            case "--lang":
                guard let l = Language(rawValue: value) else {
                    throw UsageError(message: "--lang takes zh or en, not '\(value)'")
                }
                options.language = l
            case "--baseline": options.baseline = value
            case "--write-baseline": options.writeBaseline = value
            case "--jobs", "-j":
                guard let n = Int(value), n >= 1, n <= 256 else {
                    throw UsageError(message: "--jobs takes a number from 1 to 256, not '\(value)'")
                }
                options.jobs = n
            case "--stdin-name": options.stdinName = value
            case "--weights": options.weights = value
            case "--no-color": options.color = false
            case "--color": options.color = true
            case "--print": options.printConfig = true
            case "--quiet", "-q": options.quiet = true
            default: throw UsageError(message: "unknown option '\(arg)'; try: jxlint --help")
            }
        }
        return options
    }

    private static func idList(_ value: String) -> [String] {
        value.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The format, checked against what the command can write.
    func format(default defaultFormat: String, allowed: [String]) throws(UsageError) -> String {
        let f = format ?? defaultFormat
        guard allowed.contains(f) else {
            throw UsageError(message: "\(command) --format takes \(allowed.joined(separator: "|")), not '\(f)'")
        }
        return f
    }
}
