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
        var sink: FileSink
        if let path = options.output {
            do { sink = try FileSink(creating: URL(fileURLWithPath: path)) } catch {
                throw UsageError(message: "\(path): cannot write the report (\(error.localizedDescription))")
            }
        } else {
            sink = FileSink.standardOutput()
        }
        var summary = RunSummary()
        var accepted: [(Finding, String?, String?)] = []
        var reports: [DocumentReport] = []
        let streaming = writer as? any StreamingReportWriter
        streaming?.writeStart(tool: ToolInfo(version: CommandLineTool.version), to: &sink)
        var position = 0
        var worst: Severity?
        let stream = CheckedDocuments(files: expanded.files, explicit: expanded.explicit, options: options,
                                      engine: settings.engine)
        let streamProblems = stream.run { document, checkedFindings in
            var findings = checkedFindings
            let projectByTable = Dictionary(document.tables.map { ($0.index, $0.project) }, uniquingKeysWith: { a, _ in a })
            if options.writeBaseline != nil {
                for f in findings { accepted.append((f, document.department, f.location.tableIndex.flatMap { projectByTable[$0] })) }
            }
            if baseline != nil {
                let before = findings.count
                findings = findings.filter { f in
                    !(baseline?.suppresses(f, department: document.department,
                                           project: f.location.tableIndex.flatMap { projectByTable[$0] }) ?? false)
                }
                summary.baselineSuppressed += before - findings.count
            }
            for f in findings where worst.map({ f.severity > $0 }) ?? true { worst = f.severity }
            let report = DocumentReport.build(document: document, findings: findings, policy: settings.policy)
            summary.add(report)
            if let streaming {
                streaming.writeDocument(report, position: position, to: &sink)
            } else {
                reports.append(report)
            }
            position += 1
        }
        if streamProblems { hadProblems = true }
        if let streaming {
            streaming.writeEnd(summary: summary, to: &sink)
        } else {
            let run = RunReport(tool: ToolInfo(version: CommandLineTool.version), documents: reports,
                                rules: settings.ruleSet.descriptions, summary: summary, policy: settings.policy)
            writer.write(run, to: &sink)
        }
        sink.flush()
        if let error = sink.error {
            throw UsageError(message: "\(options.output ?? "standard output"): cannot write the report (\(error.localizedDescription))")
        }
        if let path = options.writeBaseline {
            try OutputTarget(path: path).write(Baseline.encode(accepted))
            Console.error("jxlint: wrote \(accepted.count) finding(s) to baseline \(path)")
        }
        if hadProblems { return 2 }
        if let failOn = options.failOn, let worst, worst >= failOn { return 1 }
        return 0
    }
}
