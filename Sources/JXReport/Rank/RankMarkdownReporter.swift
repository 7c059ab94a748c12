import JXModel

/// `jxlint rank` as a Markdown table.
public struct RankMarkdownReporter: ReportWriter {
    public let language: Language

    public init(language: Language = .zh) { self.language = language }

    public func write<Sink: ReportSink>(_ report: RunReport, to sink: inout Sink) {
        let l = Localizer(language: language)
        sink.write(l("# 部门绩效目标质量排名\n\n", "# Department ranking by goal-table quality\n\n"))
        sink.write("| " + RankColumns.header(l).joined(separator: " | ") + " |\n")
        sink.write("|---:|---|---:|---:|---:|---:|---:|---:|---|---:|---|\n")
        for line in DepartmentRanking.build(report) {
            var cells = RankColumns.cells(line, l).map(MarkdownReporter.cell)
            if cells.count > 8 { cells[8] = line.topRules.map { "`\($0.rule)`×\($0.count)" }.joined(separator: ", ") }
            sink.write("| " + cells.joined(separator: " | ") + " |\n")
        }
    }
}
