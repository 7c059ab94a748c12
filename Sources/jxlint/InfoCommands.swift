import Foundation
import JXModel
import JXReport
import JXRules

/// `jxlint rules`, `jxlint explain ID` and `jxlint config --print`: documentation from `Rules/`, and the
/// effective configuration with where each value came from.
enum InfoCommands {
    static func rules(_ options: Options) throws -> Int32 {
        let format = try options.format(default: "text", allowed: ["text", "json"])
        let settings = try Settings.resolve(options)
        if format == "json" {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            var data = try encoder.encode(settings.ruleSet.descriptions)
            data.append(0x0A)
            try OutputTarget(path: options.output).write(data)
        } else {
            try OutputTarget(path: options.output).write(Data(RuleDocs.list(settings.ruleSet, language: options.language).utf8))
        }
        return 0
    }

    static func explain(_ options: Options) throws -> Int32 {
        guard options.paths.count == 1, let id = options.paths.first else {
            throw UsageError(message: "explain takes one rule id, e.g. jxlint explain value-geq-100")
        }
        let settings = try Settings.resolve(Options(command: "explain", ruleDirectories: options.ruleDirectories))
        guard let text = RuleDocs.explain(id, in: settings.ruleSet, language: options.language) else {
            throw UsageError(message: "unknown rule id '\(id)'; see: jxlint rules")
        }
        try OutputTarget(path: options.output).write(Data(text.utf8))
        return 0
    }

    static func config(_ options: Options) throws -> Int32 {
        guard options.printConfig else { throw UsageError(message: "config takes --print") }
        let settings = try Settings.resolve(options)
        let text = settings.provenance.joined(separator: "\n") + "\n"
        try OutputTarget(path: options.output).write(Data(text.utf8))
        return 0
    }
}

/// `jxlint rank PATH…`: departments ranked by the score of their goal tables.
enum RankCommand {
    static func run(_ options: Options) throws -> Int32 {
        // A ranking reads findings' rules and severities only: their messages are not made.
        let settings = try Settings.resolve(options, messages: false)
        let formatName = try options.format(default: "text", allowed: Reporter.formats(for: .rank).map(\.rawValue))
        guard let format = ReportFormat(rawValue: formatName),
              let writer = Reporter.make(format: format, view: .rank, language: options.language, color: settings.color) else {
            throw UsageError(message: "rank: unsupported format")
        }
        // Documents stream past as `check` reads them; only each one's standing is kept.
        let collected = try Inputs.collect(options)
        var standings: [DocumentStanding] = []
        var summary = RunSummary()
        let stream = CheckedDocuments(files: collected.expansion.files, explicit: collected.expansion.explicit,
                                      options: options, engine: settings.engine)
        let streamProblems = stream.run { document, findings in
            let report = DocumentReport.build(document: document, findings: findings, policy: settings.policy)
            summary.add(report)
            standings.append(DocumentStanding(report))
        }
        let report = RunReport(tool: ToolInfo(version: CommandLineTool.version), standings: standings,
                               rules: settings.ruleSet.descriptions, summary: summary, policy: settings.policy)
        var sink = ByteBuffer()
        writer.write(report, to: &sink)
        try OutputTarget(path: options.output).write(sink.data)
        return collected.hadProblems || streamProblems ? 2 : 0
    }
}
