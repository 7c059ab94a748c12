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

    public func writeDocument<Sink: ReportSink>(_ document: DocumentReport, position: Int, to sink: inout Sink) {
        // One document per line keeps the output diffable and greppable at no cost to parsers.
        sink.write(position == 0 ? "\n" : ",\n")
        sink.write("{")
        JSONReporter.writeDocumentHead(document, to: &sink)
        JSONText.key("score", to: &sink); JSONText.writeNumber(document.score, to: &sink)
        sink.write(",")
        JSONText.key("grade", to: &sink); JSONText.writeString(document.grade?.rawValue, to: &sink)
        sink.write(",\"tables\":[")
        for (tablePosition, table) in document.tables.enumerated() {
            if tablePosition > 0 { sink.write(",") }
            JSONReporter.writeTable(table.table, score: table.score, grade: table.grade, findings: table.findings,
                                    language: language, to: &sink)
        }
        sink.write("],\"findings\":")
        JSONReporter.writeFindings(document.findings, language: language, to: &sink)
        sink.write("}")
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
        JSONText.key("path", to: &sink); JSONText.writeString(document.path, to: &sink)
        sink.write(",")
        JSONText.key("department", to: &sink); JSONText.writeString(document.department, to: &sink)
        sink.write(",")
        JSONText.key("year", to: &sink); JSONText.writeInt(document.budgetYear, to: &sink)
        sink.write(",")
    }

    static func writeCounts<Sink: ReportSink>(_ summary: RunSummary, to sink: inout Sink) {
        sink.write("\"documents\":\(summary.documents),\"tables\":\(summary.tables),\"rows\":\(summary.rows)")
    }

    /// A table object; without score and findings when `findings` is nil (the extract report).
    static func writeTable<Sink: ReportSink>(_ table: GoalTable, score: Double?, grade: Grade?, findings: [Finding]?,
                                             language: Language, to sink: inout Sink) {
        sink.write("{")
        JSONText.key("index", to: &sink); JSONText.writeInt(table.index, to: &sink)
        sink.write(",")
        JSONText.key("number", to: &sink); JSONText.writeString(table.printedNumber, to: &sink)
        sink.write(",")
        JSONText.key("title", to: &sink); JSONText.writeString(table.title.text, to: &sink)
        sink.write(",")
        JSONText.key("project", to: &sink); JSONText.writeString(table.project, to: &sink)
        sink.write(",")
        JSONText.key("line", to: &sink); JSONText.writeInt(table.line, to: &sink)
        sink.write(",")
        JSONText.key("goal", to: &sink); JSONText.writeString(table.goal.text, to: &sink)
        if findings != nil {
            sink.write(",")
            JSONText.key("score", to: &sink); JSONText.writeNumber(score, to: &sink)
            sink.write(",")
            JSONText.key("grade", to: &sink); JSONText.writeString(grade?.rawValue, to: &sink)
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
        sink.write(",")
        JSONText.key("kind", to: &sink); JSONText.writeString(table.kind.rawValue, to: &sink)
        sink.write("}")
    }

    static func writeRow<Sink: ReportSink>(_ row: IndicatorRow, to sink: inout Sink) {
        sink.write("{")
        JSONText.key("line", to: &sink); JSONText.writeInt(row.line, to: &sink)
        sink.write(",")
        JSONText.key("level1", to: &sink); JSONText.writeString(row.level1.text, to: &sink)
        sink.write(",")
        JSONText.key("level2", to: &sink); JSONText.writeString(row.level2.text, to: &sink)
        sink.write(",")
        JSONText.key("name", to: &sink); JSONText.writeString(row.name.text, to: &sink)
        sink.write(",")
        JSONText.key("description", to: &sink); JSONText.writeString(row.description.text, to: &sink)
        sink.write(",")
        JSONText.key("basis", to: &sink); JSONText.writeString(row.basis.text, to: &sink)
        sink.write(",\"value\":")
        writeValue(row.value, to: &sink)
        sink.write(",")
        JSONText.key("index", to: &sink); JSONText.writeInt(row.index, to: &sink)
        if let grades = row.grades {
            sink.write(",\"grades\":{")
            JSONText.key("excellent", to: &sink); JSONText.writeString(grades.excellent.text, to: &sink)
            sink.write(",")
            JSONText.key("good", to: &sink); JSONText.writeString(grades.good.text, to: &sink)
            sink.write(",")
            JSONText.key("fair", to: &sink); JSONText.writeString(grades.fair.text, to: &sink)
            sink.write(",")
            JSONText.key("poor", to: &sink); JSONText.writeString(grades.poor.text, to: &sink)
            sink.write("}")
        }
        sink.write("}")
    }

    static func writeValue<Sink: ReportSink>(_ value: IndicatorValue, to sink: inout Sink) {
        sink.write("{")
        JSONText.key("raw", to: &sink); JSONText.writeString(value.raw, to: &sink)
        sink.write(",")
        JSONText.key("comparator", to: &sink); JSONText.writeString(value.comparator?.rawValue, to: &sink)
        sink.write(",")
        JSONText.key("number", to: &sink); JSONText.writeNumber(value.number, to: &sink)
        if let upper = value.upperNumber {
            sink.write(",")
            JSONText.key("upperNumber", to: &sink); JSONText.writeNumber(upper, to: &sink)
        }
        sink.write(",")
        JSONText.key("unit", to: &sink); JSONText.writeString(value.unit, to: &sink)
        sink.write(",")
        JSONText.key("kind", to: &sink); JSONText.writeString(value.kind.rawValue, to: &sink)
        sink.write("}")
    }

    static func writeFindings<Sink: ReportSink>(_ findings: [Finding], language: Language, to sink: inout Sink) {
        sink.write("[")
        for (position, finding) in findings.enumerated() {
            if position > 0 { sink.write(",") }
            sink.write("{")
            JSONText.key("rule", to: &sink); JSONText.writeString(finding.ruleID, to: &sink)
            sink.write(",")
            JSONText.key("severity", to: &sink); JSONText.writeString(finding.severity.rawValue, to: &sink)
            sink.write(",")
            JSONText.key("line", to: &sink); JSONText.writeInt(finding.location.line, to: &sink)
            sink.write(",")
            JSONText.key("row", to: &sink); JSONText.writeInt(finding.location.rowIndex, to: &sink)
            sink.write(",")
            JSONText.key("name", to: &sink); JSONText.writeString(finding.location.rowName, to: &sink)
            sink.write(",")
            JSONText.key("evidence", to: &sink); JSONText.writeString(finding.evidence, to: &sink)
            sink.write(",")
            JSONText.key("message", to: &sink); JSONText.writeString(finding.message.text(language), to: &sink)
            sink.write(",")
            JSONText.key("hint", to: &sink); JSONText.writeString(finding.hint.text(language), to: &sink)
            sink.write("}")
        }
        sink.write("]")
    }
}
