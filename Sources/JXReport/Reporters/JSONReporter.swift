import JXModel

/// The JSON report of `check`: the public schema of DESIGN.md, keys always in the same order.
///
/// ```
/// { "tool": {"name": "jxlint", "version": "0.1.0"},
///   "documents": [ {
///       "path": String, "department": String|null, "year": Int|null,
///       "score": Number|null (null: no goal tables), "grade": "优"|"良"|"中"|"差"|null,
///       "tables": [ {
///           "index": Int (1-based in the document), "number": String|null (as printed before "、"),
///           "title": String, "project": String, "line": Int (the title's line), "goal": String,
///           "score": Number, "grade": String,
///           "rows": [ {
///               "line": Int, "level1": String, "level2": String, "name": String (三级指标),
///               "description": String, "basis": String (指标值确定依据),
///               "value": { "raw": String, "comparator": "≥"|"≤"|">"|"<"|"="|null, "number": Number|null,
///                          "upperNumber": Number (only for ranges), "unit": String|null,
///                          "kind": "quantity"|"deadline"|"duration"|"qualitative"|"empty" },
///               "index": Int (1-based in the table),
///               "grades": {"excellent", "good", "fair", "poor"} (department-wide tables only) } ],
///           "findings": [ Finding ],
///           "kind": "project"|"department-wide" } ],
///       "findings": [ Finding ] (document-level: no table) } ],
///   "summary": { "documents": Int, "tables": Int, "rows": Int,
///                "findings": {"error": Int, "warning": Int, "info": Int}, "suppressed": Int } }
///
/// Finding: { "rule": String, "severity": "error"|"warning"|"info", "line": Int, "row": Int|null,
///            "name": String|null (the row's 三级指标), "evidence": String, "message": String, "hint": String }
/// ```
///
/// Cell texts are the normalised text (bookmark markers removed); `value.raw` is the cell as printed.
/// Grades are always the Chinese letter, a stable code; messages and hints follow `--lang`. New fields may
/// be added after the existing ones of an object; existing ones are never renamed.
public struct JSONReporter: StreamingReportWriter {
    public let language: Language

    public init(language: Language = .zh) { self.language = language }

    public func writeStart<Sink: ReportSink>(tool: ToolInfo, to sink: inout Sink) {
        sink.write("{\"tool\":")
        JSONReporter.writeTool(tool, to: &sink)
        sink.write(",\"documents\":[")
    }

    /// Buffered table by table rather than the whole document at once: the output stays the same, and a
    /// document of 100,000 tables is never held as one block of JSON.
    public func writeDocument<Sink: ReportSink>(_ document: DocumentReport, position: Int, to sink: inout Sink) {
        sink.writeBuffered { buffer in
            // One document per line keeps the output diffable and greppable at no cost to parsers.
            buffer.write(position == 0 ? "\n" : ",\n")
            buffer.write("{")
            JSONReporter.writeDocumentHead(document, to: &buffer)
            buffer.write("\"score\":"); JSONText.writeNumber(document.score, to: &buffer)
            buffer.write(",\"grade\":"); JSONText.writeString(document.grade?.rawValue, to: &buffer)
            buffer.write(",\"tables\":[")
        }
        for (tablePosition, table) in document.tables.enumerated() {
            sink.writeBuffered { buffer in
                if tablePosition > 0 { buffer.write(",") }
                JSONReporter.writeTable(table.table, score: table.score, grade: table.grade, findings: table.findings,
                                        language: language, to: &buffer)
            }
        }
        sink.writeBuffered { buffer in
            buffer.write("],\"findings\":")
            JSONReporter.writeFindings(document.findings, language: language, to: &buffer)
            buffer.write("}")
        }
    }

    public func writeEnd<Sink: ReportSink>(summary: RunSummary, to sink: inout Sink) {
        sink.write("\n],\"summary\":{")
        JSONReporter.writeCounts(summary, to: &sink)
        sink.write(",\"findings\":{\"error\":\(summary.errors),\"warning\":\(summary.warnings),\"info\":\(summary.infos)}")
        sink.write(",\"suppressed\":\(summary.baselineSuppressed)}}\n")
    }

    // MARK: - Pieces shared with the extract report

    static func writeTool<Sink: ReportSink>(_ tool: ToolInfo, to sink: inout Sink) {
        sink.write("{\"name\":")
        JSONText.writeString(tool.name, to: &sink)
        sink.write(",\"version\":")
        JSONText.writeString(tool.version, to: &sink)
        sink.write("}")
    }

    /// `"path":…,"department":…,"year":…,` (with the trailing comma).
    static func writeDocumentHead<Sink: ReportSink>(_ document: DocumentReport, to sink: inout Sink) {
        sink.write("\"path\":"); JSONText.writeString(document.path, to: &sink)
        sink.write(",\"department\":"); JSONText.writeString(document.department, to: &sink)
        sink.write(",\"year\":"); JSONText.writeInt(document.budgetYear, to: &sink)
        sink.write(",")
    }

    static func writeCounts<Sink: ReportSink>(_ summary: RunSummary, to sink: inout Sink) {
        sink.write("\"documents\":\(summary.documents),\"tables\":\(summary.tables),\"rows\":\(summary.rows)")
    }

    /// A table object; without score and findings when `findings` is nil (the extract report).
    static func writeTable<Sink: ReportSink>(_ table: GoalTable, score: Double?, grade: Grade?, findings: [Finding]?,
                                             language: Language, to sink: inout Sink) {
        sink.write("{")
        sink.write("\"index\":"); JSONText.writeInt(table.index, to: &sink)
        sink.write(",\"number\":"); JSONText.writeString(table.printedNumber, to: &sink)
        sink.write(",\"title\":"); JSONText.writeString(table.title.text, to: &sink)
        sink.write(",\"project\":"); JSONText.writeString(table.project, to: &sink)
        sink.write(",\"line\":"); JSONText.writeInt(table.line, to: &sink)
        sink.write(",\"goal\":"); JSONText.writeString(table.goal.text, to: &sink)
        if findings != nil {
            sink.write(",\"score\":"); JSONText.writeNumber(score, to: &sink)
            sink.write(",\"grade\":"); JSONText.writeString(grade?.rawValue, to: &sink)
        }
        sink.write(",\"rows\":[")
        for (position, row) in table.rows.enumerated() {
            if position > 0 { sink.write(",") }
            writeRow(row, to: &sink)
        }
        sink.write("]")
        if let findings {
            sink.write(",\"findings\":")
            writeFindings(findings, language: language, to: &sink)
        }
        sink.write(",\"kind\":"); JSONText.writeString(table.kind.rawValue, to: &sink)
        sink.write("}")
    }

    static func writeRow<Sink: ReportSink>(_ row: IndicatorRow, to sink: inout Sink) {
        sink.write("{")
        sink.write("\"line\":"); JSONText.writeInt(row.line, to: &sink)
        sink.write(",\"level1\":"); JSONText.writeString(row.level1.text, to: &sink)
        sink.write(",\"level2\":"); JSONText.writeString(row.level2.text, to: &sink)
        sink.write(",\"name\":"); JSONText.writeString(row.name.text, to: &sink)
        sink.write(",\"description\":"); JSONText.writeString(row.description.text, to: &sink)
        sink.write(",\"basis\":"); JSONText.writeString(row.basis.text, to: &sink)
        sink.write(",\"value\":")
        writeValue(row.value, to: &sink)
        sink.write(",\"index\":"); JSONText.writeInt(row.index, to: &sink)
        if let grades = row.grades {
            sink.write(",\"grades\":{")
            sink.write("\"excellent\":"); JSONText.writeString(grades.excellent.text, to: &sink)
            sink.write(",\"good\":"); JSONText.writeString(grades.good.text, to: &sink)
            sink.write(",\"fair\":"); JSONText.writeString(grades.fair.text, to: &sink)
            sink.write(",\"poor\":"); JSONText.writeString(grades.poor.text, to: &sink)
            sink.write("}")
        }
        sink.write("}")
    }

    static func writeValue<Sink: ReportSink>(_ value: IndicatorValue, to sink: inout Sink) {
        sink.write("{")
        sink.write("\"raw\":"); JSONText.writeString(value.raw, to: &sink)
        sink.write(",\"comparator\":"); JSONText.writeString(value.comparator?.rawValue, to: &sink)
        sink.write(",\"number\":"); JSONText.writeNumber(value.number, to: &sink)
        if let upper = value.upperNumber {
            sink.write(",\"upperNumber\":"); JSONText.writeNumber(upper, to: &sink)
        }
        sink.write(",\"unit\":"); JSONText.writeString(value.unit, to: &sink)
        sink.write(",\"kind\":"); JSONText.writeString(value.kind.rawValue, to: &sink)
        sink.write("}")
    }

    static func writeFindings<Sink: ReportSink>(_ findings: [Finding], language: Language, to sink: inout Sink) {
        sink.write("[")
        for (position, finding) in findings.enumerated() {
            if position > 0 { sink.write(",") }
            sink.write("{")
            sink.write("\"rule\":"); JSONText.writeString(finding.ruleID, to: &sink)
            sink.write(",\"severity\":"); JSONText.writeString(finding.severity.rawValue, to: &sink)
            sink.write(",\"line\":"); JSONText.writeInt(finding.location.line, to: &sink)
            sink.write(",\"row\":"); JSONText.writeInt(finding.location.rowIndex, to: &sink)
            sink.write(",\"name\":"); JSONText.writeString(finding.location.rowName, to: &sink)
            sink.write(",\"evidence\":"); JSONText.writeString(finding.evidence, to: &sink)
            sink.write(",\"message\":"); JSONText.writeString(finding.message.text(language), to: &sink)
            sink.write(",\"hint\":"); JSONText.writeString(finding.hint.text(language), to: &sink)
            sink.write("}")
        }
        sink.write("]")
    }
}
