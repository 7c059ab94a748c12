import Foundation
import JXModel
import JXParse
import JXReport

/// The `jxlint` command: dispatches to the subcommands and turns their outcome into an exit code.
enum CommandLineTool {
    static let version = "0.1.0"

    static func run(_ arguments: [String]) -> Int32 {
        let options: Options
        do throws(UsageError) {
            options = try Options.parse(arguments)
        } catch {
            Console.error("jxlint: \(error.message)")
            return 2
        }
        do {
            switch options.command {
            case "version":
                Console.out("jxlint \(version)\n")
                return 0
            case "extract": return try ExtractCommand.run(options)
            case "check": return try CheckCommand.run(options)
            case "rank": return try RankCommand.run(options)
            case "rules": return try InfoCommands.rules(options)
            case "explain": return try InfoCommands.explain(options)
            case "config": return try InfoCommands.config(options)
            default:
                Console.out(helpText)
                return 0
            }
        } catch let error as UsageError {
            Console.error("jxlint: \(error.message)")
            return 2
        } catch {
            Console.error("jxlint: \(error)")
            return 2
        }
    }

    static let helpText = """
    jxlint \(version) — 绩效目标表质量检查 / a linter for performance-goal tables in budget documents

    USAGE
      jxlint check PATH…     check documents and report findings
      jxlint extract PATH…   print the parsed goal tables
      jxlint --help | --version

    PATH is a file, a folder (searched recursively for .txt .md .csv .tsv) or - for standard input.

    OPTIONS (check)
      --format text|json     report format (default text)
      -o, --output FILE      write the report to FILE instead of standard output
      --fail-on LEVEL        error|warning|info|never: exit 1 when a finding is at or above LEVEL (default error)
      --lang zh|en           language of messages and headings (default zh)
      --jobs N               documents parsed in parallel (default: number of cores)
      --stdin-name NAME      path shown for a document read from standard input
      --no-color             no ANSI colours in text output

    OPTIONS (extract)
      --format json|csv      (default json)
      -o, --output FILE

    EXIT CODES
      0  no finding at or above --fail-on
      1  findings at or above --fail-on
      2  usage error, or an input that could not be read (the other inputs are still checked)

    """
}

/// Standard output and standard error, unbuffered by Swift's print.
enum Console {
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
    static var stderrIsTerminal: Bool { isatty(2) == 1 }
    static var stdoutIsTerminal: Bool { isatty(1) == 1 }
}

/// Where a command's report goes: standard output or `-o FILE`. Every command opens, finishes and names its
/// output here, so a failure reads the same whichever command met it.
struct OutputTarget {
    let path: String?

    /// A sink on the file (created or truncated) or on standard output.
    func open() throws -> FileSink {
        guard let path else { return FileSink.standardOutput() }
        do { return try FileSink(creating: URL(fileURLWithPath: path)) } catch { throw failure(error) }
    }

    /// Flushes `sink` and reports the first error met writing to it.
    func finish(_ sink: FileSink) throws {
        sink.flush()
        if let error = sink.error { throw failure(error) }
    }

    /// The usage error for a failed write: the output and the system's reason.
    func failure(_ error: Error) -> UsageError {
        UsageError(message: "cannot write \(path ?? "standard output"): \(error.localizedDescription)")
    }

    func write(_ data: Data) throws {
        let sink = try open()
        data.withUnsafeBytes { sink.write(bytes: $0.bindMemory(to: UInt8.self)) }
        try finish(sink)
    }
}
