import JXModel

/// The CSV output of `extract`: one record per indicator row with its table and parsed value.
///
/// Columns: path, department, year, table index, table number, project, title line, row line, 一级, 二级,
/// 三级, 绩效指标描述, 指标值 (as printed), comparator, number, upper number, unit, value kind,
/// 指标值确定依据. UTF-8 with a BOM, RFC 4180 quoting, CRLF; the header follows `--lang`.
public struct ExtractCSVReporter: StreamingReportWriter {
    public let language: Language

    public init(language: Language = .zh) { self.language = language }

    public func writeStart<Sink: ReportSink>(tool: ToolInfo, to sink: inout Sink) {
        let l = Localizer(language: language)
        sink.write(CSVText.byteOrderMark)
        CSVText.writeRecord([l("文件", "path"), l("部门", "department"), l("年度", "year"),
                             l("表序", "table index"), l("表号", "table number"), l("项目", "project"),
                             l("标题行号", "title line"), l("行号", "line"),
                             l("一级指标", "level 1"), l("二级指标", "level 2"), l("三级指标", "indicator"),
                             l("绩效指标描述", "description"), l("指标值", "value"), l("比较符", "comparator"),
                             l("数值", "number"), l("上限", "upper number"), l("单位", "unit"),
                             l("值类型", "value kind"), l("指标值确定依据", "basis")], to: &sink)
    }

    public func writeDocument<Sink: ReportSink>(_ document: DocumentReport, position: Int, to sink: inout Sink) {
        // Buffered per document so that the writing code is specialised (see `writeBuffered`).
        sink.writeBuffered { buffer in writeDocumentBody(document, position: position, to: &buffer) }
    }

    private func writeDocumentBody(_ document: DocumentReport, position: Int, to sink: inout ByteBuffer) {
        let year = document.budgetYear.map(String.init) ?? ""
        for table in document.tables {
            let goalTable = table.table
            for row in goalTable.rows {
                let value = row.value
                CSVText.writeRecord([document.path, document.department ?? "", year, String(goalTable.index),
                                     goalTable.printedNumber ?? "", goalTable.project, String(goalTable.line),
                                     String(row.line), row.level1.text, row.level2.text, row.name.text,
                                     row.description.text, value.raw, value.comparator?.rawValue ?? "",
                                     value.number.map(JSONText.number) ?? "",
                                     value.upperNumber.map(JSONText.number) ?? "", value.unit ?? "",
                                     value.kind.rawValue, row.basis.text], to: &sink)
            }
        }
    }

    public func writeEnd<Sink: ReportSink>(summary: RunSummary, to sink: inout Sink) {}
}
