import JXModel

/// The JSON output of `extract`: the parsed documents, tables and rows, no findings or scores.
///
/// ```
/// { "tool": {"name", "version"},
///   "documents": [ { "path", "department", "year",
///       "tables": [ { "index", "number", "title", "project", "line", "goal", "rows": [ Row ], "kind" } ] } ],
///   "summary": { "documents", "tables", "rows" } }
/// ```
/// Tables and rows have exactly the fields of the check report (see `JSONReporter`), so a script can read
/// both with the same code.
public struct ExtractJSONReporter: StreamingReportWriter {
    public init() {}

    public func writeStart<Sink: ReportSink>(tool: ToolInfo, to sink: inout Sink) {
        sink.write("{\"tool\":")
        JSONReporter.writeTool(tool, to: &sink)
        sink.write(",\"documents\":[")
    }

    public func writeDocument<Sink: ReportSink>(_ document: DocumentReport, position: Int, to sink: inout Sink) {
        // Buffered per document so that the writing code is specialised (see `writeBuffered`).
        sink.writeBuffered { buffer in writeDocumentBody(document, position: position, to: &buffer) }
    }

    private func writeDocumentBody(_ document: DocumentReport, position: Int, to sink: inout ByteBuffer) {
        sink.write(position == 0 ? "\n{" : ",\n{")
        JSONReporter.writeDocumentHead(document, to: &sink)
        sink.write("\"tables\":[")
        for (tablePosition, table) in document.tables.enumerated() {
            if tablePosition > 0 { sink.write(",") }
            JSONReporter.writeTable(table.table, score: nil, grade: nil, findings: nil, language: .zh, to: &sink)
        }
        sink.write("]}")
    }

    public func writeEnd<Sink: ReportSink>(summary: RunSummary, to sink: inout Sink) {
        sink.write("\n],\"summary\":{")
        JSONReporter.writeCounts(summary, to: &sink)
        sink.write("}}\n")
    }
}
