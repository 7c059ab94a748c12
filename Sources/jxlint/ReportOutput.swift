import Foundation
import JXModel
import JXReport

/// Writes a `check` report one document at a time in any format, so that memory holds the document at hand
/// and not the run: streaming formats (text, json, csv) go straight to the output; formats that open with
/// an overview of the whole run (markdown, html, sarif) have their documents' part kept in a temporary file
/// until the last document is in, then get their opening, that part and their closing written out.
final class ReportOutput {
    private let writer: any ReportWriter
    private let sink: FileSink
    private let tool: ToolInfo
    private let rules: [RuleDescription]
    private let policy: ScoringPolicy
    private(set) var summary = RunSummary()
    private var position = 0
    private var findingsBefore = 0
    /// What the overview needs of each document (overview formats only).
    private var standings: [DocumentStanding] = []
    /// The documents' part of an overview format.
    private var spool: DocumentsSpool?
    /// Whole documents, for a writer that can do neither (none of the built-in ones).
    private var held: [DocumentReport] = []

    init(writer: any ReportWriter, sink: FileSink, tool: ToolInfo, rules: [RuleDescription], policy: ScoringPolicy) {
        self.writer = writer
        self.sink = sink
        self.tool = tool
        self.rules = rules
        self.policy = policy
        if let streaming = writer as? any StreamingReportWriter {
            var out = sink
            streaming.writeStart(tool: tool, to: &out)
        } else if writer is any OverviewReportWriter {
            spool = DocumentsSpool()
        }
    }

    /// Takes one document's report, in input order.
    func add(_ report: DocumentReport, suppressed: Int = 0) {
        summary.add(report)
        summary.baselineSuppressed += suppressed
        if let streaming = writer as? any StreamingReportWriter {
            var out = sink
            streaming.writeDocument(report, position: position, to: &out)
        } else if let overview = writer as? any OverviewReportWriter, var spool {
            overview.writeDocument(report, position: position, findingsBefore: findingsBefore, rules: rules, to: &spool)
            standings.append(DocumentStanding(report))
        } else {
            held.append(report)
        }
        position += 1
        findingsBefore += report.findingCount
    }

    /// Writes what comes after the last document (or, for overview formats, everything but the documents'
    /// part first). Errors of the spool are thrown; those of the output stay in `sink.error` for the caller,
    /// who flushes the sink (`OutputTarget.finish`).
    func finish() throws {
        var out = sink
        if let streaming = writer as? any StreamingReportWriter {
            streaming.writeEnd(summary: summary, to: &out)
        } else if let overview = writer as? any OverviewReportWriter, let spool {
            let run = RunReport(tool: tool, standings: standings, rules: rules, summary: summary, policy: policy)
            overview.writeOpening(run, to: &out)
            try spool.copy(to: sink)
            overview.writeClosing(run, to: &out)
        } else {
            writer.write(RunReport(tool: tool, documents: held, rules: rules, summary: summary, policy: policy), to: &out)
        }
    }
}

/// The documents' part of an overview report, kept aside until its opening can be written: in a temporary
/// file (removed when done), or in memory when no temporary file can be made.
final class DocumentsSpool: ReportSink {
    private let url: URL?
    private let file: FileSink?
    private var memory = ByteBuffer()

    init() {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("jxlint-report-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString).part")
        if let file = try? FileSink(creating: url) {
            self.url = url
            self.file = file
        } else {
            self.url = nil
            self.file = nil
        }
    }

    func write(bytes: UnsafeBufferPointer<UInt8>) {
        if let file { file.write(bytes: bytes) } else { memory.write(bytes: bytes) }
    }

    /// Appends everything written so far to `sink`, a megabyte at a time.
    func copy(to sink: FileSink) throws {
        guard let file, let url else {
            memory.withBytes { sink.write(bytes: $0) }
            return
        }
        file.flush()
        if let error = file.error { throw error }
        let reader = try FileHandle(forReadingFrom: url)
        defer { try? reader.close() }
        while let chunk = try reader.read(upToCount: 1 << 20), !chunk.isEmpty {
            chunk.withUnsafeBytes { sink.write(bytes: $0.bindMemory(to: UInt8.self)) }
        }
    }

    deinit {
        if let url { try? FileManager.default.removeItem(at: url) }
    }
}
