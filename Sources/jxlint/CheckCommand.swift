import Foundation
import JXModel
import JXParse
import JXReport
import JXRules

/// `jxlint check PATH…`: parse, run the rules, apply the baseline, score, report. Documents arrive checked,
/// one at a time in input order (see `CheckedDocuments`), and streaming formats write each as it comes.
enum CheckCommand {
    static func run(_ options: Options) throws -> Int32 {
        let settings = try Settings.resolve(options)
        let format = try ReportFormat(rawValue: options.format(default: "text",
                                                              allowed: Reporter.formats(for: .check).map(\.rawValue)))
        guard let format, let writer = Reporter.make(format: format, view: .check, language: options.language,
                                                     color: settings.color) else {
            throw UsageError(message: "check: unsupported format")
        }
        var baseline = try options.baseline.map(Baseline.load)
        let collected = try Inputs.collect(options)
        let expanded = collected.expansion
        var hadProblems = collected.hadProblems
        let target = OutputTarget(path: options.output)
        let sink = try target.open()
        let output = ReportOutput(writer: writer, sink: sink, tool: ToolInfo(version: CommandLineTool.version),
                                  rules: settings.ruleSet.descriptions, policy: settings.policy)
        var accepted: [(Finding, String?, String?)] = []
        var worst: Severity?
        let stream = CheckedDocuments(files: expanded.files, explicit: expanded.explicit, options: options,
                                      engine: settings.engine)
        let streamProblems = stream.run { document, checkedFindings in
            var findings = checkedFindings
            // Only a baseline matches findings by project; without one the map is not worth making.
            let projectByTable = options.writeBaseline == nil && baseline == nil ? [:]
                : Dictionary(document.tables.map { ($0.index, $0.project) }, uniquingKeysWith: { a, _ in a })
            if options.writeBaseline != nil {
                for f in findings { accepted.append((f, document.department, f.location.tableIndex.flatMap { projectByTable[$0] })) }
            }
            var suppressed = 0
            if baseline != nil {
                let before = findings.count
                findings = findings.filter { f in
                    !(baseline?.suppresses(f, department: document.department,
                                           project: f.location.tableIndex.flatMap { projectByTable[$0] }) ?? false)
                }
                suppressed = before - findings.count
            }
            for f in findings where worst.map({ f.severity > $0 }) ?? true { worst = f.severity }
            output.add(DocumentReport.build(document: document, findings: findings, policy: settings.policy),
                       suppressed: suppressed)
        }
        if streamProblems { hadProblems = true }
        do { try output.finish() } catch { throw target.failure(error) }
        try target.finish(sink)
        if let path = options.writeBaseline {
            try OutputTarget(path: path).write(Baseline.encode(accepted))
            Console.error("jxlint: wrote \(accepted.count) finding(s) to baseline \(path)")
        }
        if hadProblems { return 2 }
        if let failOn = options.failOn, let worst, worst >= failOn { return 1 }
        return 0
    }
}
