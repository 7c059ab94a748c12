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

/// The documents' part of an overview report, kept aside until its opening can be written: in a
/// `TemporaryFile`, a megabyte at a time, or in memory when no temporary file can be made.
final class DocumentsSpool: ReportSink {
    private let file = TemporaryFile(prefix: "jxlint-report")
    /// What is not yet in the file (everything, without a file).
    private var pending = ByteBuffer()
    /// How many bytes the file holds.
    private var written = 0
    /// The first error met writing the file; later writes are dropped.
    private var error: SystemError?

    private static let chunk = 1 << 20

    func write(bytes: UnsafeBufferPointer<UInt8>) {
        pending.write(bytes: bytes)
        if file != nil, pending.count >= Self.chunk { writePending() }
    }

    private func writePending() {
        guard let file, error == nil else { return }
        error = pending.withBytes { file.write(UnsafeRawBufferPointer($0), at: written) }
        written += pending.count
        pending = ByteBuffer()
    }

    /// Appends everything written so far to `sink`, a megabyte at a time.
    func copy(to sink: FileSink) throws {
        if let file {
            writePending()
            if let error { throw error }
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.chunk, alignment: 1)
            defer { buffer.deallocate() }
            var offset = 0
            while offset < written {
                guard let count = file.read(into: buffer, at: offset), count > 0 else {
                    throw SystemError(code: EIO)
                }
                sink.write(bytes: UnsafeRawBufferPointer(rebasing: buffer[..<count]).bindMemory(to: UInt8.self))
                offset += count
            }
        }
        pending.withBytes { sink.write(bytes: $0) }
    }
}
