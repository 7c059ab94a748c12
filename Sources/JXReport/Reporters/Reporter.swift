import JXModel

/// The output formats of `check`, `extract` and `rank` (`--format`).
public enum ReportFormat: String, Sendable, Hashable, CaseIterable {
    case text, json, csv, sarif, markdown, html
}

/// Which command's view of a run a reporter writes.
public enum ReportView: String, Sendable, Hashable, CaseIterable {
    /// `jxlint check`: findings, scores and grades.
    case check
    /// `jxlint extract`: the parsed tables and rows, no findings (json, csv).
    case extract
    /// `jxlint rank`: departments ranked by score (text, csv, json, markdown, html).
    case rank
}

/// Writes a run in one format. Reporters hold only their options, so one can be shared across threads.
public protocol ReportWriter: Sendable {
    /// Writes `report` to `sink`. Large formats write piece by piece; nothing is buffered beyond the sink.
    func write<Sink: ReportSink>(_ report: RunReport, to sink: inout Sink)
}

/// A reporter that can also be fed one document at a time, so a long run can write each document as soon
/// as it has been checked instead of keeping every row of every document until the end.
///
/// Call `writeStart` once, `writeDocument` for each document in order, then `writeEnd` with the totals
/// (keep them with `RunSummary.add`). `write(_:to:)` does exactly this over a whole `RunReport`.
public protocol StreamingReportWriter: ReportWriter {
    func writeStart<Sink: ReportSink>(tool: ToolInfo, to sink: inout Sink)
    func writeDocument<Sink: ReportSink>(_ document: DocumentReport, position: Int, to sink: inout Sink)
    func writeEnd<Sink: ReportSink>(summary: RunSummary, to sink: inout Sink)
}

extension StreamingReportWriter {
    public func write<Sink: ReportSink>(_ report: RunReport, to sink: inout Sink) {
        writeStart(tool: report.tool, to: &sink)
        for (position, document) in report.documents.enumerated() {
            writeDocument(document, position: position, to: &sink)
        }
        writeEnd(summary: report.summary, to: &sink)
    }
}

/// A reporter whose report opens with what only the whole run tells (totals, the department ranking, the
/// rules) and then shows each document. It too is fed one document at a time: the command line keeps the
/// documents' part aside (in a temporary file) and writes the opening once the last document is in, so
/// memory holds one document at a time, not the run.
///
/// `writeOpening`, then the documents' part (`writeDocument` for each, in order), then `writeClosing`, is
/// the whole report. The run given to the opening and closing may have `standings` and no `documents`.
public protocol OverviewReportWriter: ReportWriter {
    func writeOpening<Sink: ReportSink>(_ run: RunReport, to sink: inout Sink)
    /// One document; `rules` are the run's rules (for their titles and positions), `findingsBefore` the
    /// number of findings of the documents before it (a list of all findings needs separators).
    func writeDocument<Sink: ReportSink>(_ document: DocumentReport, position: Int, findingsBefore: Int,
                                         rules: [RuleDescription], to sink: inout Sink)
    func writeClosing<Sink: ReportSink>(_ run: RunReport, to sink: inout Sink)
}

extension OverviewReportWriter {
    public func write<Sink: ReportSink>(_ report: RunReport, to sink: inout Sink) {
        writeOpening(report, to: &sink)
        var findingsBefore = 0
        for (position, document) in report.documents.enumerated() {
            writeDocument(document, position: position, findingsBefore: findingsBefore, rules: report.rules, to: &sink)
            findingsBefore += document.findingCount
        }
        writeClosing(report, to: &sink)
    }
}

/// Makes reporters.
public enum Reporter {
    /// The formats `view` can be written in.
    public static func formats(for view: ReportView) -> [ReportFormat] {
        switch view {
        case .check: return ReportFormat.allCases
        // extract's JSON is the parse model's own encoding, written by the command line (the Corpus
        // expectation files are in that format); only its CSV is a reporter.
        case .extract: return [.csv]
        case .rank: return [.text, .csv, .json, .markdown, .html]
        }
    }

    /// A reporter for `format`; nil when `view` has no such format (`extract --format sarif`).
    ///
    /// - Parameters:
    ///   - language: language of headings and messages (JSON keys and codes never change).
    ///   - color: ANSI colour in text output; the caller decides (a terminal, and no `--no-color`).
    public static func make(format: ReportFormat, view: ReportView = .check, language: Language = .zh,
                            color: Bool = false) -> (any ReportWriter)? {
        switch (view, format) {
        case (.check, .text): return TextReporter(language: language, color: color)
        case (.check, .json): return JSONReporter(language: language)
        case (.check, .csv): return CSVReporter(language: language)
        case (.check, .sarif): return SARIFReporter(language: language)
        case (.check, .markdown): return MarkdownReporter(language: language)
        case (.check, .html): return HTMLReporter(language: language)
        case (.extract, .csv): return ExtractCSVReporter(language: language)
        case (.rank, .text): return RankTextReporter(language: language)
        case (.rank, .csv): return RankCSVReporter(language: language)
        case (.rank, .json): return RankJSONReporter()
        case (.rank, .markdown): return RankMarkdownReporter(language: language)
        case (.rank, .html): return RankHTMLReporter(language: language)
        default: return nil
        }
    }
}
