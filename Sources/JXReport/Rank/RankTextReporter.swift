import JXModel

/// `jxlint rank` as an aligned text table (Chinese names count two columns wide).
public struct RankTextReporter: ReportWriter {
    public let language: Language

    public init(language: Language = .zh) { self.language = language }

    public func write<Sink: ReportSink>(_ report: RunReport, to sink: inout Sink) {
        let l = Localizer(language: language)
        var table = TextTable(header: RankColumns.header(l),
                              alignments: [.right, .left, .right, .right, .right, .right, .right, .right, .left, .right, .left])
        table.rows = DepartmentRanking.build(report).map { RankColumns.cells($0, l) }
        table.write(to: &sink)
    }
}
