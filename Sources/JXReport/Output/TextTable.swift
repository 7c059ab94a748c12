/// A plain-text table with columns aligned by display width (Chinese characters count two columns).
struct TextTable {
    enum Alignment { case left, right }

    var header: [String]
    var alignments: [Alignment]
    var rows: [[String]] = []

    func write<Sink: ReportSink>(to sink: inout Sink) {
        var widths = header.map(TextWidth.width)
        for row in rows {
            for (column, cell) in row.enumerated() where column < widths.count {
                widths[column] = max(widths[column], TextWidth.width(cell))
            }
        }
        writeLine(header, widths: widths, to: &sink)
        writeLine(widths.map { String(repeating: "-", count: $0) }, widths: widths, to: &sink)
        for row in rows { writeLine(row, widths: widths, to: &sink) }
    }

    private func writeLine<Sink: ReportSink>(_ cells: [String], widths: [Int], to sink: inout Sink) {
        var line = ""
        for (column, width) in widths.enumerated() {
            let cell = column < cells.count ? cells[column] : ""
            let alignment = column < alignments.count ? alignments[column] : .left
            let isLast = column == widths.count - 1
            if column > 0 { line += "  " }
            switch alignment {
            case .right: line += TextWidth.padLeft(cell, to: width)
            // The last column needs no trailing padding.
            case .left: line += isLast ? cell : TextWidth.padRight(cell, to: width)
            }
        }
        sink.write(line + "\n")
    }
}
