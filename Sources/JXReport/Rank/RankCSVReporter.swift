import JXModel

/// `jxlint rank` as CSV: UTF-8 with a BOM, RFC 4180 quoting, the columns of the text table.
public struct RankCSVReporter: ReportWriter {
    public let language: Language

    public init(language: Language = .zh) { self.language = language }

    public func write<Sink: ReportSink>(_ report: RunReport, to sink: inout Sink) {
        let l = Localizer(language: language)
        sink.write(CSVText.byteOrderMark)
        CSVText.writeRecord(RankColumns.header(l), to: &sink)
        for line in DepartmentRanking.build(report) {
            var cells = RankColumns.cells(line, l)
            // Empty rather than "—" for missing numbers, so a spreadsheet sorts the column as numbers.
            if line.rank == nil, !cells.isEmpty { cells[0] = "" }
            if line.score == nil, cells.count > 9 { cells[9] = "" }
            CSVText.writeRecord(cells, to: &sink)
        }
    }
}
