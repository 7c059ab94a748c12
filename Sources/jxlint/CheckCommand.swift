import Foundation
import JXModel
import JXParse
import JXReport
import JXRules

/// `jxlint check PATH…`: parse, run the rules, apply the baseline, score, report.
///
/// Documents go through in chunks: each chunk is parsed and checked in parallel, then fed in input order
/// to the cross-document checker, so the output is the same for any `--jobs`. When the inputs are large the
/// parsed documents are not kept: the report pass parses them again, which costs less than holding every
/// row of a gigabyte of documents in memory.
enum CheckCommand {
    static func run(_ options: Options) throws -> Int32 {
        let settings = try Settings.resolve(options)
        let format = try ReportFormat(rawValue: options.format(default: "text",
                                                              allowed: Reporter.formats(for: .check).map(\.rawValue)))
        guard let format, let writer = Reporter.make(format: format, view: .check, language: options.language,
                                                     color: settings.color) else {
            throw UsageError(message: "check: unsupported format")
        }
        guard !options.paths.isEmpty else { throw UsageError(message: "check: no input given; try: jxlint --help") }
        var baseline = try options.baseline.map(Baseline.load)

        let expanded = Inputs.expand(options.paths, stdinName: options.stdinName)
        var hadProblems = false
        for p in expanded.problems where Inputs.report(p, explicit: expanded.explicit) { hadProblems = true }
        if expanded.files.isEmpty && expanded.problems.isEmpty {
            Console.error("jxlint: no .txt, .md, .csv or .tsv file found in \(options.paths.joined(separator: " "))")
            hadProblems = true
        }
        let files = expanded.files
        let retain = files.contains("-") || totalSize(files) <= 64 << 20
        let engine = settings.engine
        let progress = ProgressLine(total: files.count, enabled: Console.stderrIsTerminal && files.count > 30 && !options.quiet)

        // Pass 1: parse and check every document; cross-document rules see them in input order.
        let corpus = CorpusChecker(engine: engine)
        var checked: [CheckedDocument?] = Array(repeating: nil, count: files.count)
        for chunk in chunks(files.count, size: 64) {
            let results = DocumentPipeline.map(Array(chunk), files: files, stdinName: options.stdinName,
                                               language: options.language, jobs: options.jobs) { document in
                CheckedDocument(document: document, findings: engine.check(document))
            }
            for (i, result) in zip(chunk, results) {
                switch result {
                case .success(let c):
                    corpus.add(c.document)
                    checked[i] = retain ? c : c.droppingRows()
                case .failure(let problem):
                    if Inputs.report(problem, explicit: expanded.explicit) { hadProblems = true }
                }
                progress.advance()
            }
        }
        progress.finish()
        var crossFindings: [String: [Finding]] = [:]
        for f in corpus.finish() { crossFindings[f.location.path, default: []].append(f) }

        // Pass 2: report, document by document, in input order.
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
        for chunk in chunks(files.count, size: 64) {
            let needParse = retain ? [] : chunk.filter { checked[$0] != nil }
            var reparsed: [Int: Document] = [:]
            if !needParse.isEmpty {
                let results = DocumentPipeline.map(needParse, files: files, stdinName: options.stdinName,
                                                   language: options.language, jobs: options.jobs) { $0 }
                for (i, r) in zip(needParse, results) { if case .success(let d) = r { reparsed[i] = d } }
            }
            for i in chunk {
                guard let c = checked[i] else { continue }
                let document = reparsed[i] ?? c.document
                var findings = c.findings + (crossFindings[document.path] ?? [])
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
                checked[i] = nil
            }
        }
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

    private static func totalSize(_ files: [String]) -> Int {
        files.reduce(0) { total, path in
            total + ((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0)
        }
    }

    static func chunks(_ count: Int, size: Int) -> [Range<Int>] {
        stride(from: 0, to: count, by: size).map { $0..<min(count, $0 + size) }
    }
}

/// A checked document: its findings, and the document itself (without rows when not retained).
struct CheckedDocument: Sendable {
    var document: Document
    var findings: [Finding]

    func droppingRows() -> CheckedDocument {
        var copy = self
        for i in copy.document.tables.indices { copy.document.tables[i].rows = [] }
        return copy
    }
}
