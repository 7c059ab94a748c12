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
        sink.write(literal: "{\"tool\":")
        JSONReporter.writeTool(tool, to: &sink)
        sink.write(literal: ",\"documents\":[")
    }

    /// Buffered table by table rather than the whole document at once: the output stays the same, and a
    /// document of 100,000 tables is never held as one block of JSON.
    public func writeDocument<Sink: ReportSink>(_ document: DocumentReport, position: Int, to sink: inout Sink) {
        sink.writeBuffered { buffer in
            // One document per line keeps the output diffable and greppable at no cost to parsers.
            buffer.write(literal: position == 0 ? "\n" : ",\n")
            buffer.write(byte: UInt8(ascii: "{"))
            JSONReporter.writeDocumentHead(document, to: &buffer)
            buffer.write(literal: "\"score\":"); JSONText.writeNumber(document.score, to: &buffer)
            buffer.write(literal: ",\"grade\":"); JSONText.writeString(document.grade?.rawValue, to: &buffer)
            buffer.write(literal: ",\"tables\":[")
        }
        for tablePosition in document.tables.indices {
            sink.writeBuffered { buffer in
                if tablePosition > 0 { buffer.write(byte: UInt8(ascii: ",")) }
                let table = document.tables[tablePosition]
                JSONReporter.writeTable(table.table, score: table.score, grade: table.grade, findings: table.findings,
                                        language: language, to: &buffer)
            }
        }
        sink.writeBuffered { buffer in
            buffer.write(literal: "],\"findings\":")
            JSONReporter.writeFindings(document.findings, language: language, to: &buffer)
            buffer.write(byte: UInt8(ascii: "}"))
        }
    }

    public func writeEnd<Sink: ReportSink>(summary: RunSummary, to sink: inout Sink) {
        sink.write(literal: "\n],\"summary\":{")
        JSONReporter.writeCounts(summary, to: &sink)
        sink.write(",\"findings\":{\"error\":\(summary.errors),\"warning\":\(summary.warnings),\"info\":\(summary.infos)}")
        sink.write(",\"suppressed\":\(summary.baselineSuppressed)}}\n")
    }

    // MARK: - Pieces shared with the extract report

    static func writeTool<Sink: ReportSink>(_ tool: ToolInfo, to sink: inout Sink) {
        sink.write(literal: "{\"name\":")
        JSONText.writeString(tool.name, to: &sink)
        sink.write(literal: ",\"version\":")
        JSONText.writeString(tool.version, to: &sink)
        sink.write(byte: UInt8(ascii: "}"))
    }

    /// `"path":…,"department":…,"year":…,` (with the trailing comma).
    static func writeDocumentHead<Sink: ReportSink>(_ document: DocumentReport, to sink: inout Sink) {
        sink.write(literal: "\"path\":"); JSONText.writeString(document.path, to: &sink)
        sink.write(literal: ",\"department\":"); JSONText.writeString(document.department, to: &sink)
        sink.write(literal: ",\"year\":"); JSONText.writeInt(document.budgetYear, to: &sink)
        sink.write(byte: UInt8(ascii: ","))
    }

    static func writeCounts<Sink: ReportSink>(_ summary: RunSummary, to sink: inout Sink) {
        sink.write("\"documents\":\(summary.documents),\"tables\":\(summary.tables),\"rows\":\(summary.rows)")
    }

    /// A table object; without score and findings when `findings` is nil (the extract report).
    static func writeTable<Sink: ReportSink>(_ table: GoalTable, score: Double?, grade: Grade?, findings: [Finding]?,
                                             language: Language, to sink: inout Sink) {
        sink.write(byte: UInt8(ascii: "{"))
        sink.write(literal: "\"index\":"); JSONText.writeInt(table.index, to: &sink)
        sink.write(literal: ",\"number\":"); JSONText.writeString(table.printedNumber, to: &sink)
        sink.write(literal: ",\"title\":"); JSONText.writeString(table.title.text, to: &sink)
        sink.write(literal: ",\"project\":"); JSONText.writeString(table.project, to: &sink)
        sink.write(literal: ",\"line\":"); JSONText.writeInt(table.line, to: &sink)
        sink.write(literal: ",\"goal\":"); JSONText.writeString(table.goal.text, to: &sink)
        if findings != nil {
            sink.write(literal: ",\"score\":"); JSONText.writeNumber(score, to: &sink)
            sink.write(literal: ",\"grade\":"); JSONText.writeString(grade?.rawValue, to: &sink)
        }
        sink.write(literal: ",\"rows\":[")
        // By position, not `enumerated()`: its elements are copies, a retain and a release of every
        // string of a row.
        for position in table.rows.indices {
            if position > 0 { sink.write(byte: UInt8(ascii: ",")) }
            writeRow(table.rows[position], to: &sink)
        }
        sink.write(byte: UInt8(ascii: "]"))
        if let findings {
            sink.write(literal: ",\"findings\":")
            writeFindings(findings, language: language, to: &sink)
        }
        sink.write(literal: ",\"kind\":"); JSONText.writeString(table.kind.rawValue, to: &sink)
        sink.write(byte: UInt8(ascii: "}"))
    }

    static func writeRow<Sink: ReportSink>(_ row: IndicatorRow, to sink: inout Sink) {
        sink.write(byte: UInt8(ascii: "{"))
        sink.write(literal: "\"line\":"); JSONText.writeInt(row.line, to: &sink)
        sink.write(literal: ",\"level1\":"); JSONText.writeString(row.level1.text, to: &sink)
        sink.write(literal: ",\"level2\":"); JSONText.writeString(row.level2.text, to: &sink)
        sink.write(literal: ",\"name\":"); JSONText.writeString(row.name.text, to: &sink)
        sink.write(literal: ",\"description\":"); JSONText.writeString(row.description.text, to: &sink)
        sink.write(literal: ",\"basis\":"); JSONText.writeString(row.basis.text, to: &sink)
        sink.write(literal: ",\"value\":")
        writeValue(row.value, to: &sink)
        sink.write(literal: ",\"index\":"); JSONText.writeInt(row.index, to: &sink)
        if let grades = row.grades {
            sink.write(literal: ",\"grades\":{")
            sink.write(literal: "\"excellent\":"); JSONText.writeString(grades.excellent.text, to: &sink)
            sink.write(literal: ",\"good\":"); JSONText.writeString(grades.good.text, to: &sink)
            sink.write(literal: ",\"fair\":"); JSONText.writeString(grades.fair.text, to: &sink)
            sink.write(literal: ",\"poor\":"); JSONText.writeString(grades.poor.text, to: &sink)
            sink.write(byte: UInt8(ascii: "}"))
        }
        sink.write(byte: UInt8(ascii: "}"))
    }

    static func writeValue<Sink: ReportSink>(_ value: IndicatorValue, to sink: inout Sink) {
        sink.write(byte: UInt8(ascii: "{"))
        sink.write(literal: "\"raw\":"); JSONText.writeString(value.raw, to: &sink)
        sink.write(literal: ",\"comparator\":"); JSONText.writeString(value.comparator?.rawValue, to: &sink)
        sink.write(literal: ",\"number\":"); JSONText.writeNumber(value.number, to: &sink)
        if let upper = value.upperNumber {
            sink.write(literal: ",\"upperNumber\":"); JSONText.writeNumber(upper, to: &sink)
        }
        sink.write(literal: ",\"unit\":"); JSONText.writeString(value.unit, to: &sink)
        sink.write(literal: ",\"kind\":"); JSONText.writeString(value.kind.rawValue, to: &sink)
        sink.write(byte: UInt8(ascii: "}"))
    }

    static func writeFindings<Sink: ReportSink>(_ findings: [Finding], language: Language, to sink: inout Sink) {
        sink.write(byte: UInt8(ascii: "["))
        for position in findings.indices {
            if position > 0 { sink.write(byte: UInt8(ascii: ",")) }
            writeFinding(findings[position], language: language, to: &sink)
        }
        sink.write(byte: UInt8(ascii: "]"))
    }

    static func writeFinding<Sink: ReportSink>(_ finding: Finding, language: Language, to sink: inout Sink) {
        sink.write(byte: UInt8(ascii: "{"))
        sink.write(literal: "\"rule\":"); JSONText.writeString(finding.ruleID, to: &sink)
        sink.write(literal: ",\"severity\":"); JSONText.writeString(finding.severity.rawValue, to: &sink)
        sink.write(literal: ",\"line\":"); JSONText.writeInt(finding.location.line, to: &sink)
        sink.write(literal: ",\"row\":"); JSONText.writeInt(finding.location.rowIndex, to: &sink)
        sink.write(literal: ",\"name\":"); JSONText.writeString(finding.location.rowName, to: &sink)
        sink.write(literal: ",\"evidence\":"); JSONText.writeString(finding.evidence, to: &sink)
        sink.write(literal: ",\"message\":"); JSONText.writeString(finding.message.text(language), to: &sink)
        sink.write(literal: ",\"hint\":"); JSONText.writeString(finding.hint.text(language), to: &sink)
        sink.write(byte: UInt8(ascii: "}"))
    }
}
