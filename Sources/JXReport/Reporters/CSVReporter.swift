import JXModel

/// The CSV report of `check`: one record per finding, for sorting and filtering in a spreadsheet.
///
/// Columns: path, department, year, table number, project, line, 一级, 二级, 三级, 指标值, rule, severity,
/// message, hint. UTF-8 with a BOM (Excel), RFC 4180 quoting, CRLF. The header and the severity names
/// follow `--lang`; rule ids never change. Findings with no row leave the row columns empty.
public struct CSVReporter: StreamingReportWriter {
    public let language: Language

    public init(language: Language = .zh) { self.language = language }

    public func writeStart<Sink: ReportSink>(tool: ToolInfo, to sink: inout Sink) {
        let l = Localizer(language: language)
        sink.write(CSVText.byteOrderMark)
        CSVText.writeRecord([l("文件", "path"), l("部门", "department"), l("年度", "year"),
                             l("表号", "table number"), l("项目", "project"), l("行号", "line"),
                             l("一级指标", "level 1"), l("二级指标", "level 2"), l("三级指标", "indicator"),
                             l("指标值", "value"), l("规则", "rule"), l("级别", "severity"),
                             l("问题", "message"), l("修改建议", "hint")], to: &sink)
    }

    public func writeDocument<Sink: ReportSink>(_ document: DocumentReport, position: Int, to sink: inout Sink) {
        // Buffered per document so that the writing code is specialised (see `writeBuffered`).
        sink.writeBuffered { buffer in writeDocumentBody(document, position: position, to: &buffer) }
    }

    private func writeDocumentBody(_ document: DocumentReport, position: Int, to sink: inout ByteBuffer) {
        let l = Localizer(language: language)
        let year = document.budgetYear.map(String.init) ?? ""
        let department = document.department ?? ""
        for table in document.tables {
            let number = table.table.printedNumber ?? String(table.table.index)
            for finding in table.findings {
                let row = table.row(for: finding)
                CSVText.writeRecord([document.path, department, year, number, table.table.project,
                                     String(finding.location.line),
                                     row?.level1.text ?? "", row?.level2.text ?? "",
                                     row?.name.text ?? finding.location.rowName ?? "", row?.value.raw ?? "",
                                     finding.ruleID, l.severity(finding.severity),
                                     finding.message.text(language), finding.hint.text(language)], to: &sink)
            }
        }
        for finding in document.findings {
            CSVText.writeRecord([document.path, department, year, "", "", String(finding.location.line),
                                 "", "", finding.location.rowName ?? "", "",
                                 finding.ruleID, l.severity(finding.severity),
                                 finding.message.text(language), finding.hint.text(language)], to: &sink)
        }
    }

    public func writeEnd<Sink: ReportSink>(summary: RunSummary, to sink: inout Sink) {}
}
