import Foundation
import JXModel
import JXParse
import JXReport
import JXRules

/// `jxlint check PATH…`: parse, run the rules, apply the baseline, score, report.
///
/// Two passes, each parallel over documents with its results taken in input order, so the output is the
/// same for any `--jobs`: pass 1 parses every document for the cross-document checker (whose findings
/// must be known before any document is scored); pass 2 checks, scores and writes one document at a time.
/// Findings are so never held for the whole run, only for the documents in flight. Pass 2 parses a
/// document again unless pass 1 could keep it within a memory budget.
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
        let files = expanded.files
        let engine = settings.engine
        let progress = ProgressLine(total: files.count, enabled: Console.stderrIsTerminal && files.count > 30 && !options.quiet)

        // Pass 1: parse every document and feed the cross-document checker in input order. Parsed documents
        // are kept while they fit `keptDocumentBudget`, so that pass 2 need not parse them again.
        let corpus = CorpusChecker(engine: engine)
        var parsed = Array(repeating: false, count: files.count)
        let shelf = DocumentShelf(count: files.count)
        var keptBytes = 0
        DocumentPipeline.ordered(count: files.count, jobs: options.jobs, work: { i in
            DocumentPipeline.parse(files[i], stdinName: options.stdinName, language: options.language)
        }, consume: { i, result in
            switch result {
            case .success(let document):
                Inputs.noteRepair(document, language: options.language)
                corpus.add(document)
                parsed[i] = true
                // Standard input can be read only once: its document is always kept.
                if files[i] == "-" || keptBytes + document.byteCount <= keptDocumentBudget {
                    keptBytes += files[i] == "-" ? 0 : document.byteCount
                    shelf.put(i, document)
                }
            case .failure(let problem):
                if Inputs.report(problem, explicit: expanded.explicit, language: options.language) { hadProblems = true }
            }
            progress.advance()
        })
        progress.finish()
        var crossByPath: [String: [Finding]] = [:]
        for f in corpus.finish() { crossByPath[f.location.path, default: []].append(f) }
        let crossFindings = crossByPath

        // Pass 2: check each document (in parallel) and report it (in input order) while the next ones are
        // being checked. Only the document at hand and a few ahead are in memory, with their findings.
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
        let checked = parsed.indices.filter { parsed[$0] }
        DocumentPipeline.ordered(count: checked.count, jobs: options.jobs, work: { k in
            let i = checked[k]
            return (shelf.take(i).map { .success($0) }
                    ?? DocumentPipeline.parse(files[i], stdinName: options.stdinName, language: options.language))
                .map { document in (document, engine.check(document) + (crossFindings[document.path] ?? [])) }
        }, consume: { _, result in
            // Parsed once already, a document fails here only if its file changed in between.
            guard case .success(let (document, checkedFindings)) = result else {
                if case .failure(let problem) = result, Inputs.report(problem, explicit: expanded.explicit, language: options.language) { hadProblems = true }
                return
            }
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
        })
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

    /// How many bytes of input text pass 1 keeps parsed for pass 2. A parsed document takes about 2.6 times
    /// its text in memory (measured on the benchmark corpus: 64 MB of text kept cost 165 MB), while parsing
    /// it again costs only a few per cent of checking it; so a department's documents are parsed once, and
    /// beyond this budget pass 2 parses again rather than hold every row of a gigabyte of documents.
    static let keptDocumentBudget = 32 << 20
}

/// Documents parsed in pass 1 and kept for pass 2, each taken out (and so released) by the pass-2 worker
/// that checks it.
final class DocumentShelf: @unchecked Sendable {
    private var documents: [Document?]
    private let lock = NSLock()

    init(count: Int) { documents = Array(repeating: nil, count: count) }

    func put(_ i: Int, _ document: Document) {
        lock.lock()
        documents[i] = document
        lock.unlock()
    }

    func take(_ i: Int) -> Document? {
        lock.lock()
        defer { lock.unlock() }
        let document = documents[i]
        documents[i] = nil
        return document
    }
}
