import JXModel

/// `jxlint rank` as one self-contained HTML page: the scores as a bar chart (inline SVG) and the table.
public struct RankHTMLReporter: ReportWriter {
    public let language: Language

    public init(language: Language = .zh) { self.language = language }

    public func write<Sink: ReportSink>(_ report: RunReport, to sink: inout Sink) {
        let l = Localizer(language: language)
        let title = l("部门绩效目标质量排名", "Department ranking by goal-table quality")
        let ranking = DepartmentRanking.build(report)
        HTMLKit.pageStart(title: title, language: language, to: &sink)
        sink.write("<h1>\(HTMLKit.escape(title))</h1>\n")
        sink.write("<p class=\"muted\">\(HTMLKit.escape(report.tool.name)) \(HTMLKit.escape(report.tool.version)) · ")
        sink.write(HTMLKit.escape(l("\(report.summary.documents) 份文档，\(report.summary.tables) 张绩效目标表",
                                    "\(report.summary.documents) documents, \(report.summary.tables) goal tables")) + "</p>\n")
        sink.write("<figure><figcaption>\(HTMLKit.escape(l("部门得分", "Department scores")))</figcaption>\n")
        HTMLKit.rankingChart(ranking, language: language, to: &sink)
        sink.write("</figure>\n")
        HTMLKit.rankingTable(ranking, anchors: [:], language: language, to: &sink)
        HTMLKit.pageEnd(script: nil, to: &sink)
    }
}
